/** How the Sync screens word things. No rules: the values come from the Rust side. */
import type { DeviceRow } from "../bindings";
import { localDateZh } from "./dates";

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
