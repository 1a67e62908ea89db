import { afterEach, describe, expect, it, vi } from "vitest";
import { flushPromises } from "@vue/test-utils";
import { clearMocks } from "@tauri-apps/api/mocks";
import { ElMessage, ElMessageBox } from "element-plus";
import InspectionsView from "../src/views/InspectionsView.vue";
import InspectionWizardView from "../src/views/InspectionWizardView.vue";
import InspectionDetailView from "../src/views/InspectionDetailView.vue";
import type {
  Inspection,
  InspectionPhoto,
  InspectionSummary,
  Item,
  Operator,
  Programme,
  ProgrammeSummary,
  RecheckSample,
  Saved,
} from "../src/bindings";
import { $, commandCalls, input, mountScreen, type, type Handler } from "./helpers";

function item(key: string, label: string, extra: Partial<Item> = {}): Item {
  return {
    key,
    label,
    requirement: `${label}的要求`,
    method: "on_site",
    valueType: "boolean",
    threshold: null,
    unit: null,
    source: null,
    ...extra,
  };
}

const programme: Programme = {
  id: "p1",
  presetCode: "chengxian-2019-demo-shop",
  name: "电商扶贫示范店",
  year: 2019,
  kind: "demo_shop",
  subject: "operator",
  kindLabel: "电商扶贫示范店",
  status: "draft",
  settings: {
    code: "chengxian-2019-demo-shop",
    name: "电商扶贫示范店",
    year: 2019,
    kind: "demo_shop",
    subsidy: { rule: "budget", total: "100000.00", parts: [] },
    tranches: [],
    targets: [],
    criteria: {
      eligibility: [
        item("signboard", "悬挂标识牌"),
        item("households", "带动贫困户", { valueType: "count", threshold: "10", unit: "户", source: "roster_households" }),
        item("sales", "年销售额", { method: "documents", valueType: "money", threshold: "100000.00", source: "ledger_sales" }),
      ],
      scored: [
        item("online_share", "网销占比", { method: "documents", valueType: "percent", threshold: "30" }),
        item("staff", "从业人员", { valueType: "count", threshold: "3", unit: "人" }),
        item("training", "开展培训"),
        item("brand", "品牌名称", { valueType: "text" }),
      ],
      scoredMin: 2,
    },
    contractShareMin: null,
    source: null,
    fund: null,
    recheckShareMin: "0.6",
    rates: null,
  },
};

const programmeSummary: ProgrammeSummary = {
  id: "p1",
  name: "电商扶贫示范店",
  year: 2019,
  kind: "demo_shop",
  subject: "operator",
  kindLabel: "电商扶贫示范店",
  tranches: "80% / 20%",
  rule: "3 项资格条件，评选标准 4 项中至少 2 项",
};

const operator: Operator = {
  id: "o1",
  kind: "demo_shop",
  kindLabel: "电商扶贫示范店",
  name: "长沟村电商扶贫示范店",
  creditCode: "",
  personInCharge: "李四",
  phone: "",
  villageId: "v1",
  place: "鸡峰镇长沟村",
  platform: "",
  shopUrl: "",
  agreementCount: 1,
  status: "draft",
};

const computed = [
  { key: "households", value: { kind: "number" as const, value: "12" }, source: "花名册：2019 年 1 份协议共 12 户" },
  { key: "sales", value: { kind: "number" as const, value: "156000.00" }, source: "台账：2019 年 1 份协议销售额合计" },
];

const inspection: Inspection = {
  id: "i1",
  operatorId: "o1",
  operatorName: "长沟村电商扶贫示范店",
  place: "鸡峰镇长沟村",
  programmeId: "p1",
  programmeName: "电商扶贫示范店",
  recheckSampleId: null,
  stage: "acceptance",
  stageLabel: "县级验收",
  date: "2019-11-20",
  inspectors: [
    { name: "王芳", unit: "县商务局" },
    { name: "李明", unit: "县扶贫办" },
    { name: "赵强", unit: "鸡峰镇" },
  ],
  observations: [
    { key: "signboard", value: { kind: "bool", value: true } },
    { key: "online_share", value: { kind: "number", value: "45.5" } },
  ],
  computed,
  problems: "台账记录不够及时",
  rectification: [{ item: "补齐 10 月台账", deadline: "2019-12-05" }],
  investment: "12345.00",
  evaluation: {
    items: [
      { key: "signboard", label: "悬挂标识牌", result: "met", reason: "符合" },
      { key: "households", label: "带动贫困户", result: "met", reason: "12 户，达到要求（不少于 10 户）" },
      { key: "sales", label: "年销售额", result: "met", reason: "156000.00 元，达到要求（不少于 100000.00 元）" },
      { key: "online_share", label: "网销占比", result: "met", reason: "45.5%，达到要求（不少于 30%）" },
      { key: "staff", label: "从业人员", result: "missing", reason: "未记录" },
      { key: "training", label: "开展培训", result: "not_met", reason: "不符合" },
      { key: "brand", label: "品牌名称", result: "missing", reason: "未记录" },
    ],
    eligibilityMet: true,
    scoredMet: 2,
    conclusion: "pass",
    reasons: ["未核验（不影响结论）：从业人员、品牌名称"],
  },
  photos: [],
  status: "draft",
};

afterEach(() => {
  clearMocks();
  vi.restoreAllMocks();
  document.body.innerHTML = "";
});

function wizard(extra: Handler = () => undefined) {
  return mountScreen(InspectionWizardView, (cmd, args) => {
    const answer = extra(cmd, args);
    if (answer !== undefined) return answer;
    if (cmd === "list_programmes") return [programmeSummary];
    if (cmd === "list_operators") return [operator];
    if (cmd === "programme") return programme;
    if (cmd === "computed_values") return computed;
    if (cmd === "check_inspection_step") return null;
    throw new Error(`unexpected ${cmd}`);
  });
}

function option(text: string): HTMLElement {
  const found = [...document.body.querySelectorAll<HTMLElement>(".el-select-dropdown__item")].find((o) =>
    o.textContent?.includes(text),
  );
  if (!found) throw new Error(`no option ${text}`);
  return found;
}

function visible(el: HTMLElement): boolean {
  return el.style.display !== "none";
}

describe("Inspection wizard", () => {
  it("sends typed observations only, tagged, and opens the saved inspection", async () => {
    const saved: Saved<Inspection> = { record: inspection, warnings: [] };
    const { calls, router } = await wizard((cmd) => (cmd === "add_inspection" ? saved : undefined));
    await flushPromises();
    expect($("[data-testid=inspection-wizard]")).toBeTruthy();

    option("2019 电商扶贫示范店").click();
    option("长沟村电商扶贫示范店 · 鸡峰镇长沟村").click();
    await flushPromises();
    expect(commandCalls(calls, "programme")[0]).toEqual({ id: "p1" });
    expect(commandCalls(calls, "computed_values")[0]).toEqual({ operatorId: "o1", programmeId: "p1" });

    ($("[data-testid=field-stage] input[value=acceptance]") as HTMLInputElement).click();
    const rows = document.body.querySelectorAll<HTMLElement>("[data-testid=inspector-row]");
    expect(rows).toHaveLength(3);
    type(input("[data-testid=inspector-name]", rows[0]), "王芳");
    type(input("[data-testid=inspector-unit]", rows[0]), "县商务局");
    type(input("[data-testid=inspector-name]", rows[1]), "李明");
    $("[data-testid=add-inspector]").click();
    await flushPromises();
    expect(document.body.querySelectorAll("[data-testid=inspector-row]")).toHaveLength(4);
    $("[data-testid=remove-inspector]", document.body.querySelectorAll<HTMLElement>("[data-testid=inspector-row]")[3]).click();
    await flushPromises();

    $("[data-testid=wizard-next]").click();
    await flushPromises();
    expect(visible($("[data-testid=checklist]"))).toBe(true);
    expect(visible($("[data-testid=wizard-step-1]"))).toBe(false);

    // Computed items show the records' value and where it comes from, with no input.
    const sales = $("[data-testid=item-sales]");
    expect($("[data-testid=computed-sales]", sales).textContent).toContain("156000.00 元");
    expect($("[data-testid=computed-sales]", sales).textContent).toContain("由系统计算");
    expect($("[data-testid=computed-sales]", sales).textContent).toContain("台账：2019 年 1 份协议销售额合计");
    expect(sales.querySelector("input")).toBeNull();
    expect($("[data-testid=computed-households]").textContent).toContain("12 户");
    expect($("[data-testid=item-households]").querySelector("input")).toBeNull();
    // Requirement, method and threshold are shown on each row.
    const share = $("[data-testid=item-online_share]");
    expect(share.textContent).toContain("网销占比的要求");
    expect(share.textContent).toContain("查阅资料");
    expect(share.textContent).toContain("30%");

    ($("[data-testid=item-signboard] input[value=met]") as HTMLInputElement).click();
    ($("[data-testid=item-training] input[value=not_met]") as HTMLInputElement).click();
    type(input("[data-testid=item-online_share]"), "45.5");
    type(input("[data-testid=item-brand]"), "长沟山货");
    await flushPromises();

    $("[data-testid=wizard-next]").click();
    await flushPromises();
    type(input("[data-testid=field-investment]"), "8,000");
    type(input("[data-testid=field-problems]"), "台账记录不够及时");
    type(input("[data-testid=rectification-item]"), "补齐 10 月台账");
    $("[data-testid=save-inspection]").click();
    await flushPromises();

    expect(commandCalls(calls, "add_inspection")).toHaveLength(1);
    expect(commandCalls(calls, "add_inspection")[0]).toEqual({
      input: {
        operatorId: "o1",
        programmeId: "p1",
        stage: "acceptance",
        date: "",
        inspectors: [
          { name: "王芳", unit: "县商务局" },
          { name: "李明", unit: "" },
          { name: "", unit: "" },
        ],
        observations: [
          { key: "signboard", value: { kind: "bool", value: true } },
          { key: "online_share", value: { kind: "number", value: "45.5" } },
          { key: "training", value: { kind: "bool", value: false } },
          { key: "brand", value: { kind: "text", value: "长沟山货" } },
        ],
        problems: "台账记录不够及时",
        investment: "8,000",
        rectification: [{ item: "补齐 10 月台账", deadline: "" }],
        recheckSampleId: null,
      },
    });
    await vi.waitFor(() => expect(router.currentRoute.value.path).toBe("/inspections/i1"));
    expect(document.body.textContent).toContain("已保存，结论：合格");
  });

  it("marks an item not applicable and moves on with Enter", async () => {
    const { calls } = await wizard((cmd) => (cmd === "add_inspection" ? { record: inspection, warnings: [] } : undefined));
    await flushPromises();
    option("2019 电商扶贫示范店").click();
    await flushPromises();
    $("[data-testid=wizard-next]").click();
    await flushPromises();

    ($("[data-testid=item-signboard] input[value=not_applicable]") as HTMLInputElement).click();
    const staff = input("[data-testid=item-staff]");
    type(staff, "4");
    ($("[data-testid=item-staff] input[type=checkbox]") as HTMLInputElement).click();
    await flushPromises();
    expect(staff.disabled).toBe(true);

    // Enter on a radio jumps over the computed rows to the next item that takes a value.
    const radio = $("[data-testid=item-signboard] input[value=not_applicable]") as HTMLInputElement;
    radio.focus();
    radio.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true, cancelable: true }));
    expect(document.activeElement).toBe(input("[data-testid=item-online_share]"));

    $("[data-testid=wizard-next]").click();
    await flushPromises();
    $("[data-testid=save-inspection]").click();
    await flushPromises();
    const sent = commandCalls(calls, "add_inspection")[0].input as { observations: unknown[] };
    expect(sent.observations).toEqual([
      { key: "signboard", value: { kind: "not_applicable" } },
      { key: "staff", value: { kind: "not_applicable" } },
    ]);
  });

  it("shows a refusal under the field it names, on that field's step", async () => {
    const refusal = { code: "INVALID_DATE", field: "date", message: "请填写核验日期。" };
    await wizard((cmd) => (cmd === "add_inspection" ? Promise.reject(refusal) : undefined));
    await flushPromises();
    $("[data-testid=wizard-next]").click();
    await flushPromises();
    $("[data-testid=wizard-next]").click();
    await flushPromises();
    expect(visible($("[data-testid=wizard-step-3]"))).toBe(true);
    $("[data-testid=save-inspection]").click();
    await flushPromises();
    await vi.waitFor(() => {
      const error = document.body.querySelector("[data-testid=field-date] .el-form-item__error");
      expect(error?.textContent?.trim()).toBe(refusal.message);
    });
    expect(visible($("[data-testid=wizard-step-1]"))).toBe(true);
    expect(document.body.querySelector("[data-testid=general-error]")).toBeNull();
  });

  it("keeps warnings on screen with the conclusion, and updates on the next save", async () => {
    const warning = {
      code: "INSPECTION_FEW_INSPECTORS",
      field: "inspectors",
      message: "核验人员只有 1 人，通常应不少于 3 人。",
    };
    const rectify = {
      ...inspection,
      evaluation: { ...inspection.evaluation, conclusion: "rectify" as const, reasons: ["待核验：悬挂标识牌"] },
    };
    const { calls, router } = await wizard((cmd) => {
      if (cmd === "add_inspection") return { record: rectify, warnings: [warning] };
      if (cmd === "update_inspection") return { record: rectify, warnings: [] };
      return undefined;
    });
    await flushPromises();
    $("[data-testid=wizard-next]").click();
    // 下一步 waits for the core's check of the step before moving on.
    await flushPromises();
    $("[data-testid=wizard-next]").click();
    await flushPromises();
    $("[data-testid=save-inspection]").click();
    await flushPromises();
    const result = $("[data-testid=inspection-result]");
    expect(result.textContent).toContain("限期整改");
    expect(result.textContent).toContain("待核验：悬挂标识牌");
    expect(result.querySelector(".field-warning")?.textContent).toBe(warning.message);
    expect($("[data-testid=field-inspectors] .field-warning").textContent).toBe(warning.message);
    expect(router.currentRoute.value.path).toBe("/places");
    $("[data-testid=save-inspection]").click();
    await flushPromises();
    expect(commandCalls(calls, "update_inspection")[0].id).toBe("i1");
    await vi.waitFor(() => expect(router.currentRoute.value.path).toBe("/inspections/i1"));
  });

  it("loads a saved inspection for editing", async () => {
    const { calls } = await mountScreen(
      InspectionWizardView,
      (cmd) => {
        if (cmd === "inspection") return inspection;
        if (cmd === "list_programmes") return [programmeSummary];
        if (cmd === "list_operators") return [operator];
        if (cmd === "programme") return programme;
        if (cmd === "computed_values") return computed;
        if (cmd === "update_inspection") return { record: inspection, warnings: [] };
        if (cmd === "check_inspection_step") return null;
        throw new Error(`unexpected ${cmd}`);
      },
      { id: "i1" },
    );
    await flushPromises();
    expect(input("[data-testid=inspector-name]").value).toBe("王芳");
    expect(($("[data-testid=item-signboard] input[value=met]") as HTMLInputElement).checked).toBe(true);
    expect(input("[data-testid=item-online_share]").value).toBe("45.5");
    $("[data-testid=wizard-next]").click();
    // 下一步 waits for the core's check of the step before moving on.
    await flushPromises();
    $("[data-testid=wizard-next]").click();
    await flushPromises();
    $("[data-testid=save-inspection]").click();
    await flushPromises();
    const [call] = commandCalls(calls, "update_inspection");
    expect(call.id).toBe("i1");
    const sent = call.input as { date: string; investment: string; observations: unknown[]; rectification: unknown[] };
    expect(sent.date).toBe("2019-11-20");
    expect(sent.investment).toBe("12345.00");
    expect(sent.observations).toEqual(inspection.observations);
    expect(sent.rectification).toEqual(inspection.rectification);
  });
});

function detail(extra: Handler = () => undefined, record: Inspection = inspection, appInfo: Record<string, unknown> = {}) {
  return mountScreen(
    InspectionDetailView,
    (cmd, args) => {
      const answer = extra(cmd, args);
      if (answer !== undefined) return answer;
      if (cmd === "inspection") return record;
      if (cmd === "programme") return programme;
      throw new Error(`unexpected ${cmd}`);
    },
    { id: record.id },
    appInfo,
  );
}

describe("Inspection detail", () => {
  it("shows the conclusion, its reasons, each result and the deadlines", async () => {
    await detail();
    await flushPromises();
    const root = $("[data-testid=inspection-detail]");
    expect(root.textContent).toContain("长沟村电商扶贫示范店");
    expect(root.textContent).toContain("鸡峰镇长沟村");
    expect(root.textContent).toContain("县级验收");
    expect($("[data-testid=inspection-date]").textContent).toBe("2019年11月20日");
    expect($("[data-testid=inspection-inspectors]").textContent).toContain("王芳（县商务局）");
    const conclusion = $("[data-testid=inspection-conclusion]");
    expect($("[data-testid=conclusion-tag]", conclusion).textContent?.trim()).toBe("合格");
    expect(conclusion.querySelector(".el-tag--success")).toBeTruthy();
    expect($("[data-testid=inspection-reasons]").textContent).toContain("未核验（不影响结论）：从业人员、品牌名称");
    expect($("[data-testid=value-sales]").textContent).toContain("156000.00 元");
    expect($("[data-testid=value-sales]").textContent).toContain("台账：2019 年 1 份协议销售额合计");
    expect($("[data-testid=value-signboard]").textContent).toContain("是");
    expect($("[data-testid=result-training]").textContent?.trim()).toBe("不达标");
    expect($("[data-testid=result-staff]").textContent?.trim()).toBe("待核验");
    expect($("[data-testid=inspection-results]").textContent).toContain("悬挂标识牌的要求");
    expect($("[data-testid=inspection-rectification]").textContent).toContain("补齐 10 月台账");
    expect($("[data-testid=inspection-rectification]").textContent).toContain("2019年12月5日");
    expect($("[data-testid=edit-inspection]")).toBeTruthy();
    expect($("[data-testid=inspection-investment]").textContent?.trim()).toBe("12,345.00 元");
  });

  it("says 未填报 for an inspection recorded without an investment", async () => {
    await detail(() => undefined, { ...inspection, investment: null });
    await flushPromises();
    expect($("[data-testid=inspection-investment]").textContent?.trim()).toBe("未填报");
  });

  it("adds a photo as base64 and shows a reused photo in yellow", async () => {
    const photo: InspectionPhoto = { id: "ph1", sha256: "ab".repeat(32), fileName: "店面.jpg", caption: "店面外景" };
    const warning = {
      code: "PHOTO_REUSED" as const,
      field: "photos",
      message: "同一张照片已用于 草滩村示范店 2019-11-02 的核验，请确认不是重复使用。",
    };
    let photos: InspectionPhoto[] = [];
    const { calls } = await detail((cmd) => {
      if (cmd === "inspection") return { ...inspection, photos };
      if (cmd === "add_inspection_photo") {
        photos = [photo];
        return { record: photo, warnings: [warning] } satisfies Saved<InspectionPhoto>;
      }
      return undefined;
    });
    await flushPromises();
    type(input("[data-testid=photo-caption]"), "店面外景");
    const picker = $("[data-testid=photo-input]") as HTMLInputElement;
    expect(picker.accept).toContain("image/jpeg");
    const file = new File(["\xff\xd8\xff\xe0"], "店面.jpg", { type: "image/jpeg" });
    Object.defineProperty(picker, "files", { value: [file], configurable: true });
    picker.dispatchEvent(new Event("change"));
    await vi.waitFor(() => expect(commandCalls(calls, "add_inspection_photo")).toHaveLength(1));
    await flushPromises();
    const [sent] = commandCalls(calls, "add_inspection_photo");
    expect(sent.inspectionId).toBe("i1");
    expect(sent.fileName).toBe("店面.jpg");
    expect(sent.caption).toBe("店面外景");
    expect(typeof sent.contentBase64).toBe("string");
    await vi.waitFor(() => {
      const shown = document.body.querySelector("[data-testid=photo-warning] .field-warning");
      expect(shown?.textContent?.trim()).toBe(warning.message);
    });
    expect($("[data-testid=photo-list]").textContent).toContain("店面.jpg");
    expect($("[data-testid=photo-list]").textContent).toContain("店面外景");
  });

  it("submits after confirmation, then hides the edit button", async () => {
    const confirm = vi.spyOn(ElMessageBox, "confirm").mockResolvedValue("confirm" as never);
    let status = "draft";
    const { calls } = await detail((cmd) => {
      if (cmd === "inspection") return { ...inspection, status };
      if (cmd === "submit_inspection") {
        status = "submitted";
        return { ...inspection, status };
      }
      return undefined;
    });
    await flushPromises();
    expect(document.body.querySelector("[data-testid=edit-inspection]")).toBeTruthy();
    $("[data-testid=submit-inspection]").click();
    await flushPromises();
    expect(confirm).toHaveBeenCalledTimes(1);
    expect(commandCalls(calls, "submit_inspection")).toEqual([{ id: "i1" }]);
    await vi.waitFor(() => expect(document.body.querySelector("[data-testid=edit-inspection]")).toBeNull());
    expect(document.body.querySelector("[data-testid=submit-inspection]")).toBeNull();
    expect(document.body.querySelector("[data-testid=add-photo]")).toBeNull();
    expect(commandCalls(calls, "inspection")).toHaveLength(2);
  });

  it("does not submit when the confirmation is cancelled", async () => {
    vi.spyOn(ElMessageBox, "confirm").mockRejectedValue("cancel");
    const { calls } = await detail();
    await flushPromises();
    $("[data-testid=submit-inspection]").click();
    await flushPromises();
    expect(commandCalls(calls, "submit_inspection")).toHaveLength(0);
    expect(document.body.querySelector("[data-testid=edit-inspection]")).toBeTruthy();
  });
});

describe("锁定: the county hub accepts a submitted inspection", () => {
  const submitted: Inspection = { ...inspection, status: "submitted" };
  const onHub = { syncMode: "county" };

  it("locks after a confirmation saying a balance is paid only on a locked acceptance", async () => {
    const confirm = vi.spyOn(ElMessageBox, "confirm").mockResolvedValue("confirm" as never);
    const { calls } = await detail(
      (cmd) => (cmd === "lock_inspection" ? { ...submitted, status: "locked" } : undefined),
      submitted,
      onHub,
    );
    await flushPromises();
    $("[data-testid=lock-inspection]").click();
    await flushPromises();
    expect(String(confirm.mock.calls[0][0])).toContain("资金尾款只在验收记录锁定后拨付");
    expect(commandCalls(calls, "lock_inspection")).toEqual([{ id: "i1" }]);
    await vi.waitFor(() => expect(document.body.querySelector("[data-testid=lock-inspection]")).toBeNull());
  });

  it("shows the core's refusal and stays unlocked", async () => {
    vi.spyOn(ElMessageBox, "confirm").mockResolvedValue("confirm" as never);
    const shown = vi.spyOn(ElMessage, "error");
    await detail(
      (cmd) => {
        if (cmd === "lock_inspection") throw { code: "SYNC_NOT_COUNTY", message: "只有县中心能锁定记录。" };
        return undefined;
      },
      submitted,
      onHub,
    );
    await flushPromises();
    $("[data-testid=lock-inspection]").click();
    await flushPromises();
    await vi.waitFor(() => expect(shown).toHaveBeenCalledWith("只有县中心能锁定记录。"));
    expect(document.body.querySelector("[data-testid=lock-inspection]")).toBeTruthy();
  });

  it("is not offered on a township laptop, for a draft, nor when cancelled does it lock", async () => {
    const laptop = await detail(undefined, submitted, { syncMode: "device" });
    await flushPromises();
    expect(laptop.wrapper.find("[data-testid=lock-inspection]").exists()).toBe(false);
    laptop.wrapper.unmount();
    const draft = await detail(undefined, inspection, onHub);
    await flushPromises();
    expect(draft.wrapper.find("[data-testid=lock-inspection]").exists()).toBe(false);
    draft.wrapper.unmount();

    vi.spyOn(ElMessageBox, "confirm").mockRejectedValue("cancel");
    const cancelled = await detail(undefined, submitted, onHub);
    await flushPromises();
    $("[data-testid=lock-inspection]").click();
    await flushPromises();
    expect(commandCalls(cancelled.calls, "lock_inspection")).toHaveLength(0);
  });
});

describe("Inspections list and re-check sample", () => {
  const list: InspectionSummary[] = [
    { id: "i1", operatorName: "长沟村电商扶贫示范店", place: "鸡峰镇长沟村", programmeName: "电商扶贫示范店", stage: "acceptance", stageLabel: "县级验收", date: "2019-11-20", conclusion: "pass", conclusionLabel: "合格", status: "draft" },
    { id: "i2", operatorName: "草滩村电商扶贫示范店", place: "鸡峰镇草滩村", programmeName: "电商扶贫示范店", stage: "preliminary", stageLabel: "乡镇初验", date: "2019-11-02", conclusion: "rectify", conclusionLabel: "限期整改", status: "submitted" },
  ];

  it("lists inspections with coloured conclusions, filters and opens one", async () => {
    const { wrapper, calls, router } = await mountScreen(InspectionsView, (cmd) => {
      if (cmd === "list_inspections") return list;
      if (cmd === "list_programmes") return [programmeSummary];
      throw new Error(`unexpected ${cmd}`);
    });
    await flushPromises();
    const rows = wrapper.findAll("[data-testid=inspections] tr.el-table__row");
    expect(rows).toHaveLength(2);
    expect(rows[0].text()).toContain("2019年11月20日");
    expect(rows[0].text()).toContain("县级验收");
    expect(rows[0].find("[data-testid=conclusion-tag]").classes()).toContain("el-tag--success");
    expect(rows[1].find("[data-testid=conclusion-tag]").text()).toBe("限期整改");
    expect(rows[1].find("[data-testid=conclusion-tag]").classes()).toContain("el-tag--warning");
    expect(commandCalls(calls, "list_inspections")[0]).toEqual({ programmeId: null });

    option("2019 电商扶贫示范店").click();
    await flushPromises();
    expect(commandCalls(calls, "list_inspections")[1]).toEqual({ programmeId: "p1" });

    await rows[1].find("td").trigger("click");
    await flushPromises();
    expect(router.currentRoute.value.path).toBe("/inspections/i2");

    $("[data-testid=add-inspection]").click();
    await flushPromises();
    expect(router.currentRoute.value.path).toBe("/inspections/new");
  });

  it("draws a re-check sample and shows each township's counts and the seed", async () => {
    const sample: RecheckSample = {
      id: "s1",
      programmeId: "p1",
      seed: "18446744073709551615",
      share: "0.5",
      shareMin: "0.5",
      drawn: 3,
      rechecked: 1,
      differences: 1,
      items: [
        {
          operatorId: "o1", operatorName: "长沟村电商扶贫示范店", place: "鸡峰镇长沟村", township: "鸡峰镇",
          preliminaryId: "i1", preliminaryDate: "2019-11-04", preliminaryConclusion: "pass",
          recheckId: "i9", recheckDate: "2019-12-10", recheckConclusion: "fail", differs: true,
        },
        {
          operatorId: "o2", operatorName: "草滩村电商扶贫示范店", place: "鸡峰镇草滩村", township: "鸡峰镇",
          preliminaryId: "i2", preliminaryDate: "2019-11-05", preliminaryConclusion: "pass",
          recheckId: null, recheckDate: null, recheckConclusion: null, differs: false,
        },
        {
          operatorId: "o3", operatorName: "陈院村示范店", place: "陈院镇陈院村", township: "陈院镇",
          preliminaryId: "i3", preliminaryDate: "2019-11-06", preliminaryConclusion: "pass",
          recheckId: null, recheckDate: null, recheckConclusion: null, differs: false,
        },
      ],
      gaps: [{ id: "o4", name: "待验店", place: "陈院镇陈院村", preliminaryId: null }],
      townships: [
        {
          township: "621221101 鸡峰镇",
          accepted: 3,
          drawn: [
            { id: "o1", name: "长沟村电商扶贫示范店", place: "鸡峰镇长沟村", preliminaryId: "i1" },
            { id: "o2", name: "草滩村电商扶贫示范店", place: "鸡峰镇草滩村", preliminaryId: "i2" },
          ],
        },
        { township: "621221102 陈院镇", accepted: 1, drawn: [{ id: "o3", name: "陈院村示范店", place: "陈院镇陈院村", preliminaryId: "i3" }] },
      ],
    };
    const { calls } = await mountScreen(InspectionsView, (cmd) => {
      if (cmd === "list_inspections") return list;
      if (cmd === "list_programmes") return [programmeSummary];
      if (cmd === "draw_recheck_sample") return sample;
      if (cmd === "recheck_samples") return [];
      if (cmd === "programme") return programme;
      throw new Error(`unexpected ${cmd}`);
    });
    await flushPromises();
    $("[data-testid=draw-sample]").click();
    await flushPromises();
    expect(commandCalls(calls, "recheck_samples")).toEqual([{ programmeId: "p1" }]);
    expect(document.body.querySelector("[data-testid=sample-result]")).toBeNull();
    const dialog = $("[data-testid=sample-dialog]");
    expect(input("[data-testid=sample-share]", dialog).value, "the programme's own share").toBe("0.6");
    $("[data-testid=sample-draw]").click();
    await flushPromises();
    expect(commandCalls(calls, "draw_recheck_sample")[0]).toEqual({ programmeId: "p1", share: "0.6", seed: null });

    const townships = document.body.querySelectorAll<HTMLElement>("[data-testid=sample-township]");
    expect(townships).toHaveLength(2);
    expect(townships[0].textContent).toContain("621221101 鸡峰镇");
    expect($("[data-testid=sample-accepted]", townships[0]).textContent).toBe("3");
    expect($("[data-testid=sample-drawn]", townships[0]).textContent).toBe("2");
    expect(townships[0].textContent).toContain("草滩村电商扶贫示范店");
    expect($("[data-testid=sample-accepted]", townships[1]).textContent).toBe("1");
    expect($("[data-testid=sample-drawn]", townships[1]).textContent).toBe("1");
    expect($("[data-testid=sample-total]").textContent).toBe("共抽中 3 家（有乡镇初验结果 4 家）");
    expect($("[data-testid=sample-progress]").textContent?.trim()).toBe(
      "抽中 3 家，已复核 1 家，复核结论与乡镇初验不同 1 家（项目规定复核比例不低于 50%）",
    );
    const items = document.body.querySelectorAll<HTMLElement>("[data-testid=sample-item]");
    expect(items).toHaveLength(3);
    expect(items[0].querySelector("[data-testid=sample-differs]")).not.toBeNull();
    expect(items[1].textContent).toContain("未复核");
    expect($("[data-testid=sample-gaps]").textContent).toContain("待验店");
    expect($("[data-testid=sample-seed-value]").textContent).toContain("18446744073709551615");
    expect($("[data-testid=sample-seed-value]").textContent).toContain("50%");

    // The auditor's redraw: the same seed goes back to the Rust side as text.
    $("[data-testid=sample-reuse-seed]").click();
    await flushPromises();
    $("[data-testid=sample-draw]").click();
    await flushPromises();
    expect(commandCalls(calls, "draw_recheck_sample")[1]).toEqual({
      programmeId: "p1",
      share: "0.5",
      seed: "18446744073709551615",
    });
  });

  it("shows a sample refusal under the share", async () => {
    const refusal = { code: "SAMPLE_SHARE", field: "share", message: "抽样比例应在 0 到 1 之间，例如 0.5 表示 50%。" };
    await mountScreen(InspectionsView, (cmd) => {
      if (cmd === "list_inspections") return [];
      if (cmd === "list_programmes") return [programmeSummary];
      if (cmd === "draw_recheck_sample") return Promise.reject(refusal);
      if (cmd === "recheck_samples") return [];
      if (cmd === "programme") return programme;
      throw new Error(`unexpected ${cmd}`);
    });
    await flushPromises();
    $("[data-testid=draw-sample]").click();
    await flushPromises();
    type(input("[data-testid=sample-share]"), "2");
    $("[data-testid=sample-draw]").click();
    await flushPromises();
    await vi.waitFor(() => {
      const error = document.body.querySelector("[data-testid=sample-share] .el-form-item__error");
      expect(error?.textContent?.trim()).toBe(refusal.message);
    });
  });
});
