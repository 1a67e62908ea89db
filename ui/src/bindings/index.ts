// Generated from the Rust types by src-tauri/src/bindings.rs. Do not edit by hand:
// run `make bindings` after changing a command or a DTO.
import { invoke } from "@tauri-apps/api/core";

export type County = { id: string, code: string, name: string, };

export type TownshipSummary = { id: string, code: string, name: string, villageCount: number, poorVillageCount: number, 
/**
 * Retired: kept for the records that name it, not offered for new ones.
 */
retired: boolean, };

export type PlaceKind = "county" | "township" | "village";

export type Place = { kind: PlaceKind, id: string, code: string, name: string, retired: boolean, };

export type Village = { id: string, code: string, name: string, townshipCode: string, townshipName: string, 
/**
 * 贫困村 (true) or 非贫困村 (false).
 */
poor: boolean, 
/**
 * Retired: kept for the records that name it, not offered for new ones.
 */
retired: boolean, };

export type VillageInput = { townshipCode: string, code: string, name: string, poor: boolean, };

export type JsonValue = number | string | boolean | Array<JsonValue> | { [key in string]: JsonValue } | null;

export type HistoryEntry = { seq: number, 
/**
 * The record type (`village`, `inspection` …): which labels a coded field takes.
 */
entity: string, op: string, 
/**
 * Local wall time of the change, `2026-11-21 08:30:05`.
 */
at: string, officer: string, device: string, 
/**
 * `{field: [old, new]}`.
 */
fields: { [key in string]: [JsonValue, JsonValue] }, };

export type Code = "DEMO_DATA" | "INPUT_JSON" | "INTERNAL" | "IO" | "LOG_BROKEN" | "NO_VIEWER" | "NOT_FOUND" | "REFERENCE_MISSING" | "STORE_ALREADY_ENCRYPTED" | "STORE_CANNOT_OPEN" | "STORE_DEMO_PLAIN" | "STORE_ENCRYPT_VERIFY" | "STORE_IN_USE" | "STORE_LOCKED" | "STORE_MIGRATION_FAILED" | "STORE_NOT_A_DATABASE" | "STORE_NOT_CREATED" | "STORE_NOT_ENCRYPTED" | "STORE_PASSPHRASE_MISMATCH" | "STORE_PASSPHRASE_MISSING" | "STORE_PASSPHRASE_WEAK" | "STORE_PASSPHRASE_WRONG" | "STORE_SQLITE" | "STORE_TOO_NEW" | "USAGE" | "BACKUP_CORRUPT" | "BACKUP_COUNTS_DIFFER" | "BACKUP_DATABASE_MISSING" | "BACKUP_FORMAT_NEWER" | "BACKUP_HASH_MISMATCH" | "BACKUP_INTEGRITY" | "BACKUP_LOG_BROKEN" | "BACKUP_LOG_HEAD_DIFFERS" | "BACKUP_MANIFEST_INVALID" | "BACKUP_MANIFEST_MISSING" | "BACKUP_NOT_A_BACKUP" | "BACKUP_OUT_NOT_A_BACKUP" | "BACKUP_PASSPHRASE_NEEDED" | "BACKUP_SAME_FILE" | "BACKUP_TARGET_EXISTS" | "RECORD_APPEND_ONLY" | "RECORD_DELETED" | "RECORD_EXISTS" | "RECORD_LOCKED" | "RECORD_OTHER_TOWNSHIP" | "RECORD_STATUS" | "RECORD_BACK_TO_DRAFT" | "RECORD_IN_USE" | "RECORD_VOIDED" | "VOID_REASON_REQUIRED" | "VOID_REASON_TOO_LONG" | "AMOUNT_NOT_POSITIVE" | "ATTACHMENT_ENCODING" | "ATTACHMENT_SIZE" | "ATTACHMENT_TYPE" | "DATE_INVALID" | "MONEY_INVALID" | "MONEY_PRECISION" | "NAME_CONTROL" | "NAME_EMPTY" | "NAME_TOO_LONG" | "NUMBER_INVALID" | "NUMBER_NEGATIVE" | "NUMBER_PRECISION" | "PHONE_INVALID" | "CREDIT_CODE_CHECK" | "CREDIT_CODE_SHAPE" | "ID_15_DIGITS" | "ID_AS_NUMBER" | "ID_BIRTH_DATE" | "ID_CHARS" | "ID_CHECK_DIGIT" | "ID_EMPTY" | "ID_LENGTH" | "ID_OLD_15" | "ID_REGION" | "ID_SCIENTIFIC" | "COUNTY_DEMO" | "COUNTY_EXISTS" | "COUNTY_IDLE_LOCK" | "COUNTY_MISSING" | "COUNTY_SETTING_DEVICE" | "PLACE_CODE_DUPLICATE" | "PLACE_CODE_SHAPE" | "PLACE_CODE_TOWNSHIP" | "PLACE_COUNTY" | "PLACE_NAME_DUPLICATE" | "PLACE_HAS_VILLAGES" | "PLACE_POOR_FLAG" | "PLACE_RETIRED" | "PLACE_TOWNSHIP_UNKNOWN" | "VILLAGE_UNKNOWN" | "KIND_CODE" | "KIND_DEVICE" | "KIND_DUPLICATE" | "KIND_LABEL" | "KIND_SUBJECT" | "CATEGORY_CODE" | "HOUSEHOLD_CATEGORY" | "HOUSEHOLD_ID_DUPLICATE" | "HOUSEHOLD_NAME_TWICE" | "HOUSEHOLD_NOTES" | "HOUSEHOLD_SIZE" | "HOUSEHOLD_VILLAGE" | "HOUSEHOLD_YEAR_LIFTED" | "MEMBER_HOUSEHOLD" | "MEMBER_IS_HEAD" | "MEMBER_RELATION" | "OPERATOR_KIND" | "OPERATOR_KIND_UNKNOWN" | "OPERATOR_NO_SHOP" | "OPERATOR_SHOP_URL" | "OPERATOR_VILLAGE" | "AGREEMENT_MODES" | "AGREEMENT_NUMBER_DUPLICATE" | "AGREEMENT_OPERATOR" | "AGREEMENT_PRICE" | "AGREEMENT_TARGET_BELOW_RULE" | "AGREEMENT_TERM" | "AGREEMENT_TERM_EXCLUDES_LEDGER" | "AGREEMENT_YEAR" | "AGREEMENT_YEAR_TERM" | "AGREEMENT_PROGRAMME_UNKNOWN" | "AGREEMENT_PROGRAMME_YEAR" | "LEDGER_ALREADY_REVERSED" | "LEDGER_BELOW_MARKET" | "LEDGER_BELOW_PROMISE" | "LEDGER_NOT_IN_ROSTER" | "LEDGER_OUTSIDE_TERM" | "LEDGER_REVERSE_REVERSAL" | "LEDGER_DELIVERED_AFTER_PAYMENT" | "LEDGER_DELIVERED_FUTURE" | "ROSTER_DUPLICATE" | "ROSTER_HAS_LEDGER" | "ROSTER_HOUSEHOLD" | "ROSTER_MODE" | "ROSTER_NAME_MISMATCH" | "ROSTER_OTHER_AGREEMENT" | "ROSTER_OTHER_OPERATOR" | "ROSTER_REMOVED" | "FUND_ALREADY_REVERSED" | "FUND_AMOUNT" | "FUND_AMOUNT_ABOVE_RULE" | "FUND_AMOUNT_BELOW_RULE" | "FUND_APPLICATION_DECIDED" | "FUND_APPLICATION_DUPLICATE" | "FUND_APPLICATION_NOT_APPROVED" | "FUND_AWARD_DUPLICATE" | "FUND_AWARD_MISSING" | "FUND_AWARD_PAID" | "FUND_BAN_LIFT_REASON" | "FUND_BAN_LIFTED" | "FUND_BAN_REASON" | "FUND_CAP_SHARE" | "FUND_CLASS" | "FUND_DECISION_REASON" | "FUND_DEVICE" | "FUND_DOCUMENT" | "FUND_DUE_DATE" | "FUND_GATE_ACCEPTANCE_FAILED" | "FUND_GATE_BANNED" | "FUND_GATE_INDICATORS" | "FUND_GATE_NO_ACCEPTANCE" | "FUND_GATE_NO_CONTRACT" | "FUND_GATE_NO_NOTICE" | "FUND_GATE_NOT_DECIDED" | "FUND_GATE_NOT_LOCKED" | "FUND_GATE_NOTICE_RUNNING" | "FUND_GATE_OBJECTION_OPEN" | "FUND_GATE_PREVIOUS_TRANCHE" | "FUND_GATE_RECHECK_FAILED" | "FUND_GATE_RECHECK_MISSING" | "FUND_GATE_RECOVERY" | "FUND_INVESTMENT_MISSING" | "FUND_OPERATOR_BANNED" | "FUND_OPERATOR" | "FUND_OVER_BUDGET" | "FUND_OVERRIDE_REASON" | "FUND_PROGRAMME" | "FUND_RECOVERED_EXCEEDS" | "FUND_RECOVERY_EXCEEDS" | "FUND_REVERSE_REVERSAL" | "FUND_REVIEW_ORDER" | "FUND_REVIEW_DISAGREED" | "FUND_REVIEW_MISSING" | "FUND_REVIEW_SCORE" | "FUND_SETTINGS" | "FUND_TARGET" | "FUND_TRANCHE_AMOUNT" | "FUND_TRANCHE_PAID" | "FUND_TRANCHE_RANGE" | "FINDING_NOT_FOUND" | "FINDING_NOTE_REQUIRED" | "FINDING_OFFICER_REQUIRED" | "FINDING_STATUS" | "FINDING_RECOVERY" | "CHECK_THRESHOLDS" | "CHECK_THRESHOLD_RANGE" | "CHECK_VENUE" | "CHECK_TOWNSHIP" | "CHECK_UNKNOWN" | "SEASON_PRODUCT" | "SEASON_DATE" | "CALLBACK_OUTCOME" | "CALLBACK_OFFICER" | "CALLBACK_NOTE" | "CALLBACK_DATE" | "CALLBACK_NOT_FOUND" | "CALLBACK_NO_HOUSEHOLDS" | "CALLBACK_COUNTY_ONLY" | "FUND_PLAN_RULE" | "PROGRAMME_BUDGET" | "PROGRAMME_CODE" | "PROGRAMME_CONTRACT_SHARE" | "PROGRAMME_DUPLICATE" | "PROGRAMME_ITEM" | "PROGRAMME_ITEM_KEY" | "PROGRAMME_ITEM_SOURCE" | "PROGRAMME_JSON" | "PROGRAMME_KIND_UNKNOWN" | "PROGRAMME_NAME" | "PROGRAMME_PRESETS" | "PROGRAMME_PRESET_UNKNOWN" | "PROGRAMME_RATES" | "PROGRAMME_SCORED_MIN" | "PROGRAMME_SUBSIDY" | "PROGRAMME_TARGETS" | "PROGRAMME_TARGET_METRIC" | "PROGRAMME_TARGET_PARAMS" | "PROGRAMME_TARGET_SHARE" | "PROGRAMME_SUBSIDY_SHARE" | "PROGRAMME_FUND" | "PROGRAMME_THRESHOLD" | "PROGRAMME_TRANCHES" | "PROGRAMME_YEAR" | "PROGRAMME_DEVICE" | "STATION_MONTH_DUPLICATE" | "STATION_MONTH_MONTH" | "STATION_MONTH_STATION" | "STATION_MONTH_VALUE" | "INSPECTION_DEADLINE" | "INSPECTION_FEW_INSPECTORS" | "INSPECTION_INSPECTORS" | "INSPECTION_INVESTMENT_NEGATIVE" | "INSPECTION_OPERATOR" | "INSPECTION_PROGRAMME" | "INSPECTION_SUBMITTED" | "PHOTO_DUPLICATE" | "PHOTO_REUSED" | "PHOTO_TYPE" | "SAMPLE_EMPTY" | "SAMPLE_SEED" | "SAMPLE_SHARE" | "SAMPLE_SHARE_BELOW_RULE" | "PROGRAMME_RECHECK_SHARE" | "RECHECK_NOT_DRAWN" | "ATTENDANCE_AGE" | "ATTENDANCE_DUPLICATE" | "ATTENDANCE_OTHER_SESSION" | "ATTENDANCE_OVERLAP" | "ATTENDANCE_OVER_HEADCOUNT" | "ATTENDANCE_REMOVED" | "ATTENDANCE_SESSION" | "ATTENDANCE_SLOT" | "ATTENDANCE_VILLAGE" | "ATTENDANCE_NAME_MISMATCH" | "ATTENDANCE_NAME_MATCHES" | "TRAINING_AUDIENCE" | "TRAINING_DATES" | "TRAINING_HEADCOUNT" | "TRAINING_OUTLINE" | "TRAINING_PHOTO_REUSED" | "TRAINING_PROGRAMME" | "TRAINING_SLOTS" | "TRAINING_SLOTS_IN_USE" | "TRAINING_TOWNSHIP" | "NOTICE_ENTRY_NAME" | "NOTICE_LIST_MISSING" | "NOTICE_LIST_SOURCE" | "NOTICE_PLACES" | "NOTICE_POSTED" | "NOTICE_TITLE" | "NOTICE_TOO_SHORT" | "OBJECTION_CONTENT" | "OBJECTION_DATE" | "OBJECTION_HANDLED_DATE" | "OBJECTION_UNKNOWN" | "COLUMN_AMBIGUOUS" | "COLUMN_MISSING" | "DUPLICATE_IN_DB" | "DUPLICATE_IN_FILE" | "IMPORT_INTO" | "IMPORT_NAME_CHANGED" | "IMPORT_REFUSED" | "SHEET_PROGRAMME_REQUIRED" | "SHEET_UNREADABLE" | "SHEET_WRITE" | "PRINT_FONT" | "PRINT_GLYPH_MISSING" | "PRINT_HASH_FORMAT" | "PERIOD_EMPTY" | "PERIOD_INVALID" | "PERIOD_REVERSED" | "REPORT_PROGRAMME_UNKNOWN" | "REPORT_TOWNSHIP_UNKNOWN" | "ARCHIVE_CORRUPT" | "ARCHIVE_FILE_ALTERED" | "ARCHIVE_FILE_EXTRA" | "ARCHIVE_FILE_MISSING" | "ARCHIVE_FORMAT_NEWER" | "ARCHIVE_MANIFEST_INVALID" | "ARCHIVE_MANIFEST_MISSING" | "ARCHIVE_NOT_AN_ARCHIVE" | "ARCHIVE_TARGET_EXISTS" | "ARCHIVE_TOO_LARGE" | "SYNC_ALREADY_COUNTY" | "SYNC_ALREADY_DEVICE" | "SYNC_BAD_SIGNATURE" | "SYNC_BAD_VALUE" | "SYNC_CANNOT_DECRYPT" | "SYNC_CHAIN" | "SYNC_CONFLICT_RESOLVED" | "SYNC_DEMO_DEVICE" | "SYNC_COUNTY_LEVEL" | "SYNC_COUNTY_ONLY_FIELD" | "SYNC_DEVICE_KEY_CHANGED" | "SYNC_DEVICE_REVOKED" | "SYNC_FORK" | "SYNC_FORMAT" | "SYNC_KEYS_BROKEN" | "SYNC_MISSING_PARENT" | "SYNC_MISSING_RECORD" | "SYNC_NOTE_REQUIRED" | "SYNC_NOTHING_PENDING" | "SYNC_NOT_COUNTY" | "SYNC_NOT_ENROLLED" | "SYNC_NO_COUNTY" | "SYNC_OTHER_COUNTY" | "SYNC_OTHER_TOWNSHIP" | "SYNC_PAYLOAD" | "SYNC_PAYLOAD_HASH" | "SYNC_STORED_REPORT" | "SYNC_TOO_LARGE" | "SYNC_HEADER_TOO_LARGE" | "SYNC_TRUNCATED" | "SYNC_UNKNOWN_DEVICE" | "SYNC_UNKNOWN_ENTITY" | "SYNC_UNKNOWN_FIELD" | "SYNC_UNKNOWN_OP" | "SYNC_WRONG_DEVICE" | "SYNC_WRONG_FILE" | "SYNC_WRONG_SIGNER";

export type Warning = { code: Code, field: string, message: string, };

export type Saved<T> = { record: T, warnings: Array<Warning>, };

export type Category = { code: string, label: string, };

export type Household = { id: string, headName: string, idNumber: string, idMasked: string, size: number, villageId: string, villageName: string, townshipName: string, villageGroup: string, category: string, categoryLabel: string, yearLifted: number | null, phone: string, notes: string, status: string, };

export type HouseholdInput = { headName: string, idNumber: string, size: number, villageId: string, villageGroup: string, 
/**
 * A category code of the county's list (`general`, `dibao`, `tekun`, `lifted`, `monitored`).
 */
category: string, yearLifted: number | null, phone: string, notes: string, };

export type HouseholdRow = { id: string, headName: string, idMasked: string, size: number, place: string, villageGroup: string, categoryLabel: string, 
/**
 * draft | submitted | locked | voided (`RecordStatus`'s codes).
 */
status: string, };

export type HouseholdQuery = { 
/**
 * A name prefix, part of a name, pinyin initials or full pinyin (wjg, wangjianguo, 王jg),
 * or the last digits of an ID number.
 */
text: string, townshipCode: string | null, villageId: string | null, offset: number, limit: number, 
/**
 * Only records of this status; none: every live record (voided ones only when asked).
 */
status: RecordStatus | null, };

export type HouseholdPage = { rows: Array<HouseholdRow>, 
/**
 * How many households match, counted up to a limit (1,000, or further when the page asked
 * for lies beyond it): a search box must not count a whole register at every keystroke.
 */
total: number, 
/**
 * Counting stopped at the limit: more than `total` households match.
 */
more: boolean, };

export type Relation = "head" | "spouse" | "child" | "parent" | "grandchild" | "sibling" | "other";

export type MemberInput = { householdId: string, name: string, idNumber: string, 
/**
 * A relation code (`spouse`, `child` …) or its label (配偶、子女 …).
 */
relation: string, };

export type HouseholdMember = { id: string, householdId: string, name: string, idMasked: string, relation: Relation, sex: Sex, 
/**
 * `YYYY-MM-DD`
 */
birthDate: string, status: string, };

export type RegisterPerson = { name: string, sex: Sex, birthDate: string, relation: Relation, householdId: string, headName: string, townshipId: string, villageId: string, villageName: string, categoryLabel: string, };

export type RecordKind = "household" | "operator" | "agreement" | "trainingSession" | "notice";

export type RecordStatus = "draft" | "submitted" | "locked" | "voided";

export type RecordState = { kind: RecordKind, id: string, status: RecordStatus, voidReason: string | null, };

export type OperatorKind = string;

export type Operator = { id: string, kind: OperatorKind, kindLabel: string, name: string, creditCode: string, personInCharge: string, phone: string, villageId: string | null, 
/**
 * 鸡峰镇长沟村, or empty when the operator is not tied to a village.
 */
place: string, platform: string, shopUrl: string, agreementCount: number, status: string, };

export type OperatorInput = { kind: OperatorKind, name: string, creditCode: string, personInCharge: string, phone: string, villageId: string | null, 
/**
 * Online shop platform: 淘宝, 京东, 拼多多, 微信小店 …
 */
platform: string, 
/**
 * Online shop address (URL or shop name on the platform).
 */
shopUrl: string, };

export type LinkageMode = "protective_purchase" | "sale_on_behalf" | "employment" | "dividend" | "land_lease" | "training";

export type PriceRule = "none" | "fixed" | "market_plus";

export type Agreement = { id: string, number: string, year: number, 
/**
 * The linked programme's name; the free text kept when the agreement is not linked.
 */
programme: string, programmeId: string | null, operatorId: string, operatorName: string, witnessVillageId: string | null, 
/**
 * 鸡峰镇长沟村村民委员会
 */
witness: string, modes: Array<LinkageMode>, priceRule: PriceRule, priceValue: string, minQuantity: string, payWithinDays: number | null, targetHouseholds: number, targetIncome: string, termStart: string, termEnd: string, scanSha256: string | null, scanFileName: string | null, rosterCount: number, 
/**
 * The least number of households the linked programme asks for (`roster_minimum`);
 * `None`: no programme, or it sets none.
 */
rosterMin: number | null, 
/**
 * At least `roster_min` households on the roster (true when there is no minimum).
 */
meetsDemoShopRule: boolean, 
/**
 * Σ ledger amounts, yuan with 2 decimals.
 */
totalIncome: string, totalPremium: string, 
/**
 * total income / roster households, yuan.
 */
incomePerHousehold: string, status: string, };

export type AgreementInput = { number: string, year: number, 
/**
 * The programme's name as free text: what older versions stored. Read only when
 * `programme_id` is empty, then matched by name (the agreement's year decides between
 * years); the store keeps it equal to the linked programme's name.
 */
programme: string, 
/**
 * The programme the agreement belongs to (its roster minimum applies).
 */
programmeId: string | null, operatorId: string, witnessVillageId: string | null, modes: Array<LinkageMode>, priceRule: PriceRule, 
/**
 * Yuan for a fixed price, percent for market-plus; empty for none.
 */
priceValue: string, minQuantity: string, payWithinDays: number | null, targetHouseholds: number, 
/**
 * Promised income increase per household, in yuan.
 */
targetIncome: string, termStart: string, termEnd: string, };

export type AgreementSummary = { id: string, number: string, year: number, operatorName: string, place: string, 
/**
 * The linked programme's name; the free text kept when the agreement is not linked.
 */
programme: string, programmeId: string | null, rosterCount: number, rosterMin: number | null, meetsDemoShopRule: boolean, totalIncome: string, status: string, };

export type RosterRow = { id: string, householdId: string, headName: string, idMasked: string, place: string, size: number, categoryLabel: string, mode: LinkageMode, content: string, income: string, premium: string, entries: number, };

export type RosterInput = { agreementId: string, householdId: string, mode: LinkageMode, 
/**
 * What the linkage is for this household: 收购土豆 2000 斤, 店内务工 …
 */
content: string, };

export type LedgerRow = { id: string, householdId: string, headName: string, date: string, product: string, quantity: string, unit: string, unitPrice: string, marketPrice: string, amount: string, paymentMethod: string, voucherNo: string, 
/**
 * 交货日期 / 收购日期 ("YYYY-MM-DD"), empty when not recorded.
 */
deliveredDate: string, 
/**
 * Set on a reversing entry: the entry it cancels.
 */
reversesId: string | null, 
/**
 * Set on an entry that a later entry reversed.
 */
reversedBy: string | null, };

export type LedgerInput = { agreementId: string, householdId: string, date: string, product: string, quantity: string, unit: string, unitPrice: string, marketPrice: string, paymentMethod: string, voucherNo: string, 
/**
 * The day the goods were delivered or bought (交货日期 / 收购日期), from which the
 * agreement's `pay_within_days` counts; empty when not recorded. Not after `date` (the day
 * paid) nor after today.
 */
deliveredDate: string, };

export type HouseholdLink = { agreementId: string, number: string, year: number, operatorName: string, mode: LinkageMode, content: string, income: string, premium: string, };

export type HouseholdLinks = { links: Array<HouseholdLink>, 
/**
 * The household's income from all of them, in yuan to the fen (the sum of `income`).
 */
incomeTotal: string, };

export type ProgrammeKind = string;

export type Method = "on_site" | "documents" | "household_visit" | "phone_callback";

export type ValueType = "boolean" | "count" | "money" | "percent" | "text";

export type Item = { key: string, 
/**
 * Short name used in results and reasons.
 */
label: string, 
/**
 * The programme document's own wording.
 */
requirement: string, method: Method, valueType: ValueType, threshold: string | null, 
/**
 * Unit shown after counts (户, 人次, 平方米); money is always 元, percent %.
 */
unit: string | null, 
/**
 * Where the value is computed from, one of [`SOURCES`]; typed in when absent.
 */
source: string | null, };

export type CriteriaTemplate = { eligibility: Array<Item>, scored: Array<Item>, scoredMin: number, };

export type Tranche = { label: string, percent: string, 
/**
 * Paid only after acceptance (the 20% balance, the 10% retention).
 */
onAcceptance: boolean, };

export type Target = { key: string, label: string, 
/**
 * A `Metric` code. Kept as text and checked by `validate`, so that a missing or unknown
 * metric is refused with its JSON path (PROGRAMME_TARGET_METRIC) rather than by the parser.
 * Empty only in settings stored before migration 0019 (see `legacy_metric`).
 */
metric: string, params: TargetParams, 
/**
 * The goal, in `unit`; a percentage (≤ 100) for share metrics.
 */
quantity: number, unit: string, 
/**
 * A ceiling rather than a floor (公共服务 ≤ 15 %).
 */
atMost: boolean, requirement: string, };

export type Rate = { key: string, label: string, min: string, max: string, unit: string, requirement: string, };

export type SubsidyClass = { key: string, label: string, 
/**
 * Yuan per unit; the lower end when `amount_max` gives a range.
 */
amount: string, amountMax: string | null, 
/**
 * How many units the plan funds (villages, enterprises), when it says.
 */
count: number | null, 
/**
 * Paid every year rather than once.
 */
annual: boolean, requirement: string, };

export type BudgetPart = { key: string, label: string, amount: string, requirement: string, };

export type ShareClass = { key: string, label: string, percent: string, requirement: string, };

export type SubsidyRule = { "rule": "per_village_class", classes: Array<SubsidyClass>, } | { "rule": "per_operator_class", classes: Array<SubsidyClass>, } | { "rule": "budget", total: string, parts: Array<BudgetPart>, } | { "rule": "per_village_year", amount: string, amountMax: string | null, cap: string | null, requirement: string, } | { "rule": "investment_share", classes: Array<ShareClass>, cap: string | null, requirement: string, } | { "rule": "not_set", requirement: string, };

export type Metric = "operators_accepted" | "villages_covered" | "poor_villages_covered" | "village_coverage" | "poor_village_coverage" | "stations_reaching_service" | "households_linked" | "ledger_sales" | "person_times" | "poor_person_times" | "person_days" | "distinct_persons" | "poor_persons" | "sessions_held" | "townships_trained" | "shortest_session_days" | "fund_share" | "informational";

export type FundCategory = "upward_channel" | "public_service" | "training" | "other";

export type Fund = { category: FundCategory, 
/**
 * Yuan budgeted for the programme in its year.
 */
budget: string, };

export type TargetParams = { 
/**
 * Yuan a month a station must reach on average (`stations_reaching_service`).
 */
threshold?: string | null, 
/**
 * Training audience code (驻村队员, 网商 …) the count is limited to.
 */
audience?: string | null, 
/**
 * Count poor trainees only.
 */
poorOnly?: boolean, sessionKind?: TrainingKind | null, 
/**
 * The fund category a `fund_share` target caps.
 */
category?: FundCategory | null, };

export type PresetSource = { 
/**
 * The 6-digit GB/T 2260 code of the county (or prefecture) that issued the plan.
 */
countyCode: string, countyName: string, 
/**
 * The seed file (`shared/seeds/003_….txt`).
 */
seedFile: string, 
/**
 * The document's title, as published.
 */
document: string, 
/**
 * The section the figures come from (第五条（二）).
 */
section: string, };

export type Preset = { code: string, name: string, year: number, kind: ProgrammeKind, subsidy: SubsidyRule, tranches: Array<Tranche>, targets: Array<Target>, criteria: CriteriaTemplate, 
/**
 * Acceptance fails when economic indicators reach less than this share of the contract.
 */
contractShareMin: string | null, rates: Array<Rate> | null, 
/**
 * The plan it comes from (shipped presets; a county's own may leave it out).
 */
source: PresetSource | null, 
/**
 * Its category and budget in the county's special fund, for the fund-share caps.
 */
fund: Fund | null, 
/**
 * The least share of the township's 初验 results the county re-checks (复核), 0–1
 * (成县: 0.5, "县级复核比例不低于 50%"); [`DEFAULT_RECHECK_SHARE_MIN`] when absent.
 */
recheckShareMin: string | null, };

export type PresetListing = { 
/**
 * From the county's own plan (its code is the source's county code).
 */
own: boolean, 
/**
 * "本县方案：成县《…》…" or "模板：来自霍邱县《…》第五条（二）".
 */
label: string, code: string, name: string, year: number, kind: ProgrammeKind, subsidy: SubsidyRule, tranches: Array<Tranche>, targets: Array<Target>, criteria: CriteriaTemplate, 
/**
 * Acceptance fails when economic indicators reach less than this share of the contract.
 */
contractShareMin: string | null, rates: Array<Rate> | null, 
/**
 * The plan it comes from (shipped presets; a county's own may leave it out).
 */
source: PresetSource | null, 
/**
 * Its category and budget in the county's special fund, for the fund-share caps.
 */
fund: Fund | null, 
/**
 * The least share of the township's 初验 results the county re-checks (复核), 0–1
 * (成县: 0.5, "县级复核比例不低于 50%"); [`DEFAULT_RECHECK_SHARE_MIN`] when absent.
 */
recheckShareMin: string | null, };

export type TargetResult = { key: string, label: string, 
/**
 * The metric's code; empty when the target names none Fieldbook knows.
 */
metric: string, unit: string, goal: number, 
/**
 * The goal is a ceiling (≤) rather than a floor (≥).
 */
atMost: boolean, 
/**
 * The measured figure in `unit` (a percentage for share metrics); `None` when not counted.
 */
done: string | null, 
/**
 * `done ÷ goal` in %, one decimal (progress towards the goal; may exceed 100).
 */
share: string | null, 
/**
 * `None` only for an informational goal or a figure not counted.
 */
met: boolean | null, 
/**
 * How the figure was counted, or why it was not.
 */
basis: string, requirement: string, };

export type ProgrammeProgress = { programmeId: string, programmeName: string, year: number, kind: ProgrammeKind, targets: Array<TargetResult>, };

export type CategoryShare = { category: FundCategory, 
/**
 * Yuan, two decimals.
 */
budget: string, 
/**
 * Of the year's total, in %, one decimal.
 */
share: string, 
/**
 * Yuan awarded on the category's programmes (live awards), two decimals.
 */
awarded: string, 
/**
 * Of everything awarded in the year's special fund, in %, one decimal.
 */
awardedShare: string, 
/**
 * Yuan paid on them (net of reversals), two decimals.
 */
paid: string, 
/**
 * Of everything paid in the year's special fund, in %, one decimal.
 */
paidShare: string, };

export type FundCap = { programmeId: string, programmeName: string, 
/**
 * Judged on the budgets.
 */
target: TargetResult, 
/**
 * The same cap judged on what was awarded (资金使用比例 of the real decisions); not
 * counted while nothing is awarded.
 */
awarded: TargetResult, 
/**
 * Judged on what was paid.
 */
paid: TargetResult, };

export type FundShares = { year: number, 
/**
 * Σ budgets of the year's programmes that have one, yuan.
 */
total: string, categories: Array<CategoryShare>, caps: Array<FundCap>, 
/**
 * Σ awards of the year's programmes that have a fund category, yuan.
 */
awarded: string, 
/**
 * Σ paid on them, yuan.
 */
paid: string, 
/**
 * FUND_CAP_SHARE: every cap the awards (or payments) break.
 */
warnings: Array<Warning>, };

export type MoneyLine = { 
/**
 * The township, sub-budget or programme this line is about.
 */
key: string, label: string, 
/**
 * `None` when no budget is set for it.
 */
budget: string | null, awards: number, awarded: string, paid: string, recovered: string, 
/**
 * Budget − awarded (uncommitted); `None` without a budget.
 */
remaining: string | null, 
/**
 * Still to be paid to operators: awarded − paid (net of reversals), for awards not under
 * recovery.
 */
toPay: string, 
/**
 * Ordered for recovery and not yet received.
 */
toRecover: string, };

export type FundStatus = { programmeId: string, programmeName: string, year: number, total: MoneyLine, byTownship: Array<MoneyLine>, 
/**
 * By sub-budget (the programme's classes or budget parts).
 */
byClass: Array<MoneyLine>, 
/**
 * Over-commitment and fund-share caps broken (warnings, codes FUND_OVER_BUDGET,
 * FUND_CAP_SHARE).
 */
warnings: Array<Warning>, };

export type FundBudgets = { 
/**
 * The year asked for; `None`: every year.
 */
year: number | null, programmes: Array<MoneyLine>, 
/**
 * The 合计 line; its budget is Σ of the programmes that have one.
 */
total: MoneyLine, warnings: Array<Warning>, };

export type PlanSource = "places" | "awards";

export type PlanColumn = { 
/**
 * The class key of the rule (poor, non_poor, class_1, station …).
 */
key: string, 
/**
 * As printed: 贫困村数, Ⅰ类企业数 …
 */
header: string, 
/**
 * Yuan per unit for a fixed standard, two decimals; `None` for a range or a budget part.
 */
amount: string | null, };

export type FundPlanRow = { township: string, 
/**
 * The count of the `poor` class (0 when the rule has none); kept for the older readers.
 */
poorVillages: number, 
/**
 * The count of the `non_poor` class (0 when the rule has none).
 */
nonPoorVillages: number, 
/**
 * Σ counts: villages, stations, shops or awards.
 */
units: number, 
/**
 * Yuan, 2 decimals.
 */
amount: string, 
/**
 * 万元, 3 decimals, as the plan prints it.
 */
plannedWanYuan: string, 
/**
 * The count of each class, in the order of `FundPlan::columns`.
 */
counts: Array<number>, };

export type FundPlan = { programme: string, rows: Array<FundPlanRow>, 
/**
 * The 合计 row.
 */
total: FundPlanRow, source: PlanSource, 
/**
 * What one unit is: 示范店, 站点, 企业 …
 */
unit: string, 
/**
 * The units column as printed: 示范店数, 站点数 …
 */
unitsHeader: string, 
/**
 * The rule's classes (and any class an award still names).
 */
columns: Array<PlanColumn>, };

export type StationMonthInput = { 
/**
 * The service station (an operator of kind service_station).
 */
stationId: string, 
/**
 * YYYY-MM
 */
month: string, 
/**
 * Yuan of services in the month (代购代销、代存代缴 …), e.g. "2350.50".
 */
serviceValue: string, purchases: number, sales: number, parcels: number, billsPaid: number, publicity: number, reports: number, notes: string, };

export type StationMonth = { id: string, stationId: string, stationName: string, month: string, 
/**
 * Yuan, two decimals.
 */
serviceValue: string, purchases: number, sales: number, parcels: number, billsPaid: number, publicity: number, reports: number, notes: string, status: string, };

export type VoidedMonth = { id: string, voidReason: string, };

export type Programme = { id: string, presetCode: string, name: string, year: number, kind: ProgrammeKind, 
/**
 * The county's label of the kind (the code when its list no longer holds it).
 */
kindLabel: string, 
/**
 * What the programme funds, from its kind in the county's list.
 */
subject: KindSubject | null, settings: Preset, status: string, };

export type ProgrammeSummary = { id: string, name: string, year: number, kind: ProgrammeKind, kindLabel: string, 
/**
 * What the programme funds, from its kind in the county's list.
 */
subject: KindSubject | null, 
/**
 * "80% / 20%"
 */
tranches: string, 
/**
 * "全部 7 项资格条件" or "7 项资格条件，评选标准 5 项中至少 3 项"
 */
rule: string, };

export type ObservedValue = { "kind": "bool", "value": boolean } | { "kind": "number", "value": string } | { "kind": "text", "value": string } | { "kind": "not_applicable" };

export type Observation = { key: string, value: ObservedValue, };

export type Outcome = "met" | "not_met" | "not_applicable" | "missing";

export type Conclusion = "pass" | "fail" | "rectify";

export type ItemResult = { key: string, label: string, result: Outcome, 
/**
 * "9 户，少于要求的 10 户", "未记录", "不符合".
 */
reason: string, };

export type Evaluation = { 
/**
 * Eligibility items first, then scored items, in the template's order.
 */
items: Array<ItemResult>, 
/**
 * Every eligibility item met or not applicable.
 */
eligibilityMet: boolean, scoredMet: number, conclusion: Conclusion, reasons: Array<string>, };

export type Stage = "preliminary" | "acceptance" | "recheck";

export type Inspector = { name: string, unit: string, };

export type Rectification = { item: string, deadline: string, };

export type InspectionInput = { operatorId: string, programmeId: string, stage: Stage, date: string, inspectors: Array<Inspector>, 
/**
 * Observed values by item key; items the app computes from the records are ignored here.
 */
observations: Array<Observation>, problems: string, rectification: Array<Rectification>, 
/**
 * The operator's own investment in the shop (投资额: premises, computer, network, desks and
 * other fit-out and equipment) in yuan, as typed; empty when not reported.
 */
investment: string, 
/**
 * For a 复核 (stage `recheck`): the sample whose drawn item it records, the item being this
 * sample and the operator. Empty: the newest sample of the programme that drew the operator.
 */
recheckSampleId: string | null, };

export type WizardStep = "basics" | "checklist" | "conclusion";

export type ComputedValue = { key: string, value: ObservedValue, 
/**
 * "台账：2019 年 3 份协议销售额合计" …
 */
source: string, };

export type InspectionPhoto = { id: string, sha256: string, fileName: string, caption: string, };

export type Inspection = { id: string, operatorId: string, operatorName: string, place: string, programmeId: string, programmeName: string, stage: Stage, stageLabel: string, date: string, inspectors: Array<Inspector>, observations: Array<Observation>, computed: Array<ComputedValue>, problems: string, rectification: Array<Rectification>, 
/**
 * The operator's investment in yuan with two decimals; `None` when not reported.
 */
investment: string | null, 
/**
 * A 复核's sample (the drawn item is this sample and the operator).
 */
recheckSampleId: string | null, evaluation: Evaluation, photos: Array<InspectionPhoto>, status: string, };

export type InspectionSummary = { id: string, operatorName: string, place: string, programmeName: string, stage: Stage, 
/**
 * The stage as printed (乡镇初验 …), for the CLI; the UI labels `stage` itself.
 */
stageLabel: string, date: string, 
/**
 * `None` for an inspection saved before conclusions were evaluated.
 */
conclusion: Conclusion | null, 
/**
 * The conclusion as printed (合格 …), for the CLI; the UI labels `conclusion` itself.
 */
conclusionLabel: string, status: string, };

export type SampleOperator = { id: string, name: string, place: string, 
/**
 * The township's 初验 the operator was drawn from (its latest when drawn); absent in
 * samples drawn before migration 0021.
 */
preliminaryId: string | null, };

export type SampleTownship = { township: string, 
/**
 * The operators of the township the draw was made from: those with a township 初验
 * result (before migration 0021: those the county accepted).
 */
accepted: number, drawn: Array<SampleOperator>, };

export type RecheckItem = { operatorId: string, operatorName: string, place: string, township: string, preliminaryId: string | null, preliminaryDate: string | null, preliminaryConclusion: Conclusion | null, 
/**
 * The latest 复核 recorded against this item.
 */
recheckId: string | null, recheckDate: string | null, recheckConclusion: Conclusion | null, 
/**
 * Both conclusions known and not the same.
 */
differs: boolean, };

export type RecheckSample = { id: string, programmeId: string, 
/**
 * A u64 as text: JavaScript numbers cannot hold it.
 */
seed: string, share: string, 
/**
 * The programme's least re-check share (0–1) the draw was checked against.
 */
shareMin: string, townships: Array<SampleTownship>, 
/**
 * Operators drawn (N).
 */
drawn: number, 
/**
 * Drawn operators with a 复核 recorded against this sample (M).
 */
rechecked: number, 
/**
 * Each drawn operator: the township's 初验 it was drawn from and the county's 复核.
 */
items: Array<RecheckItem>, 
/**
 * The items whose 复核 conclusion differs from the township's 初验.
 */
differences: number, 
/**
 * Operators of the programme (with an agreement linked to it) without a township 初验 yet:
 * they could not be drawn.
 */
gaps: Array<SampleOperator>, };

export type TrainingKind = "township_onsite" | "county" | "field_trip";

export type HalfDays = "both" | "am" | "pm";

export type TrainingSessionInput = { programmeId: string, kind: TrainingKind, title: string, organiser: string, provider: string, venue: string, 
/**
 * Required for township on-site sessions.
 */
townshipId: string | null, startDate: string, endDate: string, 
/**
 * Slots generated from the dates: both half-days (default), mornings or afternoons only.
 */
halfDays: HalfDays, 
/**
 * An explicit list of slots (`2019-06-03 am` …) instead of `half_days`; each within the dates.
 */
slots: Array<string> | null, trainers: Array<string>, outline: string, plannedHeadcount: number, 
/**
 * Who the session is for: the audience the sign-in form offers for each person (其他 when
 * left out).
 */
audience: Audience | null, };

export type SlotTally = { 
/**
 * `2019-06-03 am`
 */
slot: string, 
/**
 * `2019年6月3日上午`
 */
label: string, 
/**
 * People signed in at this half-day (签到人数; not 人次, which counts a person once per
 * session).
 */
personTimes: number, poorPersonTimes: number, };

export type TrainingSession = { id: string, programmeId: string, programmeName: string, kind: TrainingKind, kindLabel: string, title: string, organiser: string, provider: string, venue: string, townshipId: string | null, 
/**
 * Empty for a session without a township.
 */
townshipName: string, startDate: string, endDate: string, days: number, slots: Array<SlotTally>, 
/**
 * The half-days setting the slots were made with from the dates; `None` when they were
 * picked one by one.
 */
halfDays: HalfDays | null, trainers: Array<string>, outline: string, plannedHeadcount: number, 
/**
 * SHA-256 of the photographed sign-in sheets (in `attachment`).
 */
sheetPhotos: Array<string>, 
/**
 * The audience the sign-in form offers by default.
 */
audience: Audience, 
/**
 * 人次: persons signed in at least once (each once, however many slots).
 */
personTimes: number, 
/**
 * The same as `person_times` within one session; kept for the pages that show both.
 */
distinctPersons: number, poorPersonTimes: number, 
/**
 * 人天: each person's dates attended, summed.
 */
personDays: number, status: string, };

export type TrainingSessionSummary = { id: string, programmeId: string, kind: TrainingKind, kindLabel: string, title: string, townshipName: string, startDate: string, endDate: string, slotCount: number, plannedHeadcount: number, 
/**
 * 人次: persons signed in at least once.
 */
personTimes: number, poorPersonTimes: number, status: string, };

export type DashboardFilter = { year: number | null, programmeId: string | null, townshipId: string | null, };

export type Drill = { route: string, query: { [key in string]: string }, };

export type CountFigure = { count: number, drill: Drill, };

export type MoneyFigure = { amount: string, drill: Drill, };

export type ProgrammePanel = { programmeId: string, programmeName: string, year: number, kind: ProgrammeKind, targets: Array<TargetResult>, drill: Drill, };

export type FundsPanel = { 
/**
 * Σ budgets of the programmes in scope; `None` for one township (budgets are the
 * county's) or when no programme sets one.
 */
budget: string | null, awards: CountFigure, awarded: MoneyFigure, paid: MoneyFigure, toRecover: MoneyFigure, };

export type InspectionsPanel = { done: CountFigure, passed: CountFigure, rectifying: CountFigure, };

export type TrainingPanel = { sessions: CountFigure, personTimes: CountFigure, poorPersonTimes: CountFigure, };

export type TownshipBar = { townshipId: string, townshipName: string, inspectionsPassed: CountFigure, personTimes: CountFigure, awarded: MoneyFigure, ledgerIncome: MoneyFigure, };

export type MonthPoint = { 
/**
 * `2019-06`.
 */
month: string, ledgerIncome: string, personTimes: number, };

export type TownshipBatch = { townshipId: string, townshipName: string, 
/**
 * RFC 3339; `None` when no batch of the township ever arrived.
 */
lastReceivedAt: string | null, daysSince: number | null, 
/**
 * No batch for `SILENT_DAYS` days or more, or none ever from an enrolled laptop.
 */
silent: boolean, drill: Drill, };

export type OwnSync = { lastExport: string | null, lastReceipt: string | null, 
/**
 * Changes not yet acknowledged by the county.
 */
pending: number, drill: Drill, };

export type Dashboard = { 
/**
 * The filter as applied: the year resolved, a laptop's township forced.
 */
filter: DashboardFilter, 
/**
 * `county` (the hub), `township` (an enrolled laptop) or `standalone`.
 */
scope: string, 
/**
 * The township a laptop keeps, or the one filtered on.
 */
townshipName: string | null, programmes: Array<ProgrammePanel>, funds: FundsPanel, inspections: InspectionsPanel, training: TrainingPanel, 
/**
 * Open conflicts (hub only).
 */
conflictsOpen: CountFigure | null, 
/**
 * Open findings of the integrity checks: `None` until the checks' `finding` table exists
 * (issue 15 wires it).
 */
findingsOpen: CountFigure | null, townships: Array<TownshipBar>, months: Array<MonthPoint>, 
/**
 * Hub only: every township's last batch.
 */
batches: Array<TownshipBatch> | null, 
/**
 * Laptop only: its own last sync.
 */
ownSync: OwnSync | null, };

export type Sex = "male" | "female";

export type Audience = "village_work_team" | "township_staff" | "county_staff" | "village_cadre" | "station_keeper" | "online_seller" | "poor_household" | "leading_enterprise" | "livestreamer" | "grower" | "other";

export type AttendanceInput = { sessionId: string, 
/**
 * `2019-06-03 am`; must be one of the session's slots.
 */
slot: string, name: string, idNumber: string, phone: string, 
/**
 * Taken from the register (the household's village) when left out.
 */
townshipId: string | null, villageId: string | null, 
/**
 * The person signed the paper sheet.
 */
signed: boolean, 
/**
 * Where on the photographed sheet: `第2页第15行`.
 */
sheetPage: string, 
/**
 * Who this person is (驻村队员、网商…); the session's audience when left out.
 */
audience: Audience | null, };

export type AttendanceRow = { id: string, sessionId: string, slot: string, slotLabel: string, name: string, 
/**
 * Derived from the ID number.
 */
sex: Sex, sexLabel: string, idMasked: string, 
/**
 * On the slot's date, from the ID number.
 */
age: number, phone: string, townshipId: string | null, townshipName: string, villageId: string | null, villageName: string, 
/**
 * The ID is in the household register (head or member) under this name, or a person
 * confirmed the name (derived, never typed).
 */
poor: boolean, householdId: string | null, 
/**
 * The household's category label, 不在登记册, or 姓名与登记册不符 (待核实).
 */
registerLabel: string, 
/**
 * The registered ID was signed in under another name and nobody confirmed it yet.
 */
nameMismatch: boolean, audience: Audience, signed: boolean, sheetPage: string, status: string, };

export type ImportKind = "places" | "households" | "operators" | "roster" | "attendance" | "members";

export type ImportMode = "dry_run" | "all" | "valid_only";

export type ImportOptions = { kind: ImportKind, mode: ImportMode, 
/**
 * The agreement (roster) or training session (attendance) the rows go into: id or number.
 */
into: string | null, 
/**
 * Column key → spreadsheet letter or header text, overriding the automatic match.
 */
mapping: { [key in string]: string }, };

export type Problem = { 
/**
 * 1-based spreadsheet row; `None` for the file as a whole.
 */
row: number | null, column: string | null, header: string | null, code: Code, message: string, 
/**
 * `error` blocks the row; `warning` is shown and does not.
 */
severity: string, };

export type FieldChange = { entity: string, field: string, old: JsonValue, new: JsonValue, };

export type RowReport = { row: number, 
/**
 * Who or what the row is (name), for the dry-run table.
 */
label: string, 
/**
 * `new`, `update`, `unchanged` or `error`.
 */
outcome: string, problems: Array<Problem>, 
/**
 * For `update`: each field that changes, old → new.
 */
changes: Array<FieldChange>, };

export type ImportCounts = { rows: number, new: number, updated: number, unchanged: number, errors: number, warnings: number, };

export type FileStamp = { kind: string, townshipCode: string, period: string, appVersion: string, 
/**
 * The data rows still hash to the checksum written at export.
 */
checksumOk: boolean, };

export type ColumnMatch = { key: string, label: string, required: boolean, 
/**
 * Spreadsheet letter (`C`), `None` when the file lacks the column.
 */
column: string | null, 
/**
 * The header text found in the file.
 */
header: string | null, };

export type ColumnHeader = { column: string, text: string, };

export type ImportReport = { kind: ImportKind, mode: ImportMode, fileName: string, 
/**
 * `xlsx`, `csv-utf8`, `csv-utf8-bom`, `csv-utf16`, `csv-gb18030`.
 */
format: string, sheet: string, 
/**
 * 1-based row of the header.
 */
headerRow: number, columns: Array<ColumnMatch>, 
/**
 * Every header cell of the file, for the mapping step.
 */
headers: Array<ColumnHeader>, 
/**
 * Header cells no known column matched (ignored).
 */
ignoredColumns: Array<string>, stamp: FileStamp | null, 
/**
 * Problems of the file as a whole (missing or ambiguous columns): nothing can be imported.
 */
fileProblems: Array<Problem>, 
/**
 * The rows to read: every row with a problem or a change, and the first rows without
 * (up to limits that keep a report of a million-row file small).
 */
rows: Array<RowReport>, 
/**
 * Rows counted in `counts` but not listed in `rows` (past the limits).
 */
rowsLeftOut: number, counts: ImportCounts, 
/**
 * The database was changed (never for a dry run).
 */
written: boolean, 
/**
 * What happened, in a sentence: why "import all" wrote nothing, how many rows went in.
 */
summary: string, };

export type ExportKind = "households" | "roster" | "ledger" | "attendance" | "summary" | "disbursements" | "fund_status" | "recoveries" | "fund_allocation" | "stats" | "findings";

export type ExportSummary = { kind: ExportKind, title: string, 
/**
 * The township's 9-digit code, or `county`.
 */
townshipCode: string, rows: number, checksum: string, 
/**
 * A file name to suggest: `鸡峰镇建档立卡户登记表.xlsx`.
 */
fileName: string, };

export type TownshipTally = { 
/**
 * `None` for sessions without a township (county sessions, field trips).
 */
townshipId: string | null, 
/**
 * 县级（未指定乡镇） for those.
 */
townshipName: string, sessions: number, personTimes: number, poorPersonTimes: number, };

export type KindTally = { kind: TrainingKind, kindLabel: string, sessions: number, heldSessions: number, personTimes: number, poorPersonTimes: number, personDays: string, 
/**
 * The programme rate applied (see the module docs), `None` when the programme has none.
 */
rateKey: string | null, 
/**
 * Yuan per person-day (the rate's minimum).
 */
rate: string | null, cost: string, 
/**
 * Days of the shortest held session of the kind (0 when none was held).
 */
shortestHeldDays: number, };

export type AudienceTally = { audience: Audience, personTimes: number, poorPersonTimes: number, personDays: number, 
/**
 * Distinct persons signed in under this audience across the programme's sessions.
 */
persons: number, poorPersons: number, };

export type TargetProgress = { key: string, label: string, unit: string, target: number, 
/**
 * `None` for a target key Fieldbook does not count (shown, not judged).
 */
achieved: number | null, met: boolean | null, requirement: string, };

export type TrainingTotals = { programmeId: string, programmeName: string, sessions: number, 
/**
 * Sessions with at least one attendance row.
 */
heldSessions: number, 
/**
 * 人次: each person once per session attended (not once per half-day slot).
 */
personTimes: number, distinctPersons: number, poorPersonTimes: number, poorPersons: number, 
/**
 * 人天: each person's dates attended, per session, summed; a whole number as text ("12").
 */
personDays: string, 
/**
 * Yuan, two decimals: person-days × the rate of each kind of session.
 */
cost: string, byTownship: Array<TownshipTally>, byKind: Array<KindTally>, 
/**
 * Audiences with at least one sign-in, in `Audience::ALL` order.
 */
byAudience: Array<AudienceTally>, targets: Array<TargetProgress>, };

export type NoticeSubject = "shop_list" | "acceptance_result" | "trainee_roster" | "fund_allocation";

export type NoticePrivacy = "none" | "masked";

export type CountySettings = { countyCode: string, countyName: string, 
/**
 * Whether public notices print ID and phone numbers, masked (`621221********1234`,
 * `138****1234`); off by default: name, village/group and benefit only.
 */
noticeMasking: NoticePrivacy, 
/**
 * Minutes without input after which the desktop app locks an encrypted database (0 =
 * never; a plain database never locks: it has no passphrase to ask).
 */
idleLockMinutes: number, 
/**
 * The county hub (or a database not enrolled as a township laptop) may change them; an
 * enrolled laptop follows the county's package.
 */
canChange: boolean, };

export type KindList = "programme" | "operator";

export type KindSubject = "operator" | "station" | "training";

export type KindOption = { id: string, list: KindList, code: string, label: string, sort: number, 
/**
 * Programme kinds only.
 */
subject: KindSubject | null, 
/**
 * Operator kinds only: an operator of this kind must name its online shop.
 */
requiresOnlineShop: boolean, 
/**
 * Kept for the records that name it, no longer offered for new ones.
 */
retired: boolean, status: string, };

export type KindInput = { list: KindList, code: string, label: string, subject: KindSubject | null, requiresOnlineShop: boolean, };

export type NoticeEntry = { name: string, 
/**
 * Village and group: 长沟村三组.
 */
place: string, 
/**
 * 验收合格，补助 5400.00 元 …
 */
benefit: string, 
/**
 * Kept for masking only; never printed in full.
 */
idNumber: string, phone: string, };

export type NoticeInput = { title: string, subject: NoticeSubject, programmeId: string | null, issuer: string, 
/**
 * Where it is posted: 长沟村村委会公示栏, 鸡峰镇政府公示栏, 成县人民政府网站.
 */
places: Array<string>, startDate: string, endDate: string, 
/**
 * The local complaint phone; 12317 is always printed beside it.
 */
phoneLocal: string, 
/**
 * The notice's text; a standard text is printed when empty.
 */
body: string, entries: Array<NoticeEntry>, 
/**
 * The form's "附名单" box: the notice has a list, so an empty one is refused
 * (`check_list`). A text that says the list is attached counts the same.
 */
hasList: boolean, };

export type ObjectionInput = { noticeId: string, 
/**
 * Present when recording the handling of an objection already received.
 */
id: string | null, receivedDate: string, objector: string, content: string, handling: string, handledDate: string | null, };

export type Objection = { id: string, receivedDate: string, objector: string, content: string, handling: string, handledDate: string | null, open: boolean, };

export type Notice = { id: string, title: string, subject: NoticeSubject, subjectLabel: string, programmeId: string | null, programmeName: string, issuer: string, places: Array<string>, startDate: string, endDate: string, days: number, phoneLocal: string, phoneNational: string, body: string, entries: Array<NoticeEntry>, 
/**
 * How the printed list shows ID and phone numbers: the county's setting when read.
 */
masking: NoticePrivacy, photoSha256: string | null, objections: Array<Objection>, openObjections: number, status: string, 
/**
 * Posted and frozen (`is_posted`): the screen offers no editing, the core refuses it.
 */
posted: boolean, };

export type NoticeSummary = { id: string, title: string, subject: NoticeSubject, 
/**
 * The subject as printed (扶持对象名单 …), for the CLI; the UI labels `subject` itself.
 */
subjectLabel: string, issuer: string, startDate: string, endDate: string, entries: number, objections: number, openObjections: number, hasPhoto: boolean, status: string, };

export type ListSource = { "from": "inspections", programmeId: string, stage: Stage, } | { "from": "training", sessionId: string, } | { "from": "applications", programmeId: string, } | { "from": "awards", programmeId: string, };

export type DocumentKind = "licence" | "id_copy" | "form" | "photo" | "other";

export type ApplicationDocument = { kind: DocumentKind, sha256: string, name: string, };

export type ApplicationInput = { programmeId: string, operatorId: string, classKey: string, appliedDate: string, documents: Array<ApplicationDocument>, 
/**
 * Yuan, for a share-of-investment rule.
 */
investment: string | null, notes: string, };

export type ReviewStep = "village" | "township" | "county";

export type Opinion = "agree" | "disagree";

export type Decision = "approved" | "rejected";

export type DecisionFilter = "undecided" | "approved" | "rejected";

export type ReviewInput = { applicationId: string, step: ReviewStep, reviewer: string, reviewDate: string, opinion: Opinion, comment: string, 
/**
 * The county assessment's score, when it scores (e.g. "86.5").
 */
score: string | null, };

export type DecisionInput = { applicationId: string, decision: Decision, reason: string, decidedBy: string, decidedDate: string, };

export type Review = { id: string, step: ReviewStep, reviewer: string, reviewDate: string, opinion: Opinion, comment: string, score: string | null, };

export type Application = { id: string, programmeId: string, programmeName: string, operatorId: string, operatorName: string, 
/**
 * 镇 村
 */
place: string, townshipId: string, classKey: string, classLabel: string, appliedDate: string, documents: Array<ApplicationDocument>, investment: string | null, reviews: Array<Review>, decision: Decision | null, decisionReason: string, decidedBy: string, decidedDate: string | null, 
/**
 * The award made on it, once made.
 */
awardId: string | null, notes: string, status: string, };

export type BanInput = { operatorId: string, reason: string, startDate: string, officer: string, 
/**
 * The recovery order the ban follows, when it does.
 */
recoveryId: string | null, };

export type LiftBanInput = { date: string, reason: string, };

export type Ban = { id: string, operatorId: string, operatorName: string, reason: string, startDate: string, 
/**
 * The first day it may apply again.
 */
endDate: string, officer: string, liftedDate: string | null, liftedReason: string, 
/**
 * In force today.
 */
active: boolean, recoveryId: string | null, };

export type Overcommit = "refuse" | "warn";

export type FundSettings = { 
/**
 * How long a ban lasts (成县, 霍邱: 3 years).
 */
banYears: number, 
/**
 * An award beyond the programme's budget: refused, or saved with a warning.
 */
overcommit: Overcommit, };

export type ContractTarget = { 
/**
 * Matches the acceptance checklist item (or computed value) that measures it.
 */
key: string, label: string, 
/**
 * A number, as text ("10000").
 */
quantity: string, unit: string, };

export type AwardInput = { applicationId: string, 
/**
 * Yuan; empty takes the class's fixed standard.
 */
amount: string, investment: string | null, decidedDate: string, decidedBy: string, targets: Array<ContractTarget>, deadline: string | null, notes: string, };

export type ContractInput = { awardId: string, contractNo: string, contractDate: string, 
/**
 * The scan, a stored attachment.
 */
scanSha256: string | null, };

export type PaymentInput = { awardId: string, 
/**
 * 1-based.
 */
tranche: number, amount: string | null, paidDate: string, voucherNo: string, payer: string, 
/**
 * The override granted for this tranche, when the gate refuses it.
 */
overrideId: string | null, notes: string, };

export type ReversalInput = { disbursementId: string, date: string, reason: string, };

export type OverrideInput = { awardId: string, tranche: number, reason: string, officer: string, date: string, };

export type RecoveryGrounds = "failed_acceptance" | "falsified" | "other";

export type RecoveryInput = { awardId: string, grounds: RecoveryGrounds, reason: string, 
/**
 * Yuan; empty recovers everything paid.
 */
amount: string, decidedDate: string, dueDate: string, officer: string, };

export type RecoveredInput = { recoveryId: string, amount: string, receivedDate: string, voucherNo: string, notes: string, };

export type GateProblem = { code: Code, message: string, };

export type TrancheState = { 
/**
 * 1-based.
 */
tranche: number, label: string, percent: string, onAcceptance: boolean, 
/**
 * What the tranche is (the last takes the rounding remainder).
 */
amount: string, 
/**
 * Paid net of reversals.
 */
paid: string, paidDate: string | null, voucherNo: string, 
/**
 * Unmet conditions of the gate now (empty: may be paid, or already paid).
 */
unmet: Array<GateProblem>, 
/**
 * The override that let it through, printed on the disbursement list.
 */
overrideNote: string | null, };

export type Disbursement = { id: string, awardId: string, tranche: number, amount: string, paidDate: string, voucherNo: string, payer: string, reversesId: string | null, reversedBy: string | null, overrideId: string | null, notes: string, };

export type Recovery = { id: string, awardId: string, operatorName: string, programmeName: string, grounds: RecoveryGrounds, reason: string, amount: string, recovered: string, outstanding: string, decidedDate: string, dueDate: string, officer: string, 
/**
 * The ban it imposed, if any.
 */
banId: string | null, };

export type Award = { id: string, programmeId: string, programmeName: string, operatorId: string, operatorName: string, place: string, townshipId: string, townshipName: string, applicationId: string | null, classKey: string, classLabel: string, amount: string, investment: string | null, decidedDate: string, decidedBy: string, targets: Array<ContractTarget>, deadline: string | null, contractNo: string, contractDate: string | null, contractSha256: string | null, tranches: Array<TrancheState>, disbursements: Array<Disbursement>, paid: string, recovered: string, recoveries: Array<Recovery>, notes: string, status: string, };

export type GateVerdict = { awardId: string, operatorName: string, 
/**
 * The next unpaid tranche; `None` when every tranche is paid.
 */
tranche: number | null, trancheLabel: string, amount: string, 
/**
 * Met, or waived by a county override of this tranche.
 */
mayPay: boolean, unmet: Array<GateProblem>, 
/**
 * The county's override of this tranche, when it waives every unmet condition (one granted
 * before a condition it did not waive broke does not).
 */
overrideId: string | null, };

export type GateOverride = { id: string, awardId: string, tranche: number, reason: string, officer: string, date: string, 
/**
 * The conditions unmet when it was granted.
 */
waived: Array<Code>, };

export type FormKind = "acceptance" | "notice" | "roster" | "ledger" | "signin" | "signin-blank" | "fund-plan" | "fund-plan-awards" | "training-summary" | "disbursements" | "recovery-notice" | "fund-status" | "stats-report" | "callbacks" | "findings" | "application";

export type StatsFigure = "operators_accepted" | "stations_accepted" | "households_linked" | "ledger_income" | "person_times" | "poor_person_times" | "funds_awarded" | "funds_paid" | "findings";

export type StatsCell = { figure: StatsFigure, 
/**
 * `12`, `3536.00` (money to the fen), or `—` when not counted.
 */
current: string, previous: string, 
/**
 * `current − previous`: `-3`, `120.50`; `—` when not counted.
 */
change: string, 
/**
 * `25.00%`, `-12.50%`; `—` when the previous period is 0 (no rate against nothing).
 */
growth: string, };

export type StatsRow = { 
/**
 * The township's 9-digit code; empty for the county-level row and the 合计.
 */
townshipCode: string, townshipName: string, cells: Array<StatsCell>, };

export type StatsReport = { countyName: string, 
/**
 * As `--period` takes it: `2019-Q3`.
 */
period: string, 
/**
 * As forms print it: 2019年第三季度.
 */
periodLabel: string, from: string, to: string, previousPeriod: string, previousLabel: string, programmeId: string | null, programmeName: string | null, townshipCode: string | null, rows: Array<StatsRow>, total: StatsRow, 
/**
 * Whether findings are counted (false until the checks' findings are wired in).
 */
findingsCounted: boolean, 
/**
 * The id the printed report goes by (form `stats-report`): `StatsQuery::record_id`.
 */
printId: string, };

export type StatsRequest = { period: string | null, from: string | null, to: string | null, programmeId: string | null, township: string | null, };

export type Stamp = { form: FormKind, recordId: string, version: number, 
/**
 * SHA-256 of the printed content (hex).
 */
contentHash: string, 
/**
 * The short hash printed on the paper: `XXXX-XXXX-XXXX`.
 */
hash: string, };

export type Preview = { stamp: Stamp, title: string, pages: Array<string>, };

export type SavedPrint = { path: string, pages: number, bytes: number, hash: string, };

export type Verification = { 
/**
 * `current` | `older` | `unknown`
 */
status: string, hash: string, form: FormKind | null, formLabel: string, recordId: string, printedVersion: number | null, currentVersion: number | null, printedAt: string, 
/**
 * Whether the printed content differs from what would print now.
 */
contentChanged: boolean, message: string, };

export type SyncStatus = { 
/**
 * `none` | `device` | `county`.
 */
mode: string, deviceId: string, fingerprint: string | null, countyFingerprint: string | null, townshipCode: string | null, townshipName: string | null, ackedSeq: number, headSeq: number, pending: { [key in string]: number }, lastExport: string | null, lastReceipt: string | null, packageVersion: number, openConflicts: number, };

export type RefusedRecord = { 
/**
 * The record kind (`household`, `operator` …) and what a user calls one (农户 …).
 */
entity: string, label: string, 
/**
 * What the officer knows the record by (a household's head, an operator's name); empty for
 * the kinds without one (a roster line, a ledger entry).
 */
name: string, recordId: string, 
/**
 * The refused change: its seq in this laptop's change log and its operation.
 */
seq: number, 
/**
 * `create` (the county never received the record: voiding it, or correcting it or the record
 * it belongs to into the township, clears it) or `update`.
 */
op: string, code: Code, 
/**
 * The county's words.
 */
message: string, 
/**
 * The batch whose receipt named it.
 */
batchId: string, 
/**
 * The kind to void it as (`void_record`), for the kinds an officer voids one by one;
 * `None` for the others (corrected, or voided with their parent).
 */
voidKind: RecordKind | null, };

export type BatchExportSummary = { batchId: string, seqFrom: number, seqTo: number, counts: { [key in string]: number }, attachments: number, bytes: number, file: string, };

export type ApplyReport = { packageVersion: number, 
/**
 * True when a package as new or newer was applied before: nothing but receipts applied.
 */
ignored: boolean, receiptsApplied: number, ackedSeq: number, created: number, updated: number, 
/**
 * Fields left as they are because this device changed them and the county has not seen it.
 */
keptPending: number, resolutions: number, };

export type EnrollmentSummary = { deviceId: string, 
/**
 * The device's fingerprint (read out over the phone).
 */
deviceFingerprint: string, countyFingerprint: string | null, townshipCode: string | null, townshipName: string | null, 
/**
 * Where the request or answer was written, when it was.
 */
file: string | null, };

export type DeviceRow = { deviceId: string, townshipCode: string, townshipName: string, officer: string, fingerprint: string, 
/**
 * `active` | `revoked`.
 */
status: string, enrolledAt: string, 
/**
 * When the county revoked it (RFC 3339), for a revoked device.
 */
revokedAt: string | null, lastSeq: number, openConflicts: number, };

export type RevokeSummary = { device: DeviceRow, 
/**
 * The device was revoked before this call: nothing changed (its `revokedAt` is the first
 * revocation's).
 */
alreadyRevoked: boolean, };

export type RequestInfo = { deviceId: string, officer: string, deviceFingerprint: string, createdAt: string, 
/**
 * The device as this county already has it (enrolled again, revoked …), if it does.
 */
enrolled: DeviceRow | null, };

export type EntityCounts = { new: number, changed: number, unchanged: number, conflicts: number, refused: number, };

export type Refusal = { seq: number, entity: string, recordId: string, field: string | null, code: Code, message: string, };

export type ConflictRef = { id: string, entity: string, recordId: string, field: string, };

export type ClockFlag = { seq: number, recordId: string, 
/**
 * The device's time for the change, and the county's time it was clamped to.
 */
deviceTime: string, clampedTo: string, };

export type BatchImportReport = { batchId: string, deviceId: string, officer: string, dryRun: boolean, 
/**
 * `applied` | `staged` | `duplicate` | `refused` (every new change refused: nothing
 * written, no receipt; the batch may be imported again once the cause is fixed).
 */
outcome: string, seqFrom: number, seqTo: number, 
/**
 * Every change up to here is in (0 when none).
 */
appliedThrough: number, 
/**
 * For a staged batch: the first missing sequence number.
 */
waitingFor: number | null, 
/**
 * Staged batches from earlier that this one unblocked.
 */
unstaged: Array<string>, entities: { [key in string]: EntityCounts }, refused: Array<Refusal>, conflicts: Array<ConflictRef>, clock: Array<ClockFlag>, attachments: number, };

export type Conflict = { id: string, entity: string, recordId: string, field: string, base: unknown, county: unknown, incoming: unknown, deviceId: string, seq: number, officer: string, status: string, resolution: unknown, note: string | null, resolvedBy: string | null, resolvedAt: string | null, createdAt: string, };

export type PackageSummary = { deviceId: string, version: number, records: { [key in string]: number }, acknowledgedThrough: number, resolutions: number, 
/**
 * Where the package was written, when it was.
 */
file: string | null, };

export type IpcError = { code: Code, message: string, field?: string, 
/**
 * Every problem of a refused input, the first being `code`/`message`/`field` above.
 */
errors?: Array<FieldError>, };

export type FieldError = { code: Code, field: string, message: string, };

export type AppInfo = { appVersion: string, dbPath: string, schemaVersion: number, county: County | null, 
/**
 * The name the change log records for this device's writes.
 */
officer: string, 
/**
 * A name was saved on this device (else the app asks for one before work starts).
 */
officerSet: boolean, 
/**
 * Set when the database could not be opened; every other command then answers this error.
 */
startupError: IpcError | null, 
/**
 * The open database holds the demo county (a 演示数据 banner on every screen).
 */
isDemo: boolean, 
/**
 * `none` (not set up for sync yet) | `device` (a township laptop) | `county` (the hub).
 */
syncMode: string, 
/**
 * The user's own database, which 退出演示 returns to (the open one unless in the demo).
 */
ownDbPath: string, 
/**
 * Whether the database is open, not created yet, or waiting for its passphrase.
 */
access: Access, 
/**
 * The open database is encrypted at rest (a real county's plain one shows 台账未加密).
 */
encrypted: boolean, 
/**
 * Seconds without input before the app locks the open database; 0 = never (a plain
 * database or the demo never locks: it has no passphrase to ask).
 */
idleLockSeconds: number, };

export type Access = "open" | "missing" | "locked";

export type SavedExport = { path: string, summary: ExportSummary, };

export type AwardClass = { key: string, label: string, 
/**
 * The least award, yuan with 2 decimals ("0.01" when only a ceiling is set).
 */
min: string, 
/**
 * The most, before an investment share is applied (`None`: only the share and cap bound it).
 */
max: string | null, 
/**
 * A share of the operator's investment: the investment must be given.
 */
investmentShare: string | null, 
/**
 * A fixed standard: the award is exactly `min`.
 */
fixed: boolean, };

export type BackupCounty = { code: string, name: string, };

export type LogHead = { seq: number, hash: string, };

export type BackupManifest = { 
/**
 * [`BACKUP_FORMAT`].
 */
format: number, 
/**
 * The Fieldbook version that made it.
 */
appVersion: string, 
/**
 * When it was made, RFC 3339 in UTC.
 */
createdAt: string, 
/**
 * The device: `app_meta.database_id` of the copied database.
 */
databaseId: string, 
/**
 * The county, `None` for a database not yet set up.
 */
county: BackupCounty | null, 
/**
 * A copy of the demo database.
 */
demo: boolean, 
/**
 * `user_version` of the copy.
 */
schemaVersion: number, 
/**
 * Encrypted with the database's passphrase (SQLCipher), or plain.
 */
encrypted: boolean, 
/**
 * Size of `fieldbook.db` in bytes.
 */
databaseBytes: number, 
/**
 * SHA-256 (hex) of `fieldbook.db`.
 */
databaseSha256: string, 
/**
 * The last change-log entry of the copy.
 */
logHead: LogHead, 
/**
 * Rows per table of the copy.
 */
tables: Record<string, number>, };

export type BackupReport = { file: string, 
/**
 * Size of the backup file.
 */
bytes: number, manifest: BackupManifest, };

export type BackupCheck = { file: string, manifest: BackupManifest, };

export type RestoreReport = { 
/**
 * The new database.
 */
path: string, manifest: BackupManifest, 
/**
 * A restore over the database in use (`Store::restore_in_place`): the previous database,
 * kept under this name.
 */
replaced: string | null, };

export type LastBackup = { 
/**
 * RFC 3339 in UTC.
 */
at: string, file: string, };

export type BackupStatus = { last: LastBackup | null, 
/**
 * A real county's database whose last backup is older than [`BACKUP_REMINDER_DAYS`], or
 * that has none. Never the demo, never a database not yet set up.
 */
reminderDue: boolean, };

export type ScopeKind = "programme" | "operator" | "session";

export type ArchiveScope = { kind: ScopeKind, id: string, name: string, };

export type ArchiveReport = { path: string, bytes: number, scope: ArchiveScope, 
/**
 * Files listed in the manifest (the index included).
 */
files: number, 
/**
 * Forms printed fresh for it.
 */
printed: number, 
/**
 * Attachments copied as stored.
 */
attachments: number, 
/**
 * Pages of the printed forms and the index.
 */
pages: number, 
/**
 * Attachments the records name but this device does not hold (a laptop receives the
 * county's records without their files): named in the index, not in the zip.
 */
missing: Array<string>, };

export type CheckCode = "F1_ID_TWO_NAMES" | "F1_NAME_TWO_IDS" | "F1_ID_INVALID" | "F2_HOUSEHOLD_MANY_ROSTERS" | "F3_OVERLAPPING_SESSIONS" | "F3_TWO_TOWNSHIPS_ONE_DAY" | "F4_OVER_PLANNED_HEADCOUNT" | "F4_OVER_VENUE_CAPACITY" | "F4_VILLAGE_OVER_ADULTS" | "F4_IDENTICAL_ROSTERS" | "F4_FULL_ATTENDANCE_LONG_COURSE" | "F5_SHARED_PHONE" | "F5_PHONE_RUN" | "F5_ID_ORDER" | "F5_SHARED_BIRTHDAY" | "F6_POOR_NOT_REGISTERED" | "F6_REGISTERED_NOT_MARKED" | "F7_MINOR_SIGNED" | "F7_TRAINEE_AGE" | "F8_OUTSIDE_TERM" | "F8_OUT_OF_SEASON" | "F8_BELOW_MARKET_PRICE" | "F8_ROUND_AMOUNTS" | "F8_INCOME_ABOVE_LEDGER" | "F8_LATE_PAYMENT" | "F9_ACCEPTED_BEFORE_COMPLETION" | "F9_PAID_BEFORE_ACCEPTANCE" | "F9_PAID_BEFORE_NOTICE_END" | "F9_SHORT_NOTICE" | "F9_INSPECTOR_TWO_SITES" | "F10_PHOTO_REUSED" | "F11_CALLBACK_DENIED" | "F11_RECHECK_FAILED";

export type Severity = "high" | "medium" | "low";

export type RecordRef = { kind: string, id: string, label: string, townshipId: string | null, };

export type Compared = { label: string, value: string, };

export type FindingStatus = "open" | "explained" | "confirmed" | "dismissed" | "closed";

export type FindingFilter = { 
/**
 * A township's id: the findings involving it (not only those filed under it).
 */
townshipId: string | null, check: CheckCode | null, status: FindingStatus | null, };

export type TownshipName = { id: string, code: string, name: string, };

export type FindingView = { 
/**
 * The stored id; on a laptop (findings computed, not stored) the key.
 */
id: string, key: string, check: CheckCode, 
/**
 * "F3"
 */
rule: string, title: string, why: string, severity: Severity, 
/**
 * The first township involved (filed under it).
 */
townshipId: string | null, townships: Array<TownshipName>, records: Array<RecordRef>, compared: Array<Compared>, threshold: string | null, summary: string, status: FindingStatus, note: string, attachmentSha256: string | null, decidedBy: string, decidedAt: string | null, firstSeen: string, lastSeen: string, 
/**
 * The change-log entry (`change_id`) that removed the cause, when closed by a run.
 */
closedBy: string | null, 
/**
 * The recovery (追回) ordered on this confirmed finding.
 */
recoveryId: string | null, 
/**
 * Stored at the hub (false: computed on a laptop for its own township, never kept).
 */
stored: boolean, };

export type FindingCount = { townshipId: string | null, townshipName: string | null, check: CheckCode, status: FindingStatus, count: number, };

export type RunReport = { 
/**
 * Findings not stored before (or found again after being closed).
 */
new: number, 
/**
 * Known findings found again (their evidence brought up to date).
 */
stillOpen: number, 
/**
 * Pending findings not found again: closed, their cause gone.
 */
closed: number, 
/**
 * Findings this run found.
 */
total: number, };

export type CheckRun = { 
/**
 * True at the county hub (and on a database not enrolled as a laptop); false on a laptop.
 */
stored: boolean, report: RunReport, findings: Array<FindingView>, };

export type CallOutcome = "reached" | "confirms" | "denies" | "unreachable";

export type CallQuestion = { 
/**
 * agreement | payment | training
 */
about: string, text: string, };

export type CallbackItem = { id: string, position: number, householdId: string, headName: string, village: string, 
/**
 * The ID number as lists show it (`6542**********0012`); never the whole number.
 */
maskedId: string, phone: string, outcome: CallOutcome | null, note: string, officer: string, callDate: string | null, questions: Array<CallQuestion>, };

export type CallbackSample = { id: string, townshipId: string, townshipCode: string, townshipName: string, seed: string, 
/**
 * 0–1 as text: "0.1".
 */
share: string, 
/**
 * Live households of the township when drawn.
 */
population: number, drawnDate: string, drawnBy: string, called: number, denied: number, items: Array<CallbackItem>, };

export type Thresholds = { 
/**
 * F2: a household in at least this many operators' rosters in one year.
 */
operatorsPerHousehold: number, 
/**
 * F4: a course of at least this many days where everyone came every day…
 */
longCourseDays: number, 
/**
 * … with at least this many trainees.
 */
fullAttendanceMinTrainees: number, 
/**
 * F4: identical rosters (same people, same order) of at least this many people.
 */
identicalRosterMin: number, 
/**
 * F4: the county's venues and how many people each holds (venue name as typed → seats).
 */
venueCapacity: { [key in string]: number }, 
/**
 * F5: at least this many trainees sharing one phone number.
 */
traineesPerPhone: number, 
/**
 * F5: at least this many phone numbers of one session in an unbroken run (n, n+1, …).
 */
phoneRunMin: number, 
/**
 * F5: a sheet of at least this many trainees typed in ascending ID-number order.
 */
idOrderMin: number, 
/**
 * F5: at least this many trainees of one session born on the same day.
 */
sharedBirthdayMin: number, 
/**
 * F7: trainees' ages allowed (inclusive).
 */
traineeAgeMin: number, traineeAgeMax: number, 
/**
 * F7: the youngest age that may sign an agreement.
 */
signerAgeMin: number, 
/**
 * F8: identical round amounts across at least this many households…
 */
roundAmountMinHouseholds: number, 
/**
 * … where round means a multiple of this many yuan.
 */
roundAmountYuan: number, 
/**
 * F9: a notice shorter than this many days.
 */
noticeMinDays: number, 
/**
 * F9: one inspector at two sites further apart than this on one day (km).
 */
inspectorDistanceKm: number, 
/**
 * F11: the household call-back sample, in percent of a township's households.
 */
callbackShare: number, };

export type ProductSeason = { product: string, from: string, to: string, };

export type ProductSeasons = Array<ProductSeason>;

export type CheckSettings = { thresholds: Thresholds, defaults: Thresholds, seasons: ProductSeasons, canChange: boolean, };

/** Typed wrappers over `invoke`. A failed command rejects with an `IpcError`. */
export const commands = {
  /** Which database is open and what it holds; answers even when opening failed. */
  appInfo: (): Promise<AppInfo> =>
    invoke<AppInfo>("app_info"),
  /** Closes the user's database and opens the demo county's, a file of its own beside it. */
  openDemo: (): Promise<AppInfo> =>
    invoke<AppInfo>("open_demo"),
  /** Closes the demo and opens the user's own database again. */
  leaveDemo: (): Promise<AppInfo> =>
    invoke<AppInfo>("leave_demo"),
  /** First run: creates the user's database, encrypted with the passphrase typed twice (the strength rule of the core: STORE_PASSPHRASE_WEAK under passphrase, STORE_PASSPHRASE_MISMATCH under passphraseAgain). Only while no database exists. */
  createDatabase: (passphrase: string, passphraseAgain: string): Promise<AppInfo> =>
    invoke<AppInfo>("create_database", { passphrase, passphraseAgain }),
  /** Opens the encrypted database that waits for its passphrase (at start or after the idle lock); a wrong one answers STORE_PASSPHRASE_WRONG and leaves it locked. */
  unlock: (passphrase: string): Promise<AppInfo> =>
    invoke<AppInfo>("unlock", { passphrase }),
  /** The idle lock: closes an open encrypted database and forgets its passphrase; a plain database or the demo stays open. */
  lock: (): Promise<AppInfo> =>
    invoke<AppInfo>("lock"),
  /** 加密现有台账: converts the user's own plain database into an encrypted one in place with the passphrase typed twice (STORE_PASSPHRASE_WEAK under passphrase, STORE_PASSPHRASE_MISMATCH under passphraseAgain; nothing happens on a refused one), optionally deleting the plain migration copies beside it, and opens it with that passphrase. Refuses the demo (STORE_DEMO_PLAIN) and an encrypted database (STORE_ALREADY_ENCRYPTED); a failed conversion leaves the plain database open as it was and answers why. */
  encryptDatabase: (passphrase: string, passphraseAgain: string, removePlainCopies: boolean): Promise<AppInfo> =>
    invoke<AppInfo>("encrypt_database", { passphrase, passphraseAgain, removePlainCopies }),
  /** 修改口令: re-encrypts the open encrypted database with a new passphrase typed twice. A wrong current passphrase answers STORE_PASSPHRASE_WRONG under current, together with any problem of the new one; nothing changes while any remains. Refuses a plain database (STORE_NOT_ENCRYPTED). */
  changePassphrase: (current: string, passphrase: string, passphraseAgain: string): Promise<AppInfo> =>
    invoke<AppInfo>("change_passphrase", { current, passphrase, passphraseAgain }),
  /** Prints a form to PDF where the user chooses in a native "save as" dialog (opening in the save folder); null when they cancel. With FIELDBOOK_SAVE_DIR set (the end-to-end tests, which cannot answer a native dialog) it saves there without asking. */
  savePrintAs: (form: FormKind, id: string): Promise<SavedPrint | null> =>
    invoke<SavedPrint | null>("save_print_as", { form, id }),
  /** Backs the open database up into one file the user chooses in a native "save as" dialog (opening in the save folder, named after the county and time); null when they cancel. With FIELDBOOK_SAVE_DIR set (the end-to-end tests) it saves there without asking. */
  backupNow: (): Promise<BackupReport | null> =>
    invoke<BackupReport | null>("backup_now"),
  /** Writes the project archive (项目档案: index PDF, every document, manifest) of a programme, operator or training session into a zip the user chooses in a native "save as" dialog; null when they cancel. An existing file is never replaced (ARCHIVE_TARGET_EXISTS). With FIELDBOOK_SAVE_DIR set (the end-to-end tests) it saves there without asking. */
  exportArchive: (scope: ScopeKind, id: string): Promise<ArchiveReport | null> =>
    invoke<ArchiveReport | null>("export_archive", { scope, id }),
  /** Asks for a backup file in a native "open" dialog; its path, or null when cancelled. */
  pickBackupFile: (): Promise<string | null> =>
    invoke<string | null>("pick_backup_file"),
  /** Restores a backup file over the open database: checked completely beside it first, then the database in use is renamed aside (kept, named in `replaced`) and the restored file takes its name, so the app opens it now and at every later start. Refused for the demo. `passphrase`: the one the backup was made under when the register's has changed since; the restored register takes the register's passphrase. */
  restoreFromBackup: (file: string, passphrase: string | null): Promise<RestoreReport> =>
    invoke<RestoreReport>("restore_from_backup", { file, passphrase }),
  /** Townships of the county with their village and poor-village counts, by code. */
  listTownships: (): Promise<Array<TownshipSummary>> =>
    invoke<Array<TownshipSummary>>("list_townships"),
  /** Villages of one township (9-digit code), by code. */
  listVillages: (townshipCode: string): Promise<Array<Village>> =>
    invoke<Array<Village>>("list_villages", { townshipCode }),
  /** Adds a village; refuses an empty name, a code of the wrong shape or a duplicate code. */
  addVillage: (input: VillageInput): Promise<Village> =>
    invoke<Village>("add_village", { input }),
  /** Edits a village's name, code, poor flag or township, keeping its id. */
  updateVillage: (id: string, input: VillageInput): Promise<Village> =>
    invoke<Village>("update_village", { id, input }),
  /** Starts this database's county (first run): its 6-digit code and name. Refused when the database holds a county already or the demo. */
  createCounty: (code: string, name: string): Promise<County> =>
    invoke<County>("create_county", { code, name }),
  /** Renames the county (its code stays). */
  renameCounty: (name: string): Promise<County> =>
    invoke<County>("rename_county", { name }),
  /** Adds a township (9-digit code under the county's). */
  addTownship: (code: string, name: string): Promise<TownshipSummary> =>
    invoke<TownshipSummary>("add_township", { code, name }),
  /** Renames a township or village by its code; older prints keep the old name. */
  renamePlace: (code: string, name: string): Promise<Place> =>
    invoke<Place>("rename_place", { code, name }),
  /** Retires a township or village: kept for the records that name it, not offered for new ones. */
  retirePlace: (code: string): Promise<Place> =>
    invoke<Place>("retire_place", { code }),
  /** Remembers who uses this device; the change log names them from now on. */
  setOfficer: (name: string): Promise<string> =>
    invoke<string>("set_officer", { name }),
  /** Every change of a village, oldest first: who, when, which device, old → new. */
  villageHistory: (id: string): Promise<Array<HistoryEntry>> =>
    invoke<Array<HistoryEntry>>("village_history", { id }),
  /** Every change of any record (entity: household, operator, agreement, roster, ledger_entry, village …), oldest first. */
  recordHistory: (entity: string, id: string): Promise<Array<HistoryEntry>> =>
    invoke<Array<HistoryEntry>>("record_history", { entity, id }),
  /** The county's household categories (labels are configurable per county). */
  householdCategories: (): Promise<Array<Category>> =>
    invoke<Array<Category>>("household_categories"),
  /** One page of the register: by name (prefix first), by the last digits of an ID number, by township or village. ID numbers come masked. */
  searchHouseholds: (query: HouseholdQuery): Promise<HouseholdPage> =>
    invoke<HouseholdPage>("search_households", { query }),
  /** One household with its full ID number, for the detail page. */
  household: (id: string): Promise<Household> =>
    invoke<Household>("household", { id }),
  /** Registers a household; refuses a bad or already registered ID number. */
  addHousehold: (input: HouseholdInput): Promise<Saved<Household>> =>
    invoke<Saved<Household>>("add_household", { input }),
  /**  */
  updateHousehold: (id: string, input: HouseholdInput): Promise<Saved<Household>> =>
    invoke<Saved<Household>>("update_household", { id, input }),
  /** The agreements a household is on, with its income derived from each ledger. */
  householdLinks: (id: string): Promise<HouseholdLinks> =>
    invoke<HouseholdLinks>("household_links", { id }),
  /** Operators, optionally of one township (9-digit code) and of one status (live ones without; voided ones only with `voided`). */
  listOperators: (townshipCode: string | null, status: RecordStatus | null): Promise<Array<Operator>> =>
    invoke<Array<Operator>>("list_operators", { townshipCode, status }),
  /**  */
  operator: (id: string): Promise<Operator> =>
    invoke<Operator>("operator", { id }),
  /**  */
  addOperator: (input: OperatorInput): Promise<Saved<Operator>> =>
    invoke<Saved<Operator>>("add_operator", { input }),
  /**  */
  updateOperator: (id: string, input: OperatorInput): Promise<Saved<Operator>> =>
    invoke<Saved<Operator>>("update_operator", { id, input }),
  /** Agreements, optionally of one operator and of one status, newest year first. */
  listAgreements: (operatorId: string | null, status: RecordStatus | null): Promise<Array<AgreementSummary>> =>
    invoke<Array<AgreementSummary>>("list_agreements", { operatorId, status }),
  /** One agreement with roster count, the 10-household rule and the derived income. */
  agreement: (id: string): Promise<Agreement> =>
    invoke<Agreement>("agreement", { id }),
  /**  */
  addAgreement: (input: AgreementInput): Promise<Saved<Agreement>> =>
    invoke<Saved<Agreement>>("add_agreement", { input }),
  /**  */
  updateAgreement: (id: string, input: AgreementInput): Promise<Saved<Agreement>> =>
    invoke<Saved<Agreement>>("update_agreement", { id, input }),
  /** Agreements linked to no programme (their old free-text programme matched none). */
  unlinkedAgreements: (): Promise<Array<AgreementSummary>> =>
    invoke<Array<AgreementSummary>>("unlinked_agreements"),
  /** Links an agreement to one of the county's programmes (warnings: another year, fewer households than the programme asks). */
  linkAgreementProgramme: (agreementId: string, programmeId: string): Promise<Saved<Agreement>> =>
    invoke<Saved<Agreement>>("link_agreement_programme", { agreementId, programmeId }),
  /** Stores the signed agreement's scan (JPEG, PNG or PDF, base64) by its SHA-256. */
  attachScan: (agreementId: string, fileName: string, contentBase64: string): Promise<Agreement> =>
    invoke<Agreement>("attach_scan", { agreementId, fileName, contentBase64 }),
  /** The roster with each household's income derived from the ledger. */
  roster: (agreementId: string): Promise<Array<RosterRow>> =>
    invoke<Array<RosterRow>>("roster", { agreementId }),
  /**  */
  addToRoster: (input: RosterInput): Promise<Saved<RosterRow>> =>
    invoke<Saved<RosterRow>>("add_to_roster", { input }),
  /** Takes a household off a roster; refused once the ledger has entries for it. */
  removeFromRoster: (rosterId: string): Promise<null> =>
    invoke<null>("remove_from_roster", { rosterId }),
  /**  */
  ledger: (agreementId: string): Promise<Array<LedgerRow>> =>
    invoke<Array<LedgerRow>>("ledger", { agreementId }),
  /** Appends a ledger entry; the amount is computed (quantity × unit price, to the fen). */
  addLedgerEntry: (input: LedgerInput): Promise<Saved<LedgerRow>> =>
    invoke<Saved<LedgerRow>>("add_ledger_entry", { input }),
  /** The programme presets taken from the county plans. */
  programmePresets: (): Promise<Array<Preset>> =>
    invoke<Array<Preset>>("programme_presets"),
  /** The programmes set up in this database, newest year first. */
  listProgrammes: (): Promise<Array<ProgrammeSummary>> =>
    invoke<Array<ProgrammeSummary>>("list_programmes"),
  /** One programme with its subsidy, tranches, targets and criteria template. */
  programme: (id: string): Promise<Programme> =>
    invoke<Programme>("programme", { id }),
  /** Sets up a programme for a year from a preset. */
  addProgrammeFromPreset: (preset: string, year: number | null): Promise<Programme> =>
    invoke<Programme>("add_programme_from_preset", { preset, year }),
  /** The presets as this county sees them: its own plan's first, the others as templates labelled with their source. */
  presetListing: (): Promise<Array<PresetListing>> =>
    invoke<Array<PresetListing>>("preset_listing"),
  /** Every target of a programme: goal, what the records count, share reached, met. */
  programmeProgress: (id: string): Promise<ProgrammeProgress> =>
    invoke<ProgrammeProgress>("programme_progress", { id }),
  /** The special fund of a year by category, and the fund-share caps of its programmes. */
  fundShares: (year: number): Promise<FundShares> =>
    invoke<FundShares>("fund_shares", { year }),
  /** A programme's fund status: budget, awarded, paid, recovered, remaining, to pay and to recover, in total, by township and by class, with its warnings. */
  fundStatus: (programmeId: string): Promise<FundStatus> =>
    invoke<FundStatus>("fund_status", { programmeId }),
  /** The county's budget overview: one line per programme of `year` (every year when none), their total and the warnings. */
  fundBudgets: (year: number | null): Promise<FundBudgets> =>
    invoke<FundBudgets>("fund_budgets", { year }),
  /** A programme's fund plan from the villages by class (the default) or from the awards made. */
  fundPlan: (programmeId: string, from: PlanSource | null): Promise<FundPlan> =>
    invoke<FundPlan>("fund_plan", { programmeId, from }),
  /** A service station's monthly service records, oldest first. */
  stationMonths: (stationId: string): Promise<Array<StationMonth>> =>
    invoke<Array<StationMonth>>("station_months", { stationId }),
  /** Records one month of a service station (one per station and month). */
  addStationMonth: (input: StationMonthInput): Promise<StationMonth> =>
    invoke<StationMonth>("add_station_month", { input }),
  /** Corrects a recorded month, checked like a new one (a month changed onto one already recorded for the station is refused). */
  editStationMonth: (id: string, input: StationMonthInput): Promise<StationMonth> =>
    invoke<StationMonth>("edit_station_month", { id, input }),
  /** Voids a month (作废) with a required reason; the month may then be recorded again. */
  voidStationMonth: (id: string, reason: string): Promise<VoidedMonth> =>
    invoke<VoidedMonth>("void_station_month", { id, reason }),
  /** A new version of a programme (the settings the form edits), checked like a new one. */
  editProgramme: (id: string, settings: Preset): Promise<Programme> =>
    invoke<Programme>("edit_programme", { id, settings }),
  /** Sets up (without `id`) or edits a programme from its JSON; a malformed document is refused naming its JSON path (`targets[0].key`). */
  saveProgrammeJson: (id: string | null, json: string): Promise<Programme> =>
    invoke<Programme>("save_programme_json", { id, json }),
  /** Inspections, optionally of one programme, newest first. */
  listInspections: (programmeId: string | null): Promise<Array<InspectionSummary>> =>
    invoke<Array<InspectionSummary>>("list_inspections", { programmeId }),
  /** One inspection with its checklist evaluation and the values measured from the records. */
  inspection: (id: string): Promise<Inspection> =>
    invoke<Inspection>("inspection", { id }),
  /** What the records say for an operator and programme before anything is typed. */
  computedValues: (operatorId: string, programmeId: string): Promise<Array<ComputedValue>> =>
    invoke<Array<ComputedValue>>("computed_values", { operatorId, programmeId }),
  /** Checks one wizard step with the saving rules; refuses with that step's problems only. */
  checkInspectionStep: (input: InspectionInput, step: WizardStep): Promise<null> =>
    invoke<null>("check_inspection_step", { input, step }),
  /**  */
  addInspection: (input: InspectionInput): Promise<Saved<Inspection>> =>
    invoke<Saved<Inspection>>("add_inspection", { input }),
  /**  */
  updateInspection: (id: string, input: InspectionInput): Promise<Saved<Inspection>> =>
    invoke<Saved<Inspection>>("update_inspection", { id, input }),
  /** Submits an inspection; it refuses edits from then on. */
  submitInspection: (id: string): Promise<Inspection> =>
    invoke<Inspection>("submit_inspection", { id }),
  /** County hub: locks a submitted inspection (the payment gate pays a balance only on a locked acceptance); refused with `SYNC_NOT_COUNTY` on a laptop. */
  lockInspection: (id: string): Promise<Inspection> =>
    invoke<Inspection>("lock_inspection", { id }),
  /** Adds a photo (JPEG or PNG, base64) to a draft inspection. */
  addInspectionPhoto: (inspectionId: string, fileName: string, contentBase64: string, caption: string): Promise<Saved<InspectionPhoto>> =>
    invoke<Saved<InspectionPhoto>>("add_inspection_photo", { inspectionId, fileName, contentBase64, caption }),
  /** The re-check samples of a programme, newest first, with the 复核 recorded against each. */
  recheckSamples: (programmeId: string): Promise<Array<RecheckSample>> =>
    invoke<Array<RecheckSample>>("recheck_samples", { programmeId }),
  /** One re-check sample: its drawn items, the township's 初验 and the county's 复核 of each. */
  recheckSample: (id: string): Promise<RecheckSample> =>
    invoke<RecheckSample>("recheck_sample", { id }),
  /** Draws and keeps the county re-check sample (share as a decimal string, e.g. "0.5"), from the township's 初验 results, not below the programme's re-check share. */
  drawRecheckSample: (programmeId: string, share: string, seed: string | null): Promise<RecheckSample> =>
    invoke<RecheckSample>("draw_recheck_sample", { programmeId, share, seed }),
  /** Training sessions, optionally of one programme and of one status. */
  listTrainingSessions: (programmeId: string | null, status: RecordStatus | null): Promise<Array<TrainingSessionSummary>> =>
    invoke<Array<TrainingSessionSummary>>("list_training_sessions", { programmeId, status }),
  /** One session with its slots and how many signed in to each. */
  trainingSession: (id: string): Promise<TrainingSession> =>
    invoke<TrainingSession>("training_session", { id }),
  /**  */
  addTrainingSession: (input: TrainingSessionInput): Promise<Saved<TrainingSession>> =>
    invoke<Saved<TrainingSession>>("add_training_session", { input }),
  /**  */
  updateTrainingSession: (id: string, input: TrainingSessionInput): Promise<Saved<TrainingSession>> =>
    invoke<Saved<TrainingSession>>("update_training_session", { id, input }),
  /** Adds a photographed sign-in sheet (JPEG or PNG, base64) to a session. */
  attachSignInSheet: (sessionId: string, fileName: string, contentBase64: string): Promise<Saved<TrainingSession>> =>
    invoke<Saved<TrainingSession>>("attach_sign_in_sheet", { sessionId, fileName, contentBase64 }),
  /** Signs one person in to one slot: poor flag from the register, overlap and headcount warnings. */
  addAttendance: (input: AttendanceInput): Promise<Saved<AttendanceRow>> =>
    invoke<Saved<AttendanceRow>>("add_attendance", { input }),
  /** Takes back a sign-in entered by mistake (kept in the log). */
  removeAttendance: (id: string): Promise<null> =>
    invoke<null>("remove_attendance", { id }),
  /** Confirms that a registered ID signed in under another name is the registered person: that name's rows of the session then count poor (a change in the history). */
  confirmAttendanceName: (id: string): Promise<Array<AttendanceRow>> =>
    invoke<Array<AttendanceRow>>("confirm_attendance_name", { id }),
  /** What the register knows under an ID number (head or member), for the sign-in form to fill the name, sex and village in; `null` when the ID is not registered. */
  registerPerson: (idNumber: string): Promise<RegisterPerson | null> =>
    invoke<RegisterPerson | null>("register_person", { idNumber }),
  /** A household's members (家庭成员), ID numbers masked. */
  householdMembers: (householdId: string): Promise<Array<HouseholdMember>> =>
    invoke<Array<HouseholdMember>>("household_members", { householdId }),
  /** A member's stored values (full ID number) for the edit form. */
  householdMemberInput: (id: string): Promise<MemberInput> =>
    invoke<MemberInput>("household_member_input", { id }),
  /**  */
  addHouseholdMember: (input: MemberInput): Promise<Saved<HouseholdMember>> =>
    invoke<Saved<HouseholdMember>>("add_household_member", { input }),
  /**  */
  updateHouseholdMember: (id: string, input: MemberInput): Promise<Saved<HouseholdMember>> =>
    invoke<Saved<HouseholdMember>>("update_household_member", { id, input }),
  /** Voids a member with a reason (a tombstone on the write path). */
  voidHouseholdMember: (id: string, reason: string): Promise<null> =>
    invoke<null>("void_household_member", { id, reason }),
  /** Everyone signed in to a session, by slot. */
  attendance: (sessionId: string): Promise<Array<AttendanceRow>> =>
    invoke<Array<AttendanceRow>>("attendance", { sessionId }),
  /** Person-times, poor person-times, per township and per kind, against the programme's targets, with the cost at the per-person-day rates. */
  trainingTotals: (programmeId: string): Promise<TrainingTotals> =>
    invoke<TrainingTotals>("training_totals", { programmeId }),
  /** Cancels an entry with a reversing entry that points at it. */
  reverseLedgerEntry: (entryId: string, reason: string): Promise<LedgerRow> =>
    invoke<LedgerRow>("reverse_ledger_entry", { entryId, reason }),
  /** Reads an .xlsx or .csv file (base64) and imports it as `options` say: a dry run reports every row and writes nothing; "all" writes nothing when any row is refused; "valid only" writes the rows that passed. One transaction either way. */
  importSheet: (fileName: string, contentBase64: string, options: ImportOptions): Promise<ImportReport> =>
    invoke<ImportReport>("import_sheet", { fileName, contentBase64, options }),
  /** Exports a county template (.xlsx) for one township (code) or the county into the export folder (`files::save_dir`: FIELDBOOK_SAVE_DIR, else Downloads) and answers where it was saved. */
  exportSheet: (kind: ExportKind, township: string | null, period: string | null): Promise<SavedExport> =>
    invoke<SavedExport>("export_sheet", { kind, township, period }),
  /** Exports a programme's 资金拨付明细表 (`disbursements`) or 资金使用情况表 (`fund_status`) as .xlsx into the export folder and answers where it was saved (noted in the export audit). */
  exportFundSheet: (kind: ExportKind, programmeId: string): Promise<SavedExport> =>
    invoke<SavedExport>("export_fund_sheet", { kind, programmeId }),
  /** The statistics report (统计表) of a period (`2019-Q3`, or `from`/`to` dates), optionally of one programme and one township: a row per township and the 合计, each figure with the period before, the change and the growth rate. Print it as form `stats-report` with the report's `printId`. */
  statsReport: (request: StatsRequest): Promise<StatsReport> =>
    invoke<StatsReport>("stats_report", { request }),
  /** Exports the statistics report as .xlsx into the export folder (noted in the export audit) and answers where it was saved. */
  exportStatsSheet: (request: StatsRequest): Promise<SavedExport> =>
    invoke<SavedExport>("export_stats_sheet", { request }),
  /** Opens a file saved into the save folder (a PDF to print, an export) in the system's viewer; anything outside that folder is refused. */
  openSavedFile: (path: string): Promise<null> =>
    invoke<null>("open_saved_file", { path }),
  /** A printable form's pages as SVG with its stamp, for the preview (nothing is logged). */
  previewForm: (form: FormKind, id: string): Promise<Preview> =>
    invoke<Preview>("preview_form", { form, id }),
  /** Prints a form to PDF in the save folder (FIELDBOOK_SAVE_DIR, else Downloads) and notes it in the print log. */
  savePrint: (form: FormKind, id: string): Promise<SavedPrint> =>
    invoke<SavedPrint>("save_print", { form, id }),
  /** Checks a paper copy's short hash: current, an older version, or unknown. */
  verifyPrint: (hash: string): Promise<Verification> =>
    invoke<Verification>("verify_print", { hash }),
  /** Runs the integrity checks (核查) over the county or the findings involving one township (its id): stored at the hub; on a laptop computed for its own township, not kept. */
  runChecks: (townshipId: string | null): Promise<CheckRun> =>
    invoke<CheckRun>("run_checks", { townshipId }),
  /** The stored findings by township (involved), check and status. */
  listFindings: (filter: FindingFilter): Promise<Array<FindingView>> =>
    invoke<Array<FindingView>>("list_findings", { filter }),
  /** One finding with its evidence and review. */
  finding: (id: string): Promise<FindingView> =>
    invoke<FindingView>("finding", { id }),
  /** How many findings each township has, by check and status. */
  findingCounts: (): Promise<Array<FindingCount>> =>
    invoke<Array<FindingCount>>("finding_counts"),
  /** 说明情况: records the note (required) and, optionally, a file (JPEG, PNG or PDF, base64) kept as the finding's attachment; by this device's officer. */
  explainFinding: (id: string, note: string, fileName: string | null, contentBase64: string | null): Promise<FindingView> =>
    invoke<FindingView>("explain_finding", { id, note, fileName, contentBase64 }),
  /** 确认造假: confirms a finding as fabrication, by this device's officer (required). */
  confirmFinding: (id: string, note: string): Promise<FindingView> =>
    invoke<FindingView>("confirm_finding", { id, note }),
  /** 排除: dismisses a finding; the note saying why is required. */
  dismissFinding: (id: string, note: string): Promise<FindingView> =>
    invoke<FindingView>("dismiss_finding", { id, note }),
  /** 回访: the household call-back samples drawn, newest first; of one township (its 9-digit code) when given. Each with its calls; print one as form `callbacks` with its id. */
  callbackSamples: (townshipCode: string | null): Promise<Array<CallbackSample>> =>
    invoke<Array<CallbackSample>>("callback_samples", { townshipCode }),
  /** One call-back sample with its households (masked ID, phone, village), what to ask each and the outcome recorded. */
  callbackSample: (id: string): Promise<CallbackSample> =>
    invoke<CallbackSample>("callback_sample", { id }),
  /** The county's call-back share (`callbackShare`, 10 % unless the county set another) as a decimal string ("0.1"): what a draw takes when no share is typed. */
  callbackShare: (): Promise<string> =>
    invoke<string>("callback_share"),
  /** Draws and keeps a township's call-back sample (share as a decimal string, e.g. "0.1"; empty: the county's share), reproducibly from the seed when one is given. Hub only (`CALLBACK_COUNTY_ONLY` on a laptop). */
  drawCallbackSample: (township: string, share: string, seed: string | null): Promise<CallbackSample> =>
    invoke<CallbackSample>("draw_callback_sample", { township, share, seed }),
  /** Records a call's outcome (reached | confirms | denies | unreachable; a note required on a denial; the date empty for today) by this device's officer. A denial opens an `F11_CALLBACK_DENIED` finding at once (the township's checks run again). */
  recordCallback: (itemId: string, outcome: string, note: string, callDate: string): Promise<CallbackItem> =>
    invoke<CallbackItem>("record_callback", { itemId, outcome, note, callDate }),
  /** 核查设置: the county's check thresholds, their defaults, the product seasons (F8) and whether this database may change them (the hub; a township laptop only reads them). */
  checkSettings: (): Promise<CheckSettings> =>
    invoke<CheckSettings>("check_settings"),
  /** 核查设置: saves the thresholds and the product seasons together (hub only): every problem of both at once, each on its field (`venueCapacity`, `productSeasons` for the tables). The next check run judges by them; the next import re-runs every check. */
  setCheckSettings: (thresholds: Thresholds, seasons: ProductSeasons): Promise<CheckSettings> =>
    invoke<CheckSettings>("set_check_settings", { thresholds, seasons }),
  /** The record id the 核查情况表 (`findings` form) prints for a township (or the county) and a status, for `preview_form` / `save_print_as`. */
  findingsFormId: (townshipId: string | null, status: FindingStatus | null): Promise<string> =>
    invoke<string>("findings_form_id", { townshipId, status }),
  /** Exports the findings (核查情况表 .xlsx) of the county or a township (code or name), optionally one status, into the export folder; noted in the export audit. */
  exportFindings: (township: string | null, status: FindingStatus | null): Promise<SavedExport> =>
    invoke<SavedExport>("export_findings", { township, status }),
  /** Public notices, newest first, optionally of one status. */
  listNotices: (status: RecordStatus | null): Promise<Array<NoticeSummary>> =>
    invoke<Array<NoticeSummary>>("list_notices", { status }),
  /** Where a household, operator, agreement, training session or notice stands. */
  recordState: (kind: RecordKind, id: string): Promise<RecordState> =>
    invoke<RecordState>("record_state", { kind, id }),
  /** Submits a draft to the county (提交). */
  submitRecord: (kind: RecordKind, id: string): Promise<RecordState> =>
    invoke<RecordState>("submit_record", { kind, id }),
  /** Voids a draft or submitted record (作废); the reason is required. Refused for a locked record and while live records depend on it. */
  voidRecord: (kind: RecordKind, id: string, reason: string): Promise<RecordState> =>
    invoke<RecordState>("void_record", { kind, id, reason }),
  /** County hub: locks a submitted record the county has accepted (锁定). */
  lockRecord: (kind: RecordKind, id: string): Promise<RecordState> =>
    invoke<RecordState>("lock_record", { kind, id }),
  /** One notice with its list and objections. */
  notice: (id: string): Promise<Notice> =>
    invoke<Notice>("notice", { id }),
  /** Adds a notice (refused when shorter than 10 days). */
  addNotice: (input: NoticeInput): Promise<Saved<Notice>> =>
    invoke<Saved<Notice>>("add_notice", { input }),
  /** Edits a notice until it is posted (refused with NOTICE_POSTED after). */
  updateNotice: (id: string, input: NoticeInput): Promise<Saved<Notice>> =>
    invoke<Saved<Notice>>("update_notice", { id, input }),
  /** A notice's list built from the inspections or the training it announces, for the form (saved with the notice). */
  buildNoticeList: (source: ListSource): Promise<Array<NoticeEntry>> =>
    invoke<Array<NoticeEntry>>("build_notice_list", { source }),
  /** Records an objection, or with `id` how one was handled. */
  saveObjection: (input: ObjectionInput): Promise<Notice> =>
    invoke<Notice>("save_objection", { input }),
  /** Attaches the photo of the posted notice (JPEG or PNG, base64). */
  attachNoticePhoto: (noticeId: string, fileName: string, contentBase64: string): Promise<Notice> =>
    invoke<Notice>("attach_notice_photo", { noticeId, fileName, contentBase64 }),
  /** The county's settings (whether notices print masked ID and phone numbers) and whether this database may change them. */
  countySettings: (): Promise<CountySettings> =>
    invoke<CountySettings>("county_settings"),
  /** County: notices print masked ID and phone numbers (`masked`) or none (`none`). */
  setNoticeMasking: (masking: NoticePrivacy): Promise<CountySettings> =>
    invoke<CountySettings>("set_notice_masking", { masking }),
  /** County: minutes without input before the app locks an encrypted database (0 = never, at most 480); laptops receive it in the reference package. */
  setIdleLockMinutes: (minutes: number): Promise<CountySettings> =>
    invoke<CountySettings>("set_idle_lock_minutes", { minutes }),
  /** Funds: an operator applies to a programme in one class (申报); every problem at once. */
  fundApply: (input: ApplicationInput): Promise<Saved<Application>> =>
    invoke<Saved<Application>>("fund_apply", { input }),
  /** Funds: edits an application the county has not decided yet. */
  fundUpdateApplication: (id: string, input: ApplicationInput): Promise<Saved<Application>> =>
    invoke<Saved<Application>>("fund_update_application", { id, input }),
  /** Funds: voids an application with its reason (refused once an award was made on it). */
  fundVoidApplication: (id: string, reason: string): Promise<null> =>
    invoke<null>("fund_void_application", { id, reason }),
  /** Funds: stores a document of an application (JPEG, PNG or PDF, base64) and answers its SHA-256, for `ApplicationDocument.sha256`. */
  fundAttachDocument: (fileName: string, contentBase64: string): Promise<string> =>
    invoke<string>("fund_attach_document", { fileName, contentBase64 }),
  /** Funds: one reviewer's opinion at one step (village → township → county, in order). */
  fundReview: (input: ReviewInput): Promise<Saved<Application>> =>
    invoke<Saved<Application>>("fund_review", { input }),
  /** Funds: the county's decision, once (warnings: a step missing or disagreeing). */
  fundDecide: (input: DecisionInput): Promise<Saved<Application>> =>
    invoke<Saved<Application>>("fund_decide", { input }),
  /** Funds: applications, of one programme and one decision when given. */
  fundApplications: (programmeId: string | null, decision: DecisionFilter | null): Promise<Array<Application>> =>
    invoke<Array<Application>>("fund_applications", { programmeId, decision }),
  /** Funds: one application with its documents, reviews, decision and award. */
  fundApplication: (id: string): Promise<Application> =>
    invoke<Application>("fund_application", { id }),
  /** Funds: bans, of one operator when given (`active`: in force today). */
  fundBans: (operatorId: string | null): Promise<Array<Ban>> =>
    invoke<Array<Ban>>("fund_bans", { operatorId }),
  /** Funds: the county bans an operator from its funds for its ban years. */
  fundBan: (input: BanInput): Promise<Ban> =>
    invoke<Ban>("fund_ban", { input }),
  /** Funds: lifts a ban early, with its date and reason. */
  fundLiftBan: (id: string, input: LiftBanInput): Promise<Ban> =>
    invoke<Ban>("fund_lift_ban", { id, input }),
  /** Funds: the county's fund settings (ban years, over-budget refuse or warn). */
  fundSettings: (): Promise<FundSettings> =>
    invoke<FundSettings>("fund_settings"),
  /** County: changes the fund settings (refused on a township laptop). */
  fundSetSettings: (settings: FundSettings): Promise<FundSettings> =>
    invoke<FundSettings>("fund_set_settings", { settings }),
  /** The county's programme kinds and operator kinds (one list, or both), retired included. */
  kindOptions: (list: KindList | null): Promise<Array<KindOption>> =>
    invoke<Array<KindOption>>("kind_options", { list }),
  /** Whether this database may change the county's kinds (the hub; not a township laptop). */
  kindsCanChange: (): Promise<boolean> =>
    invoke<boolean>("kinds_can_change"),
  /** County: adds a kind to one of its lists. */
  addKind: (input: KindInput): Promise<KindOption> =>
    invoke<KindOption>("add_kind", { input }),
  /** County: gives a kind a new label. */
  renameKind: (list: KindList, code: string, label: string): Promise<KindOption> =>
    invoke<KindOption>("rename_kind", { list, code, label }),
  /** County: retires a kind (`retired`), or puts it back in use. */
  retireKind: (list: KindList, code: string, retired: boolean): Promise<KindOption> =>
    invoke<KindOption>("retire_kind", { list, code, retired }),
  /** This database in the sync picture: mode, pending changes by kind, last export and receipt. */
  syncStatus: (): Promise<SyncStatus> =>
    invoke<SyncStatus>("sync_status"),
  /** The home dashboard (首页): the county hub's, or a township laptop's own township. */
  dashboard: (filter: DashboardFilter): Promise<Dashboard> =>
    invoke<Dashboard>("dashboard", { filter }),
  /** The inspections a dashboard figure counts: year, programme, township and a conclusion. */
  listInspectionsIn: (filter: DashboardFilter, conclusion: string | null): Promise<Array<InspectionSummary>> =>
    invoke<Array<InspectionSummary>>("list_inspections_in", { filter, conclusion }),
  /** The agreements a dashboard figure counts (their ledger income): year, programme, township. */
  listAgreementsIn: (filter: DashboardFilter): Promise<Array<AgreementSummary>> =>
    invoke<Array<AgreementSummary>>("list_agreements_in", { filter }),
  /** The training sessions a dashboard figure counts: year, programme, township. */
  listTrainingSessionsIn: (filter: DashboardFilter): Promise<Array<TrainingSessionSummary>> =>
    invoke<Array<TrainingSessionSummary>>("list_training_sessions_in", { filter }),
  /** Laptop: the records the county refused (another township's) that wait for the officer to void them or move them back into the township. */
  syncRefused: (): Promise<Array<RefusedRecord>> =>
    invoke<Array<RefusedRecord>>("sync_refused"),
  /** Laptop: writes every change since the last receipt to one file in the save folder, encrypted to the county and signed by this laptop. */
  syncExport: (): Promise<BatchExportSummary> =>
    invoke<BatchExportSummary>("sync_export"),
  /** Laptop: applies a reference package or a receipt from the county (file as base64). */
  syncApply: (contentBase64: string): Promise<ApplyReport> =>
    invoke<ApplyReport>("sync_apply", { contentBase64 }),
  /** Laptop: writes the enrollment request to the save folder; answers the fingerprint. */
  syncDeviceRequest: (): Promise<EnrollmentSummary> =>
    invoke<EnrollmentSummary>("sync_device_request"),
  /** Laptop: applies the county's signed enrollment answer (file as base64). */
  syncDeviceEnroll: (contentBase64: string): Promise<EnrollmentSummary> =>
    invoke<EnrollmentSummary>("sync_device_enroll", { contentBase64 }),
  /** Makes this database the county hub (once, cannot be undone): creates the county's keys; answers the county's fingerprint. Refused for an enrolled device. */
  syncCountyInit: (): Promise<EnrollmentSummary> =>
    invoke<EnrollmentSummary>("sync_county_init"),
  /** County: enrolled devices with township, fingerprint, status and open conflicts. */
  syncDevices: (): Promise<Array<DeviceRow>> =>
    invoke<Array<DeviceRow>>("sync_devices"),
  /** County: reads a laptop's enrollment request (file as base64) without enrolling it. */
  syncReadRequest: (contentBase64: string): Promise<RequestInfo> =>
    invoke<RequestInfo>("sync_read_request", { contentBase64 }),
  /** County: enrolls the laptop of a request for a township (code); the signed answer is saved in the save folder for the laptop to apply. */
  syncCountyEnroll: (contentBase64: string, township: string): Promise<EnrollmentSummary> =>
    invoke<EnrollmentSummary>("sync_county_enroll", { contentBase64, township }),
  /** County: revokes a device; its batches are refused from now on. Idempotent. */
  syncCountyRevoke: (deviceId: string): Promise<RevokeSummary> =>
    invoke<RevokeSummary>("sync_county_revoke", { deviceId }),
  /** County: imports a batch file (as base64); `dry_run` reports without writing. */
  syncImport: (contentBase64: string, dryRun: boolean): Promise<BatchImportReport> =>
    invoke<BatchImportReport>("sync_import", { contentBase64, dryRun }),
  /** County: conflicts waiting for review (`all` includes resolved ones). */
  syncConflicts: (all: boolean): Promise<Array<Conflict>> =>
    invoke<Array<Conflict>>("sync_conflicts", { all }),
  /** County: resolves a conflict keeping `county` or `incoming`, or setting `value`, with a note. */
  resolveConflict: (id: string, keep: string, value: JsonValue | null, note: string): Promise<Conflict> =>
    invoke<Conflict>("resolve_conflict", { id, keep, value, note }),
  /** County: writes the reference package (with the latest receipt) for a device to the save folder. */
  syncPackage: (deviceId: string): Promise<PackageSummary> =>
    invoke<PackageSummary>("sync_package", { deviceId }),
  /** Awards funds on an approved application, for the amount the programme's rule allows (empty: the class's standard); refused or warned beyond the budget as the county set. */
  fundAward: (input: AwardInput): Promise<Saved<Award>> =>
    invoke<Saved<Award>>("fund_award", { input }),
  /** Records an award's signed contract (number, date, the scan when given). */
  fundSignContract: (input: ContractInput): Promise<Award> =>
    invoke<Award>("fund_sign_contract", { input }),
  /** Pays a tranche through the gate; refused with every unmet condition (`errors`). */
  fundPay: (input: PaymentInput): Promise<Saved<Disbursement>> =>
    invoke<Saved<Disbursement>>("fund_pay", { input }),
  /** Reverses a payment with a negative row (a paid tranche is never edited). */
  fundReverse: (input: ReversalInput): Promise<Disbursement> =>
    invoke<Disbursement>("fund_reverse", { input }),
  /** The county waives the gate for one tranche, with the reason and the officer. */
  fundOverride: (input: OverrideInput): Promise<GateOverride> =>
    invoke<GateOverride>("fund_override", { input }),
  /** Orders a recovery (and bans the operator on failed acceptance or falsified materials). */
  fundRecover: (input: RecoveryInput): Promise<Recovery> =>
    invoke<Recovery>("fund_recover", { input }),
  /** Records money received back against a recovery order. */
  fundRecovered: (input: RecoveredInput): Promise<Recovery> =>
    invoke<Recovery>("fund_recovered", { input }),
  /** A programme's awards with their tranches, payments and recoveries. */
  fundAwards: (programmeId: string): Promise<Array<Award>> =>
    invoke<Array<Award>>("fund_awards", { programmeId }),
  /** One award with its tranches (and what each unpaid one waits for). */
  fundAwardDetail: (id: string): Promise<Award> =>
    invoke<Award>("fund_award_detail", { id }),
  /** May the operator's next tranche in the programme be paid, and every reason why not. */
  fundGate: (operatorId: string, programmeId: string): Promise<GateVerdict> =>
    invoke<GateVerdict>("fund_gate", { operatorId, programmeId }),
  /** The gate of every award of a programme. */
  fundGates: (programmeId: string): Promise<Array<GateVerdict>> =>
    invoke<Array<GateVerdict>>("fund_gates", { programmeId }),
  /** The classes a programme awards in, with the amounts its subsidy rule allows (a fixed standard, a range, a share of the investment): the Funds screen's application and award forms offer them. */
  fundClasses: (programmeId: string): Promise<Array<AwardClass>> =>
    invoke<Array<AwardClass>>("fund_classes", { programmeId }),
  /** The last backup of this database, and whether the reminder shows (a real county's database without a backup in the last 7 days). */
  backupStatus: (): Promise<BackupStatus> =>
    invoke<BackupStatus>("backup_status"),
  /** Checks a backup file as restore would (SHA-256, integrity, change log, counts), creating nothing; answers its manifest. `passphrase`: the one the backup was made under, when the register's passphrase has changed since (else the register's own is used). */
  verifyBackupFile: (file: string, passphrase: string | null): Promise<BackupCheck> =>
    invoke<BackupCheck>("verify_backup_file", { file, passphrase }),
};
