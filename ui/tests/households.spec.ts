import { afterEach, describe, expect, it, vi } from "vitest";
import { flushPromises } from "@vue/test-utils";
import { clearMocks } from "@tauri-apps/api/mocks";
import HouseholdsView from "../src/views/HouseholdsView.vue";
import HouseholdDetailView from "../src/views/HouseholdDetailView.vue";
import type { Household, HouseholdLink, HouseholdPage, IpcError, Saved, TownshipSummary, Village } from "../src/bindings";
import { $, commandCalls, input, mountScreen, type } from "./helpers";

const townships: TownshipSummary[] = [
  { id: "t1", code: "621221101", name: "鸡峰镇", villageCount: 2, poorVillageCount: 2, retired: false },
];
const villages: Village[] = [
  { id: "v1", code: "621221101201", name: "长沟村", townshipCode: "621221101", townshipName: "鸡峰镇", poor: true, retired: false },
];
const categories = [
  { code: "general", label: "一般贫困户" },
  { code: "dibao", label: "低保贫困户" },
];
const allPage: HouseholdPage = {
  total: 100000,
  more: false,
  rows: [
    { id: "h1", headName: "李四", idMasked: "621221********0011", size: 3, place: "鸡峰镇长沟村", villageGroup: "一组", categoryLabel: "一般贫困户", status: "draft" },
  ],
};
const foundPage: HouseholdPage = {
  total: 2,
  more: false,
  rows: [
    { id: "h2", headName: "张三", idMasked: "621221********4321", size: 4, place: "鸡峰镇长沟村", villageGroup: "三组", categoryLabel: "低保贫困户", status: "draft" },
    { id: "h3", headName: "王五", idMasked: "621221********4321", size: 2, place: "鸡峰镇草滩村", villageGroup: "二组", categoryLabel: "一般贫困户", status: "draft" },
  ],
};
const household: Household = {
  id: "h2",
  headName: "张三",
  idNumber: "621221198001014321",
  idMasked: "621221********4321",
  size: 4,
  villageId: "v1",
  villageName: "长沟村",
  townshipName: "鸡峰镇",
  villageGroup: "三组",
  category: "dibao",
  categoryLabel: "低保贫困户",
  yearLifted: 2019,
  phone: "13800001234",
  notes: "",
  status: "draft",
};

function reference(cmd: string) {
  if (cmd === "list_townships") return townships;
  if (cmd === "list_villages") return villages;
  if (cmd === "household_categories") return categories;
  return undefined;
}

afterEach(() => {
  clearMocks();
  document.body.innerHTML = "";
});

describe("Households screen", () => {
  it("searches on the Rust side after typing stops and shows masked IDs and the total", async () => {
    const { wrapper, calls } = await mountScreen(HouseholdsView, (cmd, args) => {
      if (cmd === "search_households") {
        const query = args.query as { text: string };
        return query.text ? foundPage : allPage;
      }
      return reference(cmd) ?? Promise.reject(new Error(`unexpected ${cmd}`));
    });
    await flushPromises();
    expect(commandCalls(calls, "search_households")).toEqual([
      { query: { text: "", townshipCode: null, villageId: null, offset: 0, limit: 50, status: null } },
    ]);
    expect($("[data-testid=household-total]").textContent).toContain("共 100000 户");

    const search = input("[data-testid=household-search]");
    type(search, "43");
    type(search, "4321");
    await vi.waitFor(() => expect(commandCalls(calls, "search_households")).toHaveLength(2));
    // Typing quickly sends one query, with the text as typed last.
    expect(commandCalls(calls, "search_households")[1]).toEqual({
      query: { text: "4321", townshipCode: null, villageId: null, offset: 0, limit: 50, status: null },
    });
    await flushPromises();
    const rows = wrapper.findAll("[data-testid=households] tr.el-table__row");
    expect(rows).toHaveLength(2);
    expect(rows[0].text()).toContain("张三");
    expect(rows[0].text()).toContain("621221********4321");
    expect(rows[1].text()).toContain("621221********4321");
    expect(wrapper.text()).not.toContain("621221198001014321");
    expect($("[data-testid=household-total]").textContent).toContain("共 2 户");
  });

  it("says “more than” when the core stopped counting a search's matches", async () => {
    const capped: HouseholdPage = { ...foundPage, total: 1000, more: true };
    await mountScreen(HouseholdsView, (cmd, args) => {
      if (cmd === "search_households") return (args.query as { text: string }).text ? capped : allPage;
      return reference(cmd) ?? Promise.reject(new Error(`unexpected ${cmd}`));
    });
    await flushPromises();
    type(input("[data-testid=household-search]"), "wjg");
    await vi.waitFor(() => expect($("[data-testid=household-total]").textContent).toContain("超过 1000 户"));
  });

  it("shows a refusal under the ID field and a save's warning under the name field", async () => {
    const refusal: IpcError = {
      code: "HOUSEHOLD_ID_DUPLICATE",
      field: "idNumber",
      message: "身份证号 621221198001014321 已登记为 鸡峰镇长沟村 张三 户，请勿重复登记。",
    };
    const saved: Saved<Household> = {
      record: { ...household, id: "h9", idNumber: "621221198001014339", idMasked: "621221********4339" },
      warnings: [{ code: "HOUSEHOLD_NAME_TWICE", field: "headName", message: "长沟村已有同名户主 张三（另一个身份证号），请核对是否重复登记。" }],
    };
    let attempts = 0;
    const { calls } = await mountScreen(HouseholdsView, (cmd) => {
      if (cmd === "search_households") return allPage;
      if (cmd === "add_household") {
        attempts += 1;
        if (attempts === 1) throw refusal;
        return saved;
      }
      if (cmd === "update_household") return saved;
      return reference(cmd) ?? Promise.reject(new Error(`unexpected ${cmd}`));
    });
    await flushPromises();
    $("[data-testid=add-household]").click();
    await flushPromises();

    const dialog = $("[data-testid=household-dialog]");
    type(input("[data-testid=field-headName]", dialog), "张三");
    type(input("[data-testid=field-idNumber]", dialog), "621221198001014321");
    $("[data-testid=save-household]", dialog).click();
    await flushPromises();

    const sent = commandCalls(calls, "add_household")[0].input as Record<string, unknown>;
    expect(sent).toMatchObject({ headName: "张三", idNumber: "621221198001014321", size: 1, category: "general" });
    await vi.waitFor(() => {
      const error = dialog.querySelector("[data-testid=field-idNumber] .el-form-item__error");
      expect(error?.textContent?.trim()).toBe(refusal.message);
    });
    expect(dialog.querySelector("[data-testid=field-headName] .el-form-item__error")).toBeNull();

    type(input("[data-testid=field-idNumber]", dialog), "621221198001014339");
    $("[data-testid=save-household]", dialog).click();
    await flushPromises();
    await vi.waitFor(() => {
      expect(dialog.querySelector("[data-testid=field-idNumber] .el-form-item__error")).toBeNull();
    });
    const warning = dialog.querySelector("[data-testid=field-headName] .field-warning");
    expect(warning?.textContent?.trim()).toBe(saved.warnings[0].message);
    // A warning does not block: the record is saved, the dialog stays to show it.
    expect(document.body.querySelector("[data-testid=household-dialog]")).not.toBeNull();
    expect(dialog.querySelector("[data-testid=saved-with-warnings]")).not.toBeNull();

    // Saving again corrects the record just created instead of registering it twice.
    $("[data-testid=save-household]", dialog).click();
    await flushPromises();
    expect(commandCalls(calls, "add_household")).toHaveLength(2);
    expect(commandCalls(calls, "update_household")[0].id).toBe("h9");
  });

  it("shows the full ID number, the agreements and their total income", async () => {
    const links: HouseholdLink[] = [
      { agreementId: "a1", number: "CX-2019-001", year: 2019, operatorName: "长沟村示范店", mode: "protective_purchase", content: "收购土豆", income: "456.20", premium: "20.00" },
      { agreementId: "a2", number: "CX-2019-007", year: 2019, operatorName: "成县电商公司", mode: "employment", content: "店内务工", income: "200.03", premium: "0.00" },
    ];
    const { wrapper } = await mountScreen(
      HouseholdDetailView,
      (cmd) => {
        if (cmd === "household") return household;
        if (cmd === "household_links") return { links, incomeTotal: "656.23" };
        if (cmd === "household_members") return [];
        throw new Error(`unexpected ${cmd}`);
      },
      { id: "h2" },
    );
    await flushPromises();
    const detail = wrapper.get("[data-testid=household-detail]");
    expect(detail.text()).toContain("621221198001014321");
    expect(detail.text()).toContain("保护价收购");
    expect(detail.text()).toContain("务工就业");
    expect(wrapper.get("[data-testid=household-income-total]").text()).toBe("增收合计 656.23 元");
  });
});
