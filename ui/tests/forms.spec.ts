import { afterEach, describe, expect, it, vi } from "vitest";
import { flushPromises } from "@vue/test-utils";
import { clearMocks } from "@tauri-apps/api/mocks";
import type { Component } from "vue";
import HouseholdDialog from "../src/components/HouseholdDialog.vue";
import OperatorDialog from "../src/components/OperatorDialog.vue";
import AgreementDialog from "../src/components/AgreementDialog.vue";
import LedgerCard from "../src/components/LedgerCard.vue";
import TrainingSessionDialog from "../src/components/TrainingSessionDialog.vue";
import VillageDialog from "../src/components/VillageDialog.vue";
import NoticesView from "../src/views/NoticesView.vue";
import InspectionWizardView from "../src/views/InspectionWizardView.vue";
import type { Agreement, FieldError, IpcError, Notice, NoticeSummary } from "../src/bindings";
import { REQUIRED } from "../src/forms/required";
import { $, commandCalls, mountScreen } from "./helpers";

/**
 * Every form shows every problem of a refused save at once, each under its own field (the core
 * lists them in `errors`), and marks the fields the core refuses empty.
 */

/** A refusal as the core sends it: the first problem, and all of them in `errors`. */
function refusal(errors: FieldError[]): IpcError {
  const [first] = errors;
  return { code: first.code, message: first.message, field: first.field, errors };
}

/** Answers the lists a form loads; the save command refuses with `errors`. */
function answering(saveCommand: string, errors: FieldError[]) {
  return (cmd: string) => {
    if (cmd === saveCommand) return Promise.reject(refusal(errors));
    if (cmd === "household_categories") return [{ code: "general", label: "一般贫困户" }];
    if (cmd === "county_settings") return { noticeIdMasking: "none" };
    if (cmd === "list_notices") return [summary];
    if (cmd === "notice") return notice;
    return [];
  };
}

/** Each problem's message under its field (`<prefix><field>`), all on screen together. */
async function expectUnderFields(errors: FieldError[], testid: (field: string) => string) {
  await vi.waitFor(() => {
    for (const e of errors) {
      const shown = document.body.querySelector(`[data-testid=${testid(e.field)}] .el-form-item__error`);
      expect(shown?.textContent?.trim(), e.field).toBe(e.message);
    }
  });
  expect(document.body.querySelector("[data-testid=general-error]")).toBeNull();
}

/** The required mark (Element Plus `is-required`) on exactly the listed fields present. */
function expectRequired(required: readonly string[], testid: (field: string) => string, optional: string[]) {
  for (const field of required) {
    const item = document.body.querySelector(`[data-testid=${testid(field)}]`);
    if (item) expect(item.classList.contains("is-required"), field).toBe(true);
  }
  for (const field of optional) {
    expect($(`[data-testid=${testid(field)}]`).classList.contains("is-required"), field).toBe(false);
  }
}

async function refusedDialog(
  component: Component,
  props: Record<string, unknown>,
  saveCommand: string,
  saveTestid: string,
  errors: FieldError[],
) {
  const { calls } = await mountScreen(component, answering(saveCommand, errors), props);
  await flushPromises();
  $(`[data-testid=${saveTestid}]`).click();
  await flushPromises();
  expect(commandCalls(calls, saveCommand)).toHaveLength(1);
}

const field = (name: string) => `field-${name}`;

const summary: NoticeSummary = {
  id: "n1",
  title: "关于城关镇电商扶贫示范店验收结果的公示",
  subject: "acceptance_result",
  subjectLabel: "验收结果",
  issuer: "徽县商务局",
  startDate: "2019-12-12",
  endDate: "2019-12-22",
  entries: 0,
  objections: 0,
  openObjections: 0,
  hasPhoto: false,
  status: "draft",
};

const notice: Notice = {
  ...summary,
  posted: false,
  programmeId: null,
  programmeName: "",
  places: ["城关镇人民政府公示栏"],
  days: 10,
  phoneLocal: "0939-7512317",
  phoneNational: "12317",
  body: "",
  entries: [],
  masking: "none",
  photoSha256: null,
  objections: [],
};

const agreement: Agreement = {
  id: "a1",
  number: "HX-2019-001",
  year: 2019,
  programmeId: null,
  programme: "电商扶贫示范店",
  operatorId: "o1",
  operatorName: "银杏村电商扶贫示范店",
  witnessVillageId: "v1",
  witness: "城关镇银杏村村民委员会",
  modes: ["protective_purchase"],
  priceRule: "none",
  priceValue: "",
  minQuantity: "",
  payWithinDays: 7,
  targetHouseholds: 10,
  targetIncome: "500.00",
  termStart: "2019-03-01",
  termEnd: "2019-12-31",
  scanSha256: null,
  scanFileName: null,
  rosterCount: 0,
  rosterMin: 10,
  meetsDemoShopRule: false,
  totalIncome: "0.00",
  totalPremium: "0.00",
  incomePerHousehold: "0.00",
  status: "draft",
};

afterEach(() => {
  clearMocks();
  vi.restoreAllMocks();
  document.body.innerHTML = "";
});

describe("every problem of a save shows at once under its field", () => {
  it("household", async () => {
    const errors: FieldError[] = [
      { code: "NAME_EMPTY", field: "headName", message: "户主姓名不能为空，请填写。" },
      { code: "ID_CHECK_DIGIT", field: "idNumber", message: "身份证号校验位不对。" },
      { code: "HOUSEHOLD_VILLAGE", field: "villageId", message: "请选择农户所在的村。" },
    ];
    await refusedDialog(HouseholdDialog, { household: null }, "add_household", "save-household", errors);
    await expectUnderFields(errors, field);
    expectRequired(REQUIRED.household, field, ["villageGroup", "phone", "notes"]);
  });

  it("operator", async () => {
    const errors: FieldError[] = [
      { code: "DUPLICATE_IN_DB", field: "name", message: "“银杏村示范店”在城关镇银杏村已登记为实施主体。" },
      { code: "PHONE_INVALID", field: "phone", message: "电话“555”不是有效号码。" },
      { code: "OPERATOR_SHOP_URL", field: "shopUrl", message: "网店地址“not a url”不是有效的网址。" },
    ];
    await refusedDialog(OperatorDialog, { operator: null }, "add_operator", "save-operator", errors);
    await expectUnderFields(errors, field);
    expectRequired(REQUIRED.operator, field, ["phone", "shopUrl", "creditCode"]);
  });

  it("agreement", async () => {
    const errors: FieldError[] = [
      { code: "NAME_EMPTY", field: "number", message: "协议编号不能为空，请填写。" },
      { code: "AGREEMENT_PROGRAMME_UNKNOWN", field: "programmeId", message: "所选的项目不存在。请从本县的项目中选择，或先在“项目”中添加。" },
      { code: "AGREEMENT_OPERATOR", field: "operatorId", message: "请选择签订协议的实施主体（甲方）。" },
      { code: "DATE_INVALID", field: "termStart", message: "请填写协议起始日期，格式如 2019-08-12。" },
      { code: "DATE_INVALID", field: "termEnd", message: "请填写协议截止日期，格式如 2019-08-12。" },
    ];
    await refusedDialog(AgreementDialog, { agreement: null }, "add_agreement", "save-agreement", errors);
    await expectUnderFields(errors, field);
    expectRequired(REQUIRED.agreement, field, ["programmeId", "minQuantity"]);
  });

  it("ledger entry", async () => {
    const errors: FieldError[] = [
      { code: "DATE_INVALID", field: "date", message: "请填写日期，格式如 2019-08-12。" },
      { code: "NAME_EMPTY", field: "product", message: "产品不能为空，请填写。" },
      { code: "NUMBER_INVALID", field: "quantity", message: "数量“x”不是数字。" },
    ];
    const { calls } = await mountScreen(LedgerCard, answering("add_ledger_entry", errors), {
      agreement,
      roster: [],
      rows: [],
    });
    await flushPromises();
    $("[data-testid=add-ledger-entry]").click();
    await flushPromises();
    expect(commandCalls(calls, "add_ledger_entry")).toHaveLength(1);
    const ledger = (name: string) => `ledger-field-${name}`;
    await expectUnderFields(errors, ledger);
    expectRequired(REQUIRED.ledger, ledger, ["marketPrice", "voucherNo", "deliveredDate"]);
  });

  it("training session", async () => {
    const errors: FieldError[] = [
      { code: "TRAINING_PROGRAMME", field: "programmeId", message: "请选择培训所属的项目。" },
      { code: "NAME_EMPTY", field: "title", message: "培训名称不能为空，请填写。" },
      { code: "TRAINING_HEADCOUNT", field: "plannedHeadcount", message: "计划人数应在 1 到 500 人之间。" },
    ];
    await refusedDialog(TrainingSessionDialog, { session: null }, "add_training_session", "save-training", errors);
    await expectUnderFields(errors, field);
    // A township session (the default kind) also needs its township.
    expectRequired([...REQUIRED.trainingSession, "townshipId"], field, ["venue", "outline"]);
  });

  it("village", async () => {
    const errors: FieldError[] = [
      { code: "PLACE_CODE_SHAPE", field: "code", message: "村代码应为 12 位数字。" },
      { code: "NAME_EMPTY", field: "name", message: "村名不能为空，请填写。" },
    ];
    const township = { id: "t1", code: "621227100", name: "城关镇", villageCount: 0, poorVillageCount: 0 };
    await refusedDialog(VillageDialog, { township, village: null }, "add_village", "save-village", errors);
    await expectUnderFields(errors, field);
    expectRequired(REQUIRED.village, field, []);
  });

  it("notice", async () => {
    const errors: FieldError[] = [
      { code: "NOTICE_TITLE", field: "title", message: "请填写公示标题。" },
      { code: "NOTICE_PLACES", field: "places", message: "请填写公示地点。" },
      { code: "NOTICE_TOO_SHORT", field: "endDate", message: "公示期不少于 10 天。" },
    ];
    await mountScreen(NoticesView, answering("add_notice", errors));
    await flushPromises();
    $("[data-testid=add-notice]").click();
    await flushPromises();
    $("[data-testid=save-notice]").click();
    await flushPromises();
    await expectUnderFields(errors, field);
    expectRequired(REQUIRED.notice, field, ["entries"]);
  });

  it("objection", async () => {
    const errors: FieldError[] = [
      { code: "DATE_INVALID", field: "receivedDate", message: "请填写收到异议日期，格式如 2019-08-12。" },
      { code: "OBJECTION_CONTENT", field: "content", message: "请填写异议内容。" },
    ];
    await mountScreen(NoticesView, answering("save_objection", errors));
    await flushPromises();
    ($("[data-testid=notice-list] .el-table__row td") as HTMLElement).click();
    await flushPromises();
    $("[data-testid=add-objection]").click();
    await flushPromises();
    const objection = (name: string) => (name === "receivedDate" ? "objection-date" : `objection-${name}`);
    await expectUnderFields(errors, objection);
    expectRequired(REQUIRED.objection, objection, ["objector"]);
  });

  it("inspection wizard step: 下一步 asks the core and stays on the step with every problem", async () => {
    const errors: FieldError[] = [
      { code: "INSPECTION_OPERATOR", field: "operatorId", message: "请选择被核验的实施主体。" },
      { code: "DATE_INVALID", field: "date", message: "请填写核验日期，格式如 2019-08-12。" },
      { code: "INSPECTION_INSPECTORS", field: "inspectors", message: "请填写核验人员。" },
    ];
    const { calls } = await mountScreen(InspectionWizardView, answering("check_inspection_step", errors));
    await flushPromises();
    $("[data-testid=wizard-next]").click();
    await flushPromises();
    expect(commandCalls(calls, "check_inspection_step").map((a) => a.step)).toEqual(["basics"]);
    await expectUnderFields(errors, field);
    expect(($("[data-testid=wizard-step-1]") as HTMLElement).style.display).not.toBe("none");
    expect($("[data-testid=checklist]").style.display).toBe("none");
    expectRequired(REQUIRED.inspection, field, []);
  });
});
