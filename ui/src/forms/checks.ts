import type { CheckCode, FindingCount, FindingStatus, FindingView, RecordRef } from "../bindings";

/**
 * The 核查 screen's logic, kept out of the view so it can be tested: the filter the core reads,
 * the counts behind the filters, which review a finding takes where, and where a record the
 * finding names opens.
 */

/** The filters as the screen holds them: null = any. */
export interface CheckFilters {
  townshipId: string | null;
  check: CheckCode | null;
  status: FindingStatus | null;
}

export function emptyFilters(): CheckFilters {
  return { townshipId: null, check: null, status: null };
}

/** The filters a link opens the page with (the 首页's 未处理核查问题: `?status=open&township=ID`). */
export function filtersFromQuery(query: Record<string, unknown>): CheckFilters {
  const text = (v: unknown) => (typeof v === "string" && v !== "" ? v : null);
  const statuses: FindingStatus[] = ["open", "explained", "confirmed", "dismissed", "closed"];
  const status = text(query.status);
  return {
    ...emptyFilters(),
    townshipId: text(query.township),
    status: statuses.includes(status as FindingStatus) ? (status as FindingStatus) : null,
  };
}

/** The `FindingFilter` the core's `list_findings` takes. */
export function findingFilter(f: CheckFilters) {
  return { townshipId: f.townshipId, check: f.check, status: f.status };
}

/** How many findings the counts hold for a township / check / status (null = any). */
export function countOf(counts: readonly FindingCount[], f: CheckFilters): number {
  return counts
    .filter(
      (c) =>
        (f.townshipId === null || c.townshipId === f.townshipId) &&
        (f.check === null || c.check === f.check) &&
        (f.status === null || c.status === f.status),
    )
    .reduce((sum, c) => sum + c.count, 0);
}

/** Each status with its count under the other filters: the status filter's badges. */
export function statusCounts(
  counts: readonly FindingCount[],
  f: CheckFilters,
  statuses: readonly FindingStatus[],
): { status: FindingStatus; count: number }[] {
  return statuses.map((status) => ({ status, count: countOf(counts, { ...f, status }) }));
}

/** The checks that have any finding, in code order (the check filter's options). */
export function checksFound(counts: readonly FindingCount[]): CheckCode[] {
  return [...new Set(counts.map((c) => c.check))].sort();
}

export type Review = "explain" | "confirm" | "dismiss";

/**
 * The reviews a finding takes: only at the county hub (a laptop shows its findings read-only),
 * only while it waits for a decision (open or explained); an explained one is not explained again.
 */
export function reviewsFor(finding: Pick<FindingView, "status" | "stored">, hub: boolean): Review[] {
  if (!hub || !finding.stored) return [];
  if (finding.status === "open") return ["explain", "confirm", "dismiss"];
  if (finding.status === "explained") return ["confirm", "dismiss"];
  return [];
}

/** The fields a review refuses empty (the core's FINDING_NOTE_REQUIRED / FINDING_OFFICER_REQUIRED). */
export function reviewRequired(review: Review): readonly string[] {
  return review === "confirm" ? ["officer"] : ["officer", "note"];
}

/** The screen a record the finding names opens on; null when it has none of its own. */
export function recordRoute(record: Pick<RecordRef, "kind" | "id">): string | null {
  const id = encodeURIComponent(record.id);
  switch (record.kind) {
    case "household":
      return `/households/${id}`;
    case "agreement":
      return `/agreements/${id}`;
    case "inspection":
      return `/inspections/${id}`;
    case "training_session":
      return `/training/${id}`;
    case "operator":
      return "/operators";
    case "attendance":
      return "/training";
    case "inspection_photo":
      return "/inspections";
    case "roster":
      return "/agreements";
    case "callback_call":
      return "/checks?tab=callbacks";
    default:
      return null;
  }
}
