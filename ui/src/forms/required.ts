/**
 * The fields each form's core validation refuses empty: their labels carry Element Plus's
 * required mark (`FormDialog` / `InlineForm` / `provideFeedback` hand the list to every
 * `FormField`). Only "required" lives here; every other rule is the core's, and its messages
 * come back under the fields.
 */
export const REQUIRED = {
  household: ["headName", "idNumber", "size", "villageId", "category"],
  member: ["name", "idNumber", "relation"],
  operator: ["kind", "name"],
  agreement: ["number", "year", "operatorId", "modes", "priceValue", "termStart", "termEnd"],
  ledger: ["householdId", "date", "product", "quantity", "unit", "unitPrice"],
  roster: ["householdId"],
  trainingSession: ["programmeId", "kind", "title", "startDate", "endDate", "plannedHeadcount"],
  notice: ["title", "issuer", "places", "startDate", "endDate", "phoneLocal"],
  objection: ["receivedDate", "content"],
  village: ["code", "name"],
  inspection: ["programmeId", "operatorId", "stage", "date", "inspectors"],
  fundApplication: ["operatorId", "classKey", "appliedDate"],
  fundReview: ["step", "reviewer", "reviewDate", "opinion"],
  fundDecision: ["decision", "decidedBy", "decidedDate"],
  fundAward: ["decidedDate"],
  fundContract: ["contractNo", "contractDate"],
  fundPayment: ["tranche", "paidDate"],
  fundOverride: ["reason", "officer", "date"],
  fundReversal: ["date", "reason"],
  fundRecovery: ["grounds", "reason", "decidedDate", "dueDate"],
  fundRecovered: ["amount", "receivedDate"],
  fundBanLift: ["date", "reason"],
} as const satisfies Record<string, readonly string[]>;

/** A training session held in a township (乡镇下沉式) also needs the township. */
export function trainingSessionRequired(needsTownship: boolean): readonly string[] {
  return needsTownship ? [...REQUIRED.trainingSession, "townshipId"] : REQUIRED.trainingSession;
}
