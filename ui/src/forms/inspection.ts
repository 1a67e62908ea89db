import type { Item, ObservedValue } from "../bindings";

/** The checklist form's state and the tagged values the Rust side takes. No rules: it judges them. */

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
