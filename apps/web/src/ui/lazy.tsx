import { type ComponentType, type LazyExoticComponent, lazy, useState } from 'react';
import type { Loader } from './loader';

export type LazyComponent<P extends object> = ComponentType<P> & {
  /** Starts downloading the code (idempotent); the component renders at once when it has come. */
  preload: () => Promise<unknown>;
};

/**
 * `React.lazy` that does not suspend when its code is already there. React 19 holds back content that
 * replaces a Suspense fallback until 300 ms after the fallback was shown (FALLBACK_THROTTLE_MS), so a
 * chunk that was prefetched and is ready still cost a page 300 ms if it went through `lazy`. This renders
 * the loaded component directly when it is ready (preloaded), and falls back to `lazy` (with its
 * Suspense) only when it is not. Each mounted instance keeps the form it started with, so a component is
 * never remounted because its code arrived.
 */
export function lazyComponent<P extends object>(
  load: Loader<{ default: ComponentType<P> }>,
): LazyComponent<P> {
  const Lazy: LazyExoticComponent<ComponentType<P>> = lazy(load);
  // biome-ignore lint/correctness/noComponentHookFactories: made once per lazily loaded module, at module level, like React.lazy
  function Component(props: P) {
    const [Ready] = useState(() => load.loaded?.default);
    return Ready ? <Ready {...props} /> : <Lazy {...props} />;
  }
  Component.displayName = 'LazyComponent';
  return Object.assign(Component, { preload: load });
}
