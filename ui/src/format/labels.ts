import { useI18n } from "vue-i18n";
import { formatDateZh } from "./dates";
import { groupYuan } from "./money";
import type {
  JsonValue,
  Conclusion,
  HalfDays,
  LinkageMode,
  Outcome,
  PriceRule,
  Stage,
  TrainingKind,
  Audience,
  Relation,
} from "../bindings";

/** The enum values in the order forms offer them; their labels are in i18n `labels.*`. Operator
 * and programme kinds are the county's lists (`commands.kindOptions`), labelled by the core. */
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

/** Who a training is for (托里's plan splits its 人次 by these). */
export const AUDIENCES: readonly Audience[] = [
  "village_work_team",
  "township_staff",
  "county_staff",
  "village_cadre",
  "station_keeper",
  "online_seller",
  "poor_household",
  "leading_enterprise",
  "livestreamer",
  "grower",
  "other",
];

/** A member's relation to the head; the head is the household itself, so forms leave it out. */
export const MEMBER_RELATIONS: readonly Relation[] = ["spouse", "child", "parent", "grandchild", "sibling", "other"];

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

/** Money columns (yuan as the core writes them): shown as `¥1,234.50`, as the screens show money. */
const MONEY_FIELDS = new Set(["amount", "unit_price", "market_price", "target_income", "investment"]);

/** Lists the core words as whole lines (an inspection's checklist, "统一门牌：是"): one a line. */
const LINE_FIELDS = new Set(["observations"]);

/** 0/1 columns: shown as 是 / 否. */
const YES_NO_FIELDS = new Set(["poor", "signed", "retired"]);

/**
 * A field's label in a record's history (and an import's changes): the record type's own label
 * first (`history.entityFields.notice.title` is 公示标题, not 培训名称), then the field's.
 * An empty label marks a column kept for the store's own use: not shown.
 */
export function historyFieldLabel(entity: string, field: string, t: Translate, te: Exists): string {
  const own = `history.entityFields.${entity}.${field}`;
  if (te(own)) return t(own);
  const key = `history.fields.${field}`;
  return te(key) ? t(key) : field;
}

/** One old or new value of a record's history as a person reads it; a list is one line an item. */
export function historyValue(entity: string, field: string, value: JsonValue, t: Translate, te: Exists): string {
  if (value === null) return t("history.empty");
  const map = HISTORY_LABELS[`${entity}.${field}`] ?? HISTORY_LABELS[field];
  const label = (code: string) => (map && te(`${map}.${code}`) ? t(`${map}.${code}`) : code);
  if (MONEY_FIELDS.has(field) && (typeof value === "string" || typeof value === "number")) return yuan(String(value));
  if (YES_NO_FIELDS.has(field) && (value === 0 || value === 1 || typeof value === "boolean")) {
    return t(value ? "history.yes" : "history.no");
  }
  // Lists are kept as JSON text (`["protective_purchase"]`, inspectors, slots, a notice's list …).
  const parsed = typeof value === "string" && /^[[{]/.test(value) ? parseJson(value) : value;
  if (Array.isArray(parsed)) {
    if (parsed.length === 0) return t("history.empty");
    if (parsed.every((item) => typeof item === "string")) {
      return parsed.map((item) => scalar(item, label)).join(LINE_FIELDS.has(field) ? "\n" : "、");
    }
    return parsed.map((item) => listItem(item, label)).join("\n");
  }
  if (typeof parsed === "string") return scalar(parsed, label);
  if (parsed !== null && typeof parsed === "object") return listItem(parsed, label);
  return String(parsed);
}

/** A text value: a code's label, a date as 2019年8月12日, a half-day slot as 2019年6月3日 上午. */
function scalar(text: string, label: (code: string) => string): string {
  const slot = /^(\d{4}-\d{2}-\d{2}) (am|pm)$/.exec(text);
  if (slot) return `${formatDateZh(slot[1])} ${slot[2] === "am" ? "上午" : "下午"}`;
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return formatDateZh(text);
  return label(text);
}

/** `1234.5` → `¥1,234.50`; anything else as it is. */
function yuan(text: string): string {
  const m = /^(-?\d+)(?:\.(\d*))?$/.exec(text.trim());
  if (!m) return text;
  return `¥${groupYuan(`${m[1]}.${(m[2] ?? "").padEnd(2, "0")}`)}`;
}

/** One item of a list as a line: a person with their unit, a notice's row, a deadline … */
function listItem(item: JsonValue, label: (code: string) => string): string {
  if (typeof item === "string") return scalar(item, label);
  if (item === null || typeof item !== "object") return String(item);
  if (Array.isArray(item)) return item.map((i) => listItem(i, label)).join("、");
  if (typeof item.name === "string" && "unit" in item) {
    return typeof item.unit === "string" && item.unit ? `${item.name}（${item.unit}）` : item.name;
  }
  if (typeof item.name === "string" && ("place" in item || "benefit" in item)) {
    // A notice's row: never its ID or phone number, as the printed notice.
    return [item.name, item.place, item.benefit].filter((v) => typeof v === "string" && v).join("　");
  }
  if (typeof item.item === "string") {
    const deadline = typeof item.deadline === "string" && item.deadline ? `（${formatDateZh(item.deadline)}前）` : "";
    return `${item.item}${deadline}`;
  }
  if (typeof item.township === "string" && Array.isArray(item.drawn)) {
    return `${item.township}：${listItem(item.drawn, label)}`;
  }
  // Anything else: its values, keys left out (`{key, value, note}` → `office　true`).
  return Object.values(item)
    .filter((v) => v !== null && v !== "")
    .map((v) => (typeof v === "object" ? listItem(v, label) : scalar(String(v), label)))
    .join("　");
}

function parseJson(text: string): JsonValue {
  try {
    return JSON.parse(text) as JsonValue;
  } catch {
    return text;
  }
}
