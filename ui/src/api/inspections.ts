import type { Conclusion, Item, ObservedValue, Outcome, Stage } from "../bindings";

/** Display helpers for inspections. No rules here: outcomes and conclusions come from Rust. */

export const STAGES: readonly Stage[] = ["preliminary", "acceptance", "recheck"];

export const CONCLUSION_TAG: Record<Conclusion, "success" | "danger" | "warning"> = {
  pass: "success",
  fail: "danger",
  rectify: "warning",
};

export const OUTCOME_TAG: Record<Outcome, "success" | "danger" | "info" | "warning"> = {
  met: "success",
  not_met: "danger",
  not_applicable: "info",
  missing: "warning",
};

type T = (key: string, named?: Record<string, unknown>) => string;

/** A number with the unit an item is measured in: money 元, percent %, counts their own unit. */
export function withUnit(value: string, item: Pick<Item, "valueType" | "unit"> | undefined, t: T): string {
  if (!item) return value;
  if (item.valueType === "money") return t("programmes.yuan", { amount: value });
  if (item.valueType === "percent") return `${value}%`;
  return item.unit ? `${value} ${item.unit}` : value;
}

/** An item's threshold as the programme sets it, with its unit. */
export function thresholdText(item: Item, t: T): string {
  if (item.threshold == null) return "";
  return withUnit(item.threshold, item, t);
}

/** An observed or computed value as the inspector would read it. */
export function observedText(value: ObservedValue | undefined, item: Item | undefined, t: T): string {
  if (!value) return t("common.none");
  switch (value.kind) {
    case "bool":
      return value.value ? t("inspection.yes") : t("inspection.no");
    case "number":
      return withUnit(value.value, item, t);
    case "text":
      return value.value;
    case "not_applicable":
      return t("labels.outcome.not_applicable");
  }
}

/** What the checklist form holds for one typed item. */
export type ItemEntry = {
  /** boolean items: met → true, not_met → false, not_applicable; "" = not recorded yet. */
  choice: "" | "met" | "not_met" | "not_applicable";
  /** count, money, percent and text items, as typed. */
  text: string;
  /** count, money, percent and text items marked 不适用. */
  notApplicable: boolean;
};

export function emptyEntry(): ItemEntry {
  return { choice: "", text: "", notApplicable: false };
}

/** A saved observation back into the form's entry. */
export function entryFrom(value: ObservedValue): ItemEntry {
  switch (value.kind) {
    case "bool":
      return { choice: value.value ? "met" : "not_met", text: "", notApplicable: false };
    case "number":
    case "text":
      return { choice: "", text: value.value, notApplicable: false };
    case "not_applicable":
      return { choice: "not_applicable", text: "", notApplicable: true };
  }
}

/** The tagged value the Rust side takes for a typed item, or null when nothing was recorded. */
export function observedFrom(item: Item, entry: ItemEntry | undefined): ObservedValue | null {
  if (!entry) return null;
  if (item.valueType === "boolean") {
    if (entry.choice === "met") return { kind: "bool", value: true };
    if (entry.choice === "not_met") return { kind: "bool", value: false };
    if (entry.choice === "not_applicable") return { kind: "not_applicable" };
    return null;
  }
  if (entry.notApplicable) return { kind: "not_applicable" };
  const text = entry.text.trim();
  if (!text) return null;
  return item.valueType === "text" ? { kind: "text", value: text } : { kind: "number", value: text };
}
