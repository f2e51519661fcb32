import v8 from 'node:v8';
import vm from 'node:vm';

let collect: (() => void) | null | undefined;

/**
 * Long streaming jobs (imports of millions of rows) call this between batches. V8 otherwise lets short-lived
 * garbage grow the heap towards its gigabyte-sized limit before a full collection, and a job's memory must
 * stay bounded whatever the size of its input.
 */
export function collectGarbageAbove(heapBytes: number): void {
  if (collect === undefined) {
    try {
      v8.setFlagsFromString('--expose-gc');
      collect = vm.runInNewContext('gc') as () => void;
    } catch {
      collect = null;
    }
  }
  if (collect && v8.getHeapStatistics().used_heap_size > heapBytes) collect();
}
