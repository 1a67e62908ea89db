import type { HalfDays, SlotTally, TrainingSession } from "../bindings";
import { HALF_DAYS } from "../format/labels";

/** The training session form's state and the input the Rust side takes. No rules: it checks every value. */

/** Trainers as typed: separated by commas (either width), 、, semicolons or new lines. */
export function splitTrainers(text: string): string[] {
  return text
    .split(/[,，、;；\n\r]+/)
    .map((name) => name.trim())
    .filter((name) => name !== "");
}

function isoDate(d: Date): string {
  const m = String(d.getUTCMonth() + 1).padStart(2, "0");
  const day = String(d.getUTCDate()).padStart(2, "0");
  return `${d.getUTCFullYear()}-${m}-${day}`;
}

/**
 * The slots the Rust side generates from the dates for `half` (only to recognise them again).
 * Kept because `TrainingSession` does not say which half-days setting its slots came from
 * (no `halfDays` field): once the DTO carries it, this and `slotsSetting` go.
 */
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
