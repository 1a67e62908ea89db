import { afterEach, describe, expect, it, vi } from "vitest";
import { flushPromises } from "@vue/test-utils";
import { clearMocks } from "@tauri-apps/api/mocks";
import ProgrammesView from "../src/views/ProgrammesView.vue";
import type { Item, Preset, Programme, ProgrammeProgress, ProgrammeSummary } from "../src/bindings";
import { shareAsPercent } from "../src/format/money";
import { $, commandCalls, mountScreen, type } from "./helpers";

function item(key: string, label: string, extra: Partial<Item> = {}): Item {
  return {
    key,
    label,
    requirement: `${label}的要求`,
    method: "documents",
    valueType: "boolean",
    threshold: null,
    unit: null,
    source: null,
    ...extra,
  };
}

const enterprise: Preset = {
  code: "chengxian-2019-enterprise-1",
  name: "成县2019年电商重点企业及扶贫车间扶持(Ⅰ类)",
  year: 2019,
  kind: "enterprise",
  subsidy: {
    rule: "per_operator_class",
    classes: [
      { key: "class_1", label: "Ⅰ类", amount: "800000.00", amountMax: null, count: 2, annual: false, requirement: "每家 80 万元" },
      { key: "centre", label: "供应中心", amount: "1500000.00", amountMax: "1700000.00", count: null, annual: false, requirement: "" },
    ],
  },
  tranches: [
    { label: "第一次拨付", percent: "80", onAcceptance: false },
    { label: "验收达标后拨付剩余资金", percent: "20", onAcceptance: true },
  ],
  targets: [
    { key: "enterprises", label: "扶持企业", metric: "operators_accepted", params: {}, quantity: 2, unit: "家", atMost: false, requirement: "" },
  ],
  criteria: {
    eligibility: [
      item("registered_locally", "注册地在成县"),
      item("annual_sales", "年销售额", { valueType: "money", threshold: "10000.00", source: "ledger_sales" }),
      item("shops", "带动户数", { method: "on_site", valueType: "count", threshold: "10", unit: "户", source: "roster_households" }),
    ],
    scored: [
      item("online_share", "网络销售占比", { valueType: "percent", threshold: "40" }),
      item("poor_employees", "吸纳贫困户就业", { method: "household_visit", valueType: "count", threshold: "15", unit: "人" }),
      item("turnover", "年营业额", { valueType: "money", threshold: "10000000.00" }),
      item("brand", "品牌", { method: "phone_callback" }),
      item("income_increase", "户均增收", { valueType: "money", threshold: "3000.00" }),
    ],
    scoredMin: 3,
  },
  contractShareMin: "0.8",
  source: null,
  fund: null,
  recheckShareMin: null,
  rates: null,
};

const programme: Programme = {
  id: "p1",
  presetCode: enterprise.code,
  name: enterprise.name,
  year: 2019,
  kind: "enterprise",
  subject: "operator",
  kindLabel: "电商企业及扶贫车间",
  settings: enterprise,
  status: "draft",
};

const progress: ProgrammeProgress = {
  programmeId: "p1",
  programmeName: enterprise.name,
  year: 2019,
  kind: "enterprise",
  targets: [
    {
      key: "enterprises",
      label: "扶持企业",
      metric: "operators_accepted",
      unit: "家",
      goal: 2,
      atMost: false,
      done: "1",
      share: "50",
      met: false,
      basis: "2 个实施主体经县级验收，最近一次验收合格 1 个",
      requirement: "",
    },
  ],
};

const summary: ProgrammeSummary = {
  id: "p1",
  name: enterprise.name,
  year: 2019,
  kind: "enterprise",
  subject: "operator",
  kindLabel: "电商企业及扶贫车间",
  tranches: "80% / 20%",
  rule: "3 项资格条件，评选标准 5 项中至少 3 项",
};

afterEach(() => {
  clearMocks();
  document.body.innerHTML = "";
});

describe("Programmes screen", () => {
  it("lists programmes and opens a programme's criteria template", async () => {
    const { wrapper, calls } = await mountScreen(ProgrammesView, (cmd) => {
      if (cmd === "list_programmes") return [summary];
      if (cmd === "programme") return programme;
      if (cmd === "programme_progress") return progress;
      if (cmd === "record_history") return [];
      throw new Error(`unexpected ${cmd}`);
    });
    await flushPromises();
    const rows = wrapper.findAll("[data-testid=programmes] tr.el-table__row");
    expect(rows).toHaveLength(1);
    expect(rows[0].text()).toContain("2019");
    expect(rows[0].text()).toContain("成县2019年电商重点企业及扶贫车间扶持(Ⅰ类)");
    expect(rows[0].text()).toContain("电商企业及扶贫车间");
    expect(rows[0].text()).toContain("80% / 20%");
    expect(rows[0].text()).toContain("评选标准 5 项中至少 3 项");

    (rows[0].element.querySelector("td") as HTMLElement).click();
    await flushPromises();
    expect(commandCalls(calls, "programme")).toEqual([{ id: "p1" }]);
    const detail = await vi.waitFor(() => $("[data-testid=programme-detail]"));
    expect(detail.textContent).toContain(enterprise.name);
    expect(detail.textContent).toContain("2019");

    const subsidy = $("[data-testid=programme-subsidy]", detail).textContent ?? "";
    expect(subsidy).toContain("800000.00 元");
    expect(subsidy).toContain("1500000.00–1700000.00 元");
    const tranches = $("[data-testid=programme-tranches]", detail).textContent ?? "";
    expect(tranches).toContain("80%");
    expect($("[data-testid=on-acceptance]", detail).closest("li")?.textContent).toContain("验收达标后拨付剩余资金");
    expect($("[data-testid=programme-targets]", detail).textContent).toContain("扶持企业");
    const bar = await vi.waitFor(() => $("[data-testid=programme-target-progress]", detail));
    expect(bar.textContent).toContain("1 / 2 家");
    expect(bar.textContent).toContain("50%");
    expect($("[data-testid=target-status]", bar).textContent).toContain("未达标");
    expect(bar.textContent).toContain("最近一次验收合格 1 个");

    const eligibility = $("[data-testid=eligibility]", detail);
    expect(eligibility.textContent).toContain("资格条件（须全部达标）");
    expect(eligibility.querySelectorAll("tr.el-table__row")).toHaveLength(3);
    expect(eligibility.textContent).toContain("注册地在成县");
    expect(eligibility.textContent).toContain("查阅资料");
    expect(eligibility.textContent).toContain("实地查看");
    expect(eligibility.textContent).toContain("10000.00 元");
    expect(eligibility.textContent).toContain("10 户");
    const tags = [...eligibility.querySelectorAll("[data-testid=computed-source]")].map((e) => e.textContent?.trim());
    expect(tags).toEqual(["由台账计算", "由花名册计算"]);
    const salesRow = [...eligibility.querySelectorAll("tr.el-table__row")].find((r) => r.textContent?.includes("年销售额"));
    expect(salesRow?.querySelector("[data-testid=computed-source]")).toBeTruthy();

    const scored = $("[data-testid=scored]", detail);
    expect(scored.textContent).toContain("评选标准（5 项中至少 3 项）");
    expect(scored.textContent).toContain("至少 3 项");
    expect(scored.querySelectorAll("tr.el-table__row")).toHaveLength(5);
    expect(scored.textContent).toContain("40%");
    expect(scored.textContent).toContain("15 人");
    expect(scored.textContent).toContain("入户走访");
    expect(scored.textContent).toContain("电话回访");
    expect(scored.textContent).toContain("比例");
    expect(scored.querySelector("[data-testid=computed-source]")).toBeNull();

    expect($("[data-testid=contract-share]", detail).textContent).toContain("经济指标须达到合同约定的 80% 以上");

    $("[data-testid=programme-history]", detail).click();
    await flushPromises();
    expect(commandCalls(calls, "record_history")).toEqual([{ entity: "programme", id: "p1" }]);
  });

  it("shows a budget with its parts and rates", async () => {
    const training: Programme = {
      ...programme,
      id: "p2",
      kind: "training",
      kindLabel: "电商技能培训",
      settings: {
        ...enterprise,
        kind: "training",
        subsidy: {
          rule: "budget",
          total: "350000.00",
          parts: [
            { key: "a", label: "下沉式培训", amount: "85000.00", requirement: "" },
            { key: "b", label: "能力提升培训", amount: "265000.00", requirement: "" },
          ],
        },
        criteria: { eligibility: [item("sign_in", "签到表")], scored: [], scoredMin: 0 },
        contractShareMin: null,
        source: null,
        fund: null,
        recheckShareMin: null,
        rates: [
          { key: "general", label: "普及培训", min: "100.00", max: "100.00", unit: "元/人·天", requirement: "" },
          { key: "skills", label: "技能培训", min: "200.00", max: "300.00", unit: "元/人·天", requirement: "" },
        ],
      },
    };
    const { wrapper } = await mountScreen(ProgrammesView, (cmd) => {
      if (cmd === "list_programmes") return [{ ...summary, id: "p2" }];
      if (cmd === "programme") return training;
      throw new Error(`unexpected ${cmd}`);
    });
    await flushPromises();
    (wrapper.find("[data-testid=programmes] tr.el-table__row td").element as HTMLElement).click();
    await flushPromises();
    const detail = await vi.waitFor(() => $("[data-testid=programme-detail]"));
    expect($("[data-testid=budget-total]", detail).textContent).toContain("350000.00 元");
    expect($("[data-testid=programme-subsidy]", detail).textContent).toContain("85000.00 元");
    const rates = $("[data-testid=programme-rates]", detail).textContent ?? "";
    expect(rates).toContain("100.00 元/人·天");
    expect(rates).toContain("200.00–300.00 元/人·天");
    expect(detail.querySelector("[data-testid=scored]")).toBeNull();
    expect(detail.querySelector("[data-testid=contract-share]")).toBeNull();
  });

  it("adds a programme from a preset and shows a duplicate under the preset", async () => {
    const refusal = { code: "PROGRAMME_DUPLICATE", field: "preset", message: "2019 年已有项目“成县2019年电商重点企业及扶贫车间扶持(Ⅰ类)”。" };
    const { calls } = await mountScreen(ProgrammesView, (cmd) => {
      if (cmd === "list_programmes") return [summary];
      if (cmd === "preset_listing") return [{ ...enterprise, own: true, label: "本县方案：成县《…》" }];
      if (cmd === "add_programme_from_preset") throw refusal;
      throw new Error(`unexpected ${cmd}`);
    });
    await flushPromises();
    $("[data-testid=add-programme]").click();
    await flushPromises();
    const dialog = $("[data-testid=programme-dialog]");
    const option = [...document.body.querySelectorAll<HTMLElement>(".el-select-dropdown__item")].find((o) =>
      o.textContent?.includes(enterprise.name),
    );
    expect(option, "preset option").toBeTruthy();
    option!.click();
    await flushPromises();
    expect(($("[data-testid=field-year] input", dialog) as HTMLInputElement).value).toBe("2019");

    $("[data-testid=save-programme]", dialog).click();
    await flushPromises();
    expect(commandCalls(calls, "add_programme_from_preset")).toEqual([{ preset: enterprise.code, year: 2019 }]);
    await vi.waitFor(() => {
      const error = dialog.querySelector("[data-testid=field-preset] .el-form-item__error");
      expect(error?.textContent?.trim()).toBe(refusal.message);
    });
    expect(dialog.querySelector("[data-testid=general-error]")).toBeNull();
    expect(commandCalls(calls, "list_programmes")).toHaveLength(1);
  });

  it("adds a programme for another year, then closes and reloads the list", async () => {
    const added: Programme = { ...programme, id: "p3", year: 2020 };
    const { calls } = await mountScreen(ProgrammesView, (cmd) => {
      if (cmd === "list_programmes") return [summary];
      if (cmd === "preset_listing") return [{ ...enterprise, own: true, label: "本县方案：成县《…》" }];
      if (cmd === "add_programme_from_preset") return added;
      throw new Error(`unexpected ${cmd}`);
    });
    await flushPromises();
    $("[data-testid=add-programme]").click();
    await flushPromises();
    const dialog = $("[data-testid=programme-dialog]");
    const option = [...document.body.querySelectorAll<HTMLElement>(".el-select-dropdown__item")].find((o) =>
      o.textContent?.includes(enterprise.name),
    );
    option!.click();
    await flushPromises();
    const year = $("[data-testid=field-year] input", dialog) as HTMLInputElement;
    type(year, "2020");
    year.dispatchEvent(new Event("change"));
    await flushPromises();
    $("[data-testid=save-programme]", dialog).click();
    await flushPromises();
    expect(commandCalls(calls, "add_programme_from_preset")).toEqual([{ preset: enterprise.code, year: 2020 }]);
    await vi.waitFor(() => expect(commandCalls(calls, "list_programmes")).toHaveLength(2));
    await vi.waitFor(() => expect(document.querySelector("[data-testid=programme-dialog]")).toBeNull());
  });
});

describe("Programmes on a township laptop", () => {
  it("are shown without 新建 or 编辑: the county sets them", async () => {
    const onLaptop = await mountScreen(
      ProgrammesView,
      (cmd) => {
        if (cmd === "list_programmes") return [summary];
        if (cmd === "programme") return programme;
        if (cmd === "programme_progress") return progress;
        throw new Error(`unexpected ${cmd}`);
      },
      {},
      { syncMode: "device", county: { id: "c", code: "654224", name: "托里县" } },
    );
    await flushPromises();
    expect(document.querySelector("[data-testid=add-programme]")).toBeNull();
    expect(document.querySelector("[data-testid=add-programme-json]")).toBeNull();
    expect($("[data-testid=programmes-county-only]").textContent).toContain("县里统一设置");
    const rows = onLaptop.wrapper.findAll("[data-testid=programmes] tr.el-table__row");
    (rows[0].element.querySelector("td") as HTMLElement).click();
    await flushPromises();
    const detail = await vi.waitFor(() => $("[data-testid=programme-detail]"));
    await vi.waitFor(() => expect($("[data-testid=programme-name]", detail).textContent).toContain(enterprise.name));
    expect(detail.querySelector("[data-testid=edit-programme]")).toBeNull();
    onLaptop.wrapper.unmount();
    document.body.innerHTML = "";

    // The hub (and a database not enrolled) keeps both.
    await mountScreen(
      ProgrammesView,
      (cmd) => {
        if (cmd === "list_programmes") return [summary];
        throw new Error(`unexpected ${cmd}`);
      },
      {},
      { syncMode: "county", county: { id: "c", code: "654224", name: "托里县" } },
    );
    await flushPromises();
    expect(document.querySelector("[data-testid=add-programme]")).not.toBeNull();
    expect(document.querySelector("[data-testid=add-programme-json]")).not.toBeNull();
    expect(document.querySelector("[data-testid=programmes-county-only]")).toBeNull();
  });
});

describe("shareAsPercent", () => {
  it("moves the decimal point", () => {
    expect(shareAsPercent("0.8")).toBe("80");
    expect(shareAsPercent("0.85")).toBe("85");
    expect(shareAsPercent("0.855")).toBe("85.5");
    expect(shareAsPercent("1")).toBe("100");
    expect(shareAsPercent("0.05")).toBe("5");
  });
});
