// A date input's value and time, both in local time. Pure; shared by the matching panel and its tests.

/** "YYYY-MM-DD" of `d` in local time (a date input's value). */
export function isoDay(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** The last millisecond of a date input's day, local time; null when it is not a date. */
export function endOfDay(day: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const start = new Date(y, mo - 1, d);
  // 2026-02-31 is not a day (Date would roll it over into March).
  if (start.getMonth() !== mo - 1 || start.getDate() !== d) return null;
  return new Date(y, mo - 1, d + 1).getTime() - 1;
}
