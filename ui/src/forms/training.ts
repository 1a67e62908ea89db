import type { HalfDays, SlotTally, TrainingSession } from "../bindings";

/** The training session form's state and the input the Rust side takes. No rules: it checks every value. */

/** Trainers as typed: separated by commas (either width), 、, semicolons or new lines. */
export function splitTrainers(text: string): string[] {
  return text
    .split(/[,，、;；\n\r]+/)
    .map((name) => name.trim())
    .filter((name) => name !== "");
}

/**
 * How a saved session's slots were made, so an edit sends them back the same way: the half-days
 * setting whose generated slots they are, or — for slots chosen one by one — the list itself.
 */
export function slotsSetting(session: Pick<TrainingSession, "halfDays"> & { slots: SlotTally[] }): {
  halfDays: HalfDays;
  custom: string[] | null;
} {
  if (session.halfDays) return { halfDays: session.halfDays, custom: null };
  return { halfDays: "both", custom: session.slots.map((s) => s.slot) };
}
