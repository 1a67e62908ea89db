/** What the Funds screen shows of the core's fund records. No rules: whether a tranche may be
 * paid, what it amounts to and what is left are the core's answers; these only pick and group. */
import type { Application, Award, AwardClass, GateProblem, GateVerdict, IpcError, Recovery, TrancheState } from "../bindings";
import { problemsOf } from "../api/errors";

/** The gate's verdict on each award's next tranche, by award id. */
export function gateByAward(verdicts: readonly GateVerdict[]): Map<string, GateVerdict> {
  return new Map(verdicts.map((v) => [v.awardId, v]));
}

/**
 * The unmet payment conditions a refused payment names (`FUND_GATE_*`), each with the core's
 * message, in the core's order; empty when the refusal was about something else (a bad date …).
 */
export function gateProblemsOf(error: IpcError): GateProblem[] {
  const all: GateProblem[] = error.errors?.length ? error.errors : [{ code: error.code, message: error.message }];
  return all.filter((p) => p.code.startsWith("FUND_GATE_")).map((p) => ({ code: p.code, message: p.message }));
}

/** The messages of a refusal that are not gate conditions (shown under the form as usual). */
export function otherProblemsOf(error: IpcError): string[] {
  const problems = problemsOf(error);
  const list = problems.length ? problems : [{ code: error.code, message: error.message }];
  return list.filter((p) => !p.code.startsWith("FUND_GATE_")).map((p) => p.message);
}

/** Where a tranche stands, as its tag says it: paid, payable now, or held back by conditions. */
export type TrancheStanding = "paid" | "payable" | "blocked";

export function trancheStanding(t: TrancheState): TrancheStanding {
  if (t.paidDate && t.paid === t.amount) return "paid";
  return t.unmet.length ? "blocked" : "payable";
}

/** Where an application stands in the loop: awarded, decided, under review or just applied. */
export type ApplicationStanding = "awarded" | "approved" | "rejected" | "reviewing" | "applied";

export function applicationStanding(a: Application): ApplicationStanding {
  if (a.awardId) return "awarded";
  if (a.decision) return a.decision;
  return a.reviews.length ? "reviewing" : "applied";
}

/** Every recovery order of the awards shown, newest decision first. */
export function recoveriesOf(awards: readonly Award[]): Recovery[] {
  return awards
    .flatMap((a) => a.recoveries)
    .sort((x, y) => (x.decidedDate < y.decidedDate ? 1 : x.decidedDate > y.decidedDate ? -1 : 0));
}

/** The amount an award form starts with: the class's fixed standard, else empty (the clerk
 * chooses within the range the core states, or the core computes it from the investment). */
export function prefilledAmount(cls: AwardClass | undefined): string {
  return cls?.fixed ? cls.min : "";
}

/** What the class allows, for a hint under the amount: `5400.00`, `10000.00–30000.00`,
 * `≤ 40%`. Values as the core wrote them. */
export function classBounds(cls: AwardClass): string {
  if (cls.fixed) return cls.min;
  const share = cls.investmentShare ? `≤ ${cls.investmentShare}%` : "";
  const range = cls.max ? `${cls.min}–${cls.max}` : "";
  return [range, share].filter(Boolean).join("，");
}

/** Today on this computer as `YYYY-MM-DD`, what a date field of a fund form starts with. */
export function localToday(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
