import { ApiError } from './client';

/**
 * Reads keyed by their URL, shared instead of sent twice:
 * - a read asked again while one is under way (React re-running an effect, a double click) shares the request
 *   in flight. For an identified report read this matters: each request spends one of the member's look-ups
 *   and writes an access-log entry, even when the browser stops listening.
 * - a read started ahead of the page (`preloadRead`, as soon as the route and the session are known, while the
 *   page's code still downloads) is handed to the first page that asks for it, answered or not, then
 *   forgotten: the page gets the data without a second request, and a later visit reads afresh.
 */
type Entry = { promise: Promise<unknown>; held: boolean; settled: boolean };

const reads = new Map<string, Entry>();

/** A preloaded answer nobody asked for within this time is dropped (a later visit reads afresh). */
const HOLD_MS = 15_000;

function start(key: string, load: () => Promise<unknown>, held: boolean): Entry {
  const entry: Entry = { promise: Promise.resolve(), held, settled: false };
  entry.promise = load().finally(() => {
    entry.settled = true;
    if (!entry.held) {
      if (reads.get(key) === entry) reads.delete(key);
      return;
    }
    setTimeout(() => {
      if (entry.held && reads.get(key) === entry) reads.delete(key);
    }, HOLD_MS);
  });
  // A preload that fails and is never asked for must not surface as an unhandled rejection; the page that
  // takes it gets the failure through its own `then`.
  entry.promise.catch(() => undefined);
  reads.set(key, entry);
  return entry;
}

/** Starts a read ahead of the page that will ask for it with `sharedRead` and the same key. */
export function preloadRead(key: string, load: () => Promise<unknown>): void {
  if (!reads.has(key)) start(key, load, true);
}

/** The read of `key`: the one in flight or preloaded if there is one, else a new one from `load`. */
export function sharedRead<T>(key: string, load: () => Promise<T>, signal?: AbortSignal): Promise<T> {
  let entry = reads.get(key);
  if (entry?.held) {
    entry.held = false;
    // Kept until the end of this task: React's development StrictMode runs an effect twice in a row, and
    // the second run must share this answer rather than send the read again.
    const taken = entry;
    if (entry.settled)
      setTimeout(() => {
        if (reads.get(key) === taken) reads.delete(key);
      }, 0);
  } else if (!entry) {
    entry = start(key, load, false);
  }
  const pending = entry.promise as Promise<T>;
  if (!signal) return pending;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () =>
      reject(new ApiError('ABORTED', { message: 'The request was cancelled.', status: 0 }));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    pending.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * For reads that need no sharing of their own: the preloaded read of `key` if there is one (see
 * `preloadRead`), else `load` as usual (its own request, cancelled with `signal`).
 */
export function preloadedOr<T>(
  key: string,
  load: (signal?: AbortSignal) => Promise<T>,
  signal?: AbortSignal,
): Promise<T> {
  return reads.has(key) ? sharedRead(key, () => load(), signal) : load(signal);
}
