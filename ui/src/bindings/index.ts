// Generated from the Rust types by src-tauri/src/bindings.rs. Do not edit by hand:
// run `make bindings` after changing a command or a DTO.
import { invoke } from "@tauri-apps/api/core";

export type County = { id: string, code: string, name: string, };

export type TownshipSummary = { id: string, code: string, name: string, villageCount: number, poorVillageCount: number, };

export type Village = { id: string, code: string, name: string, townshipCode: string, townshipName: string, 
/**
 * 贫困村 (true) or 非贫困村 (false).
 */
poor: boolean, };

export type VillageInput = { townshipCode: string, code: string, name: string, poor: boolean, };

export type JsonValue = number | string | boolean | Array<JsonValue> | { [key in string]: JsonValue } | null;

export type HistoryEntry = { seq: number, op: string, 
/**
 * Local wall time of the change, `2026-11-21 08:30:05`.
 */
at: string, officer: string, device: string, 
/**
 * `{field: [old, new]}`.
 */
fields: { [key in string]: [JsonValue, JsonValue] }, };

export type IpcError = { code: string, message: string, field?: string, };

export type AppInfo = { appVersion: string, dbPath: string, schemaVersion: number, county: County | null, 
/**
 * The name the change log records for this device's writes.
 */
officer: string, 
/**
 * Set when the database could not be opened; every other command then answers this error.
 */
startupError: IpcError | null, };

/** Typed wrappers over `invoke`. A failed command rejects with an `IpcError`. */
export const commands = {
  /** Which database is open and what it holds; answers even when opening failed. */
  appInfo: (): Promise<AppInfo> =>
    invoke<AppInfo>("app_info"),
  /** Townships of the county with their village and poor-village counts, by code. */
  listTownships: (): Promise<Array<TownshipSummary>> =>
    invoke<Array<TownshipSummary>>("list_townships"),
  /** Villages of one township (9-digit code), by code. */
  listVillages: (townshipCode: string): Promise<Array<Village>> =>
    invoke<Array<Village>>("list_villages", { townshipCode }),
  /** Adds a village; refuses an empty name, a code of the wrong shape or a duplicate code. */
  addVillage: (input: VillageInput): Promise<Village> =>
    invoke<Village>("add_village", { input }),
  /** Edits a village's name, code, poor flag or township, keeping its id. */
  updateVillage: (id: string, input: VillageInput): Promise<Village> =>
    invoke<Village>("update_village", { id, input }),
  /** Remembers who uses this device; the change log names them from now on. */
  setOfficer: (name: string): Promise<string> =>
    invoke<string>("set_officer", { name }),
  /** Every change of a village, oldest first: who, when, which device, old → new. */
  villageHistory: (id: string): Promise<Array<HistoryEntry>> =>
    invoke<Array<HistoryEntry>>("village_history", { id }),
};
