/** Dates as the screens and printed forms write them. No rules: the values come from the Rust side. */

/** `2019-03-01` → `2019年3月1日` (no leading zeros, as printed forms write dates). */
export function formatDateZh(iso: string | null | undefined): string {
  if (!iso) return "";
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(iso);
  if (!m) return iso;
  return `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日`;
}

/** An RFC 3339 instant (`2026-11-22T04:50:00Z`) as the local calendar date, `2026年11月22日`. */
export function localDateZh(instant: string | null | undefined): string {
  if (!instant) return "";
  const d = new Date(instant);
  if (Number.isNaN(d.getTime())) return instant;
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日`;
}

/** A span of dates as printed forms write it: one date, or `start 至 end`. */
export function dateRangeZh(start: string, end: string, to: string): string {
  if (!end || end === start) return formatDateZh(start);
  return `${formatDateZh(start)} ${to} ${formatDateZh(end)}`;
}

/** An RFC 3339 instant as the local date and time, `2026年11月22日 12:50`. */
export function localDateTimeZh(instant: string | null | undefined): string {
  if (!instant) return "";
  const d = new Date(instant);
  if (Number.isNaN(d.getTime())) return instant;
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${localDateZh(instant)} ${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
