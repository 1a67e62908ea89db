/** Money and shares as the screens show them. No rules: the values come from the Rust side as it sent them. */

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

/** Yuan as the Rust side wrote it (`12345.00`) with thousands separators (`12,345.00`), as printed. */
export function groupYuan(yuan: string): string {
  const m = /^(-)?(\d+)(\.\d+)?$/.exec(yuan.trim());
  if (!m) return yuan;
  return `${m[1] ?? ""}${m[2].replace(/\B(?=(\d{3})+(?!\d))/g, ",")}${m[3] ?? ""}`;
}

/** A share as the Rust side wrote it (`0.8`) as a percentage (`80`), by moving the decimal point. */
export function shareAsPercent(share: string): string {
  const m = /^(\d+)(?:\.(\d*))?$/.exec(share.trim());
  if (!m) return share;
  const frac = (m[2] ?? "").padEnd(2, "0");
  const whole = `${m[1]}${frac.slice(0, 2)}`.replace(/^0+(?=\d)/, "");
  const rest = frac.slice(2).replace(/0+$/, "");
  return rest ? `${whole}.${rest}` : whole;
}
