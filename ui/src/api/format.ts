/** Display helpers. No rules live here: the values come from the Rust side as it sent them. */

/** `2019-03-01` → `2019年3月1日` (no leading zeros, as printed forms write dates). */
export function formatDateZh(iso: string | null | undefined): string {
  if (!iso) return "";
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(iso);
  if (!m) return iso;
  return `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日`;
}

function toFen(yuan: string): bigint {
  const m = /^(-)?(\d+)(?:\.(\d{1,2}))?$/.exec(yuan.trim());
  if (!m) return 0n;
  const fen = BigInt(m[2]) * 100n + BigInt((m[3] ?? "").padEnd(2, "0"));
  return m[1] ? -fen : fen;
}

/** Adds yuan amounts as the Rust side wrote them (`656.23`), exactly, in fen: never floats. */
export function sumYuan(values: readonly string[]): string {
  const fen = values.reduce((sum, v) => sum + toFen(v), 0n);
  const abs = fen < 0n ? -fen : fen;
  const cents = String(abs % 100n).padStart(2, "0");
  return `${fen < 0n ? "-" : ""}${abs / 100n}.${cents}`;
}
