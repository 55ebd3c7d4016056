// Calendar dates as the pipeline keeps them: ISO `YYYY-MM-DD` strings.

/** `2021-02-08` for a day that exists (no 30 February), else null. */
export function isoDateOf(day: number, month: number, year: number): string | null {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const iso = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return new Date(`${iso}T00:00:00Z`).getUTCDate() === day ? iso : null;
}
