import { useI18n } from "vue-i18n";
import type {
  JsonValue,
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

/**
 * A label from the locale, or — for a value the locale has no label for (a county's own kind, a
 * field the core added) — the core's own wording, `fallback`.
 */
export function useLabel() {
  const { t, te } = useI18n();
  return (key: string, fallback: string): string => (te(key) ? t(key) : fallback);
}

/**
 * Which i18n map labels a coded value in a record's history: `entity.field` first, then the
 * field alone. The change log keeps codes (`acceptance`, `market_plus`); people read labels.
 */
const HISTORY_LABELS: Record<string, string> = {
  stage: "labels.stage",
  conclusion: "labels.conclusion",
  status: "labels.status",
  mode: "labels.mode",
  modes: "labels.mode",
  price_rule: "labels.priceRule",
  "operator.kind": "labels.kind",
  "programme.kind": "labels.programmeKind",
  "training_session.kind": "labels.trainingKind",
  "household.category": "labels.category",
  "attendance.sex": "labels.sex",
  "notice.subject": "printing.notices.subjects",
  "county.notice_ids": "labels.noticeIds",
};

type Translate = (key: string) => string;
type Exists = (key: string) => boolean;

/** One old or new value of a record's history as a person reads it. */
export function historyValue(entity: string, field: string, value: JsonValue, t: Translate, te: Exists): string {
  if (value === null) return t("history.empty");
  const map = HISTORY_LABELS[`${entity}.${field}`] ?? HISTORY_LABELS[field];
  const label = (code: string) => (map && te(`${map}.${code}`) ? t(`${map}.${code}`) : code);
  // Lists are kept as JSON text (`["protective_purchase"]`, inspectors, slots …).
  const parsed = typeof value === "string" && /^[[{]/.test(value) ? parseJson(value) : value;
  if (Array.isArray(parsed)) return parsed.map((item) => listItem(item, label)).join("、");
  if (typeof parsed === "string") return label(parsed);
  if (parsed !== null && typeof parsed === "object") {
    return typeof parsed.name === "string" ? parsed.name : JSON.stringify(parsed);
  }
  return String(parsed);
}

function listItem(item: JsonValue, label: (code: string) => string): string {
  if (typeof item === "string") return label(item);
  if (item && typeof item === "object" && !Array.isArray(item) && typeof item.name === "string") {
    return typeof item.unit === "string" && item.unit ? `${item.name}（${item.unit}）` : item.name;
  }
  return JSON.stringify(item);
}

function parseJson(text: string): JsonValue {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return text;
  }
}
