import type { HalfDays, SlotTally, TargetProgress, TrainingKind, TrainingSession } from "../bindings";
import { formatDateZh } from "./format";

/** Display helpers for training. No rules here: the Rust side checks every value it is sent. */

export const TRAINING_KINDS: readonly TrainingKind[] = ["township_onsite", "county", "field_trip"];

export const HALF_DAYS: readonly HalfDays[] = ["both", "am", "pm"];

/**
 * An ID number as lists show it: the first 6 and the last 4 characters with 8 stars between
 * (`621221********1234`). Anything too short to mask that way is all stars, never shown bare.
 */
export function maskId(id: string): string {
  const text = id.trim();
  if (!text) return "";
  if (text.length <= 10) return "*".repeat(text.length);
  return `${text.slice(0, 6)}********${text.slice(-4)}`;
}

/** Trainers as typed: separated by commas (either width), 、, semicolons or new lines. */
export function splitTrainers(text: string): string[] {
  return text
    .split(/[,，、;；\n\r]+/)
    .map((name) => name.trim())
    .filter((name) => name !== "");
}

/** A session's dates as printed forms write them: one date, or `start 至 end`. */
export function dateRangeZh(start: string, end: string, to: string): string {
  if (!end || end === start) return formatDateZh(start);
  return `${formatDateZh(start)} ${to} ${formatDateZh(end)}`;
}

function isoDate(d: Date): string {
  const m = String(d.getUTCMonth() + 1).padStart(2, "0");
  const day = String(d.getUTCDate()).padStart(2, "0");
  return `${d.getUTCFullYear()}-${m}-${day}`;
}

/** The slots the Rust side generates from the dates for `half` (only to recognise them again). */
function generatedSlots(start: string, end: string, half: HalfDays): string[] {
  const from = Date.parse(`${start}T00:00:00Z`);
  const to = Date.parse(`${end}T00:00:00Z`);
  if (Number.isNaN(from) || Number.isNaN(to) || to < from) return [];
  const out: string[] = [];
  for (let t = from; t <= to && out.length < 1000; t += 86_400_000) {
    const day = isoDate(new Date(t));
    if (half !== "pm") out.push(`${day} am`);
    if (half !== "am") out.push(`${day} pm`);
  }
  return out;
}

/**
 * How a saved session's slots were made, so an edit sends them back the same way: the half-days
 * setting whose generated slots they are, or — for slots chosen one by one — the list itself.
 */
export function slotsSetting(session: Pick<TrainingSession, "startDate" | "endDate"> & { slots: SlotTally[] }): {
  halfDays: HalfDays;
  custom: string[] | null;
} {
  const slots = session.slots.map((s) => s.slot);
  for (const half of HALF_DAYS) {
    const generated = generatedSlots(session.startDate, session.endDate, half);
    if (generated.length === slots.length && generated.every((s, i) => s === slots[i])) {
      return { halfDays: half, custom: null };
    }
  }
  return { halfDays: "both", custom: slots };
}

/** How full a target's bar is, 0–100; a target of 0 is reached by anything. */
export function targetPercent(target: TargetProgress): number {
  if (target.achieved == null) return 0;
  if (target.target <= 0) return 100;
  return Math.min(100, Math.floor((target.achieved * 100) / target.target));
}
