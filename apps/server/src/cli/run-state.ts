let isLongRunning = false;

/** Called by commands that keep running after their action returns (`serve`). */
export function markLongRunning(): void {
  isLongRunning = true;
}

export function isMarkedLongRunning(): boolean {
  return isLongRunning;
}
