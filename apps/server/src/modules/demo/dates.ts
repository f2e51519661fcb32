const DAY_MS = 86_400_000;

/** Days since 1970-01-01 of an ISO date (UTC). */
export function dayOf(iso: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) throw new RangeError(`not an ISO date (YYYY-MM-DD): ${JSON.stringify(iso)}`);
  const day = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / DAY_MS;
  if (isoOf(day) !== iso) throw new RangeError(`not a calendar date: ${JSON.stringify(iso)}`);
  return day;
}

/** The ISO date of a day number. */
export function isoOf(day: number): string {
  return new Date(Math.floor(day) * DAY_MS).toISOString().slice(0, 10);
}

/** The last day of the month containing `day`. */
export function monthEndOf(day: number): number {
  const date = new Date(Math.floor(day) * DAY_MS);
  return Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0) / DAY_MS;
}

/** Adds whole months (clamped to the month's last day). */
export function addMonths(day: number, months: number): number {
  const date = new Date(Math.floor(day) * DAY_MS);
  const target = Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1) / DAY_MS;
  return Math.min(target + date.getUTCDate() - 1, monthEndOf(target));
}

/** Quarter ends (03-31, 06-30, 09-30, 12-31) in [from, to], plus `to` itself if it is not one. */
export function snapshotDays(from: number, to: number): number[] {
  const days: number[] = [];
  const start = new Date(Math.floor(from) * DAY_MS);
  let year = start.getUTCFullYear();
  let quarter = Math.floor(start.getUTCMonth() / 3);
  for (;;) {
    const end = Date.UTC(year, quarter * 3 + 3, 0) / DAY_MS;
    if (end > to) break;
    if (end >= from) days.push(end);
    quarter += 1;
    if (quarter === 4) {
      quarter = 0;
      year += 1;
    }
  }
  if (days[days.length - 1] !== to) days.push(to);
  return days;
}

/** The months (first day, last day) whose last day lies in (from, to]; the last month is cut at `to`. */
export function monthsBetween(from: number, to: number): { first: number; last: number; iso: string }[] {
  const months: { first: number; last: number; iso: string }[] = [];
  let first = monthEndOf(from) + 1;
  while (first <= to) {
    const last = Math.min(monthEndOf(first), to);
    months.push({ first, last, iso: isoOf(first).slice(0, 7) });
    first = monthEndOf(first) + 1;
  }
  return months;
}
