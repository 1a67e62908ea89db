import type { CriteriaTemplate, Item, ObservedValue } from "../bindings";

/** How an inspection's values read on screen. No rules here: outcomes and conclusions come from Rust. */

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

export type CriteriaGroup = { key: "eligibility" | "scored"; title: string; items: Item[] };

/** A programme's checklist as two groups: the eligibility items, then (if any) the scored items
 * of which at least `scoredMin` must be met. `key` is the group's test id. */
export function criteriaGroups(criteria: CriteriaTemplate, t: T): CriteriaGroup[] {
  const groups: CriteriaGroup[] = [
    { key: "eligibility", title: t("programmes.eligibility"), items: criteria.eligibility },
  ];
  if (criteria.scored.length) {
    groups.push({
      key: "scored",
      title: t("programmes.scored", { count: criteria.scored.length, min: criteria.scoredMin }),
      items: criteria.scored,
    });
  }
  return groups;
}
