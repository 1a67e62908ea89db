import type { CallbackSample, CallOutcome } from "../bindings";

/**
 * The 回访 tab's logic, kept out of the components so it can be tested: which outcomes a call
 * takes, which fields its form marks required, what a sample's calls add up to, and who may
 * draw. The rules themselves (a note on a denial, the date not after today) are the core's.
 */

/** The outcomes in the order the form offers them. */
export const OUTCOMES: readonly CallOutcome[] = ["reached", "confirms", "denies", "unreachable"];

/** The fields the core refuses empty (`CALLBACK_OUTCOME`, `CALLBACK_OFFICER`, and on a denial
 * `CALLBACK_NOTE`): their labels carry the required mark. */
export function callRequired(outcome: CallOutcome | "" | null): readonly string[] {
  return outcome === "denies" ? ["outcome", "officer", "note"] : ["outcome", "officer"];
}

/** How a sample's calls stand: recorded so far, and each outcome's count. */
export function outcomeCounts(sample: Pick<CallbackSample, "items">): Record<CallOutcome | "pending", number> {
  const counts: Record<CallOutcome | "pending", number> = { reached: 0, confirms: 0, denies: 0, unreachable: 0, pending: 0 };
  for (const item of sample.items) counts[item.outcome ?? "pending"] += 1;
  return counts;
}

/** The outcomes a sample's calls found, for its row in the list: `["confirms", 2]`, … without
 * the ones no call found, in the form's order. */
export function outcomesFound(sample: Pick<CallbackSample, "items">): [CallOutcome, number][] {
  const counts = outcomeCounts(sample);
  return OUTCOMES.filter((o) => counts[o] > 0).map((o) => [o, counts[o]]);
}

/** Only the county hub draws and records call-backs (the core answers `CALLBACK_COUNTY_ONLY`
 * on a township laptop); a database not set up for sync is the county's own. */
export function drawsCallbacks(syncMode: string | null | undefined): boolean {
  return syncMode !== "device";
}

/** Tag colours of the outcomes: a denial stands out, an unreachable household is to call again. */
export const OUTCOME_TYPE: Record<CallOutcome, "success" | "danger" | "warning" | "info"> = {
  confirms: "success",
  denies: "danger",
  reached: "info",
  unreachable: "warning",
};
