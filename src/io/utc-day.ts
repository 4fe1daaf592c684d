/**
 * The UTC day of a time, `YYYY-MM-DD`: what `new Date(ms).toISOString().slice(0, 10)` gives for the years 0 to
 * 9999, without its first call, which costs a CLI run about 0.2 ms (the UTC getters cost a twentieth of that).
 */
export function utcDay(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number, width: number) => String(n).padStart(width, "0");
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}`;
}
