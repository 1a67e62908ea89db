/** Display helpers for the Sync screens. No rules: the values come from the Rust side. */
import type { DeviceRow } from "../bindings";

/** An RFC 3339 instant (`2026-11-22T04:50:00Z`) as the local calendar date, `2026年11月22日`. */
export function localDateZh(instant: string | null | undefined): string {
  if (!instant) return "";
  const d = new Date(instant);
  if (Number.isNaN(d.getTime())) return instant;
  return `${d.getFullYear()}年${d.getMonth() + 1}月${d.getDate()}日`;
}

type Translate = (key: string, values?: Record<string, unknown>) => string;

/** A device's status in the county's list: 在用, or 已注销 with the date it was revoked. */
export function deviceStatusText(device: DeviceRow, t: Translate): string {
  if (device.status === "revoked") {
    return device.revokedAt ? t("sync.revokedOn", { date: localDateZh(device.revokedAt) }) : t("sync.deviceStatus.revoked");
  }
  return t(`sync.deviceStatus.${device.status}`);
}

/** Devices that can still be revoked or sent a package. */
export function activeDevices(devices: readonly DeviceRow[]): DeviceRow[] {
  return devices.filter((d) => d.status === "active");
}
