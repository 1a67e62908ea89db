/** Money and shares as the screens show them. No rules: the values come from the Rust side as it sent them. */

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
