/** Times as a person reads them, worked out when shown (a tooltip), never stored in a row. Pure. */

const UNITS: [ms: number, one: string][] = [
  [365 * 24 * 3600_000, 'year'],
  [30 * 24 * 3600_000, 'month'],
  [7 * 24 * 3600_000, 'week'],
  [24 * 3600_000, 'day'],
  [3600_000, 'hour'],
  [60_000, 'minute'],
  [1000, 'second'],
];

/** `3 hours`, `1 minute`, `less than a second`: the largest whole unit, as `docker ps` does. */
export function duration(ms: number): string {
  for (const [size, one] of UNITS) {
    const n = Math.floor(Math.abs(ms) / size);
    if (n >= 1) return `${n} ${one}${n === 1 ? '' : 's'}`;
  }
  return 'less than a second';
}

const pad = (n: number): string => String(n).padStart(2, '0');

/** `10:02` today, `2025-11-23 10:02` another day (local time). */
export function clock(date: Date, now: Date): string {
  const time = `${pad(date.getHours())}:${pad(date.getMinutes())}`;
  const sameDay = date.getFullYear() === now.getFullYear() && date.getMonth() === now.getMonth() && date.getDate() === now.getDate();
  return sameDay ? time : `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${time}`;
}

/** `2025-11-23`: a date that does not rot in a row's description. */
export function day(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** `3 hours ago, at 10:02`. */
export function ago(date: Date, now: Date): string {
  return `${duration(now.getTime() - date.getTime())} ago, at ${clock(date, now)}`;
}
