import { useI18n } from "vue-i18n";
import type {
  Conclusion,
  HalfDays,
  LinkageMode,
  OperatorKind,
  Outcome,
  PriceRule,
  Stage,
  TrainingKind,
} from "../bindings";

/** The enum values in the order forms offer them; their labels are in i18n `labels.*`. */
export const OPERATOR_KINDS: readonly OperatorKind[] = [
  "demo_shop",
  "enterprise",
  "cooperative",
  "supply_centre",
  "service_station",
  "training_provider",
];

export const LINKAGE_MODES: readonly LinkageMode[] = [
  "protective_purchase",
  "sale_on_behalf",
  "employment",
  "dividend",
  "land_lease",
  "training",
];

export const PRICE_RULES: readonly PriceRule[] = ["none", "fixed", "market_plus"];

export const TRAINING_KINDS: readonly TrainingKind[] = ["township_onsite", "county", "field_trip"];

export const HALF_DAYS: readonly HalfDays[] = ["both", "am", "pm"];

export const STAGES: readonly Stage[] = ["preliminary", "acceptance", "recheck"];

/** Tag colours: 合格 green, 限期整改 yellow, 不合格 red. */
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

/** Lists carry the conclusion as the Rust side labels it (合格 …): its code, for colour and locale. */
const CONCLUSION_BY_LABEL: Record<string, Conclusion> = {
  合格: "pass",
  不合格: "fail",
  限期整改: "rectify",
};

export function conclusionFromLabel(label: string): Conclusion | null {
  return CONCLUSION_BY_LABEL[label.trim()] ?? null;
}

const STAGE_BY_LABEL: Record<string, Stage> = {
  乡镇初验: "preliminary",
  县级验收: "acceptance",
  县级复核: "recheck",
};

export function stageFromLabel(label: string): Stage | null {
  return STAGE_BY_LABEL[label.trim()] ?? null;
}

/**
 * A label from the locale, or — for a value the locale has no label for (a county's own kind, a
 * field the core added) — the core's own wording, `fallback`.
 */
export function useLabel() {
  const { t, te } = useI18n();
  return (key: string, fallback: string): string => (te(key) ? t(key) : fallback);
}
