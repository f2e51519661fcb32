import { describe, expect, it } from 'vitest';
import { preloadedOr, preloadRead, sharedRead } from './shared-read';

const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

function counter<T>(value: T) {
  const calls: Array<AbortSignal | undefined> = [];
  const load = (signal?: AbortSignal) => {
    calls.push(signal);
    return Promise.resolve(value);
  };
  return { calls, load };
}

describe('shared reads', () => {
  it('shares a read in flight and forgets it once answered', async () => {
    const { calls, load } = counter('a');
    const first = sharedRead('/x/1', load);
    const second = sharedRead('/x/1', load);
    expect(await first).toBe('a');
    expect(await second).toBe('a');
    expect(calls).toHaveLength(1);
    await nextTask();
    await sharedRead('/x/1', load);
    expect(calls).toHaveLength(2);
  });

  it('hands a preloaded answer to the first page that asks, then reads afresh', async () => {
    const { calls, load } = counter({ report: 1 });
    preloadRead('/x/2', load);
    preloadRead('/x/2', load);
    await nextTask();
    expect(calls).toHaveLength(1);
    // The page asks after the answer came: it gets it without a request.
    expect(await sharedRead('/x/2', load)).toEqual({ report: 1 });
    // A second run of the same effect in the same task (StrictMode) shares it too.
    await sharedRead('/x/2', load);
    expect(calls).toHaveLength(1);
    await nextTask();
    await sharedRead('/x/2', load);
    expect(calls).toHaveLength(2);
  });

  it('hands a failed preload to the page as its failure', async () => {
    let calls = 0;
    preloadRead('/x/3', () => {
      calls++;
      return Promise.reject(new Error('refused'));
    });
    await nextTask();
    await expect(sharedRead('/x/3', () => Promise.resolve('other'))).rejects.toThrow('refused');
    expect(calls).toBe(1);
  });

  it('takes a preload when there is one, else loads with the caller signal', async () => {
    const { calls, load } = counter(7);
    const controller = new AbortController();
    expect(await preloadedOr('/x/4', load, controller.signal)).toBe(7);
    expect(calls).toEqual([controller.signal]);
    preloadRead('/x/4', load);
    expect(await preloadedOr('/x/4', load, controller.signal)).toBe(7);
    expect(calls).toHaveLength(2);
    expect(calls[1]).toBeUndefined();
  });

  it('rejects a caller that stops listening, without cancelling the shared read', async () => {
    let resolve: (value: string) => void = () => {};
    preloadRead('/x/5', () => new Promise<string>((done) => (resolve = done)));
    const controller = new AbortController();
    const aborted = sharedRead('/x/5', () => Promise.resolve('second'), controller.signal);
    controller.abort();
    await expect(aborted).rejects.toMatchObject({ code: 'ABORTED' });
    const again = sharedRead('/x/5', () => Promise.resolve('second'));
    resolve('first');
    expect(await again).toBe('first');
  });
});
