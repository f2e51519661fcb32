/**
 * A code loader (`() => import(...)`) that fetches once and remembers the module once it has come, so that
 * a component can render it at once instead of suspending (see ui/lazy.tsx). No React here: the app's
 * first module uses these to start the opening page's chunks before React is even parsed.
 */
export type Loader<M> = (() => Promise<M>) & { readonly loaded: M | undefined };

export function loader<M>(load: () => Promise<M>): Loader<M> {
  let pending: Promise<M> | undefined;
  let loaded: M | undefined;
  const start = () => {
    pending ??= load().then(
      (module) => {
        loaded = module;
        return module;
      },
      (error: unknown) => {
        // Forget the failure: the next call asks again (and the page shows the error if it fails again).
        pending = undefined;
        throw error;
      },
    );
    return pending;
  };
  return Object.defineProperty(start, 'loaded', { get: () => loaded }) as Loader<M>;
}
