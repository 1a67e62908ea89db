import { afterEach, describe, expect, it, vi } from "vitest";
import { flushPromises } from "@vue/test-utils";
import { clearMocks } from "@tauri-apps/api/mocks";
import AgreementEditorView from "../src/views/AgreementEditorView.vue";
import AgreementsView from "../src/views/AgreementsView.vue";
import type { Agreement, AgreementSummary, LedgerRow, RosterRow, Saved } from "../src/bindings";
import { formatDateZh } from "../src/format/dates";
import { $, commandCalls, input, mountScreen, type, type Handler } from "./helpers";

function agreementWith(rosterCount: number): Agreement {
  return {
    id: "a1",
    number: "CX-2019-001",
    year: 2019,
    programme: "成县2019年电商扶贫示范店",
    programmeId: "p1",
    operatorId: "o1",
    operatorName: "长沟村电商扶贫示范店",
    witnessVillageId: "v1",
    witness: "鸡峰镇长沟村村民委员会",
    modes: ["protective_purchase"],
    priceRule: "market_plus",
    priceValue: "10",
    minQuantity: "",
    payWithinDays: 7,
    targetHouseholds: 10,
    targetIncome: "500.00",
    termStart: "2019-03-01",
    termEnd: "2019-12-31",
    scanSha256: null,
    scanFileName: null,
    rosterCount,
    rosterMin: 10,
    meetsDemoShopRule: rosterCount >= 10,
    totalIncome: "656.23",
    totalPremium: "59.66",
    incomePerHousehold: rosterCount ? "65.62" : "0.00",
    status: "draft",
  };
}

const rosterRow: RosterRow = {
  id: "r1",
  householdId: "h2",
  headName: "张三",
  idMasked: "621221********4321",
  place: "鸡峰镇长沟村",
  size: 4,
  categoryLabel: "低保贫困户",
  mode: "protective_purchase",
  content: "收购土豆",
  income: "656.23",
  premium: "59.66",
  entries: 1,
};

const ledgerRow: LedgerRow = {
  id: "l1",
  householdId: "h2",
  headName: "张三",
  date: "2019-05-01",
  product: "土豆",
  quantity: "262.5",
  unit: "斤",
  unitPrice: "2.50",
  marketPrice: "2.20",
  amount: "656.25",
  paymentMethod: "银行转账",
  voucherNo: "PZ-001",
  deliveredDate: "2019-04-28",
  reversesId: null,
  reversedBy: null,
};

function editor(agreement: Agreement, extra: Handler = () => undefined, roster: RosterRow[] = [], ledger: LedgerRow[] = []) {
  return mountScreen(
    AgreementEditorView,
    (cmd, args) => {
      const answer = extra(cmd, args);
      if (answer !== undefined) return answer;
      if (cmd === "agreement") return agreement;
      if (cmd === "roster") return roster;
      if (cmd === "ledger") return ledger;
      throw new Error(`unexpected ${cmd}`);
    },
    { id: agreement.id },
  );
}

afterEach(() => {
  clearMocks();
  document.body.innerHTML = "";
});

describe("Agreement editor", () => {
  it("shows the programme's household minimum red below it and green at it, and the derived income", async () => {
    const nine = await editor(agreementWith(9));
    await flushPromises();
    const red = nine.wrapper.get("[data-testid=demo-shop-rule]");
    expect(red.text()).toBe("花名册仅 9 户，不足项目“成县2019年电商扶贫示范店”要求的 10 户");
    expect(red.classes()).toContain("el-tag--danger");
    const income = nine.wrapper.get("[data-testid=agreement-income]").text();
    expect(income).toContain("656.23");
    expect(income).toBe("增收合计 656.23 元 · 户均 65.62 元 · 溢价 59.66 元");
    expect(nine.wrapper.get("[data-testid=agreement-term]").text()).toBe("2019年3月1日 至 2019年12月31日");
    nine.wrapper.unmount();
    clearMocks();
    document.body.innerHTML = "";

    const ten = await editor(agreementWith(10));
    await flushPromises();
    const green = ten.wrapper.get("[data-testid=demo-shop-rule]");
    expect(green.text()).toBe("花名册 10 户，符合项目“成县2019年电商扶贫示范店”不少于 10 户的要求");
    expect(green.classes()).toContain("el-tag--success");
  });

  it("shows a ledger warning next to the unit price and the amount Rust computed, then reloads", async () => {
    const warning = {
      code: "LEDGER_BELOW_MARKET" as const,
      field: "unitPrice",
      message: "单价 2.00 元低于当地市场价 2.20 元，不符合保护价收购的承诺。",
    };
    const saved: Saved<LedgerRow> = {
      record: { ...ledgerRow, id: "l2", quantity: "100", unitPrice: "2.00", amount: "200.00" },
      warnings: [warning],
    };
    const { calls } = await editor(
      agreementWith(10),
      (cmd) => (cmd === "add_ledger_entry" ? saved : undefined),
      [rosterRow],
      [],
    );
    await flushPromises();

    const form = $("[data-testid=ledger-form]");
    // Choose the household among the roster's.
    const option = [...document.body.querySelectorAll<HTMLElement>(".el-select-dropdown__item")].find((o) =>
      o.textContent?.includes("张三 · 621221********4321"),
    );
    expect(option, "roster household option").toBeTruthy();
    option!.click();
    type(input("[data-testid=ledger-field-product]", form), "土豆");
    type(input("[data-testid=ledger-field-quantity]", form), "100");
    type(input("[data-testid=ledger-field-unit]", form), "斤");
    type(input("[data-testid=ledger-field-unitPrice]", form), "2.00");
    type(input("[data-testid=ledger-field-marketPrice]", form), "2.20");
    $("[data-testid=add-ledger-entry]").click();
    await flushPromises();

    expect(commandCalls(calls, "add_ledger_entry")[0]).toEqual({
      input: {
        agreementId: "a1",
        householdId: "h2",
        date: "",
        product: "土豆",
        quantity: "100",
        unit: "斤",
        unitPrice: "2.00",
        marketPrice: "2.20",
        paymentMethod: "",
        voucherNo: "",
        deliveredDate: "",
      },
    });
    const shown = form.querySelector("[data-testid=ledger-field-unitPrice] .field-warning");
    expect(shown?.textContent?.trim()).toBe(warning.message);
    expect(form.querySelector("[data-testid=ledger-field-unitPrice] .el-form-item__error")).toBeNull();
    expect($("[data-testid=ledger-saved]").textContent).toContain("200.00");
    // The derived income comes back from Rust: agreement, roster and ledger are read again.
    expect(commandCalls(calls, "agreement")).toHaveLength(2);
    expect(commandCalls(calls, "roster")).toHaveLength(2);
    expect(commandCalls(calls, "ledger")).toHaveLength(2);
  });

  it("shows a ledger refusal under the field it names", async () => {
    const refusal = { code: "LEDGER_OUTSIDE_TERM", field: "date", message: "日期 2020年1月5日 不在协议期限内。" };
    await editor(agreementWith(10), (cmd) => (cmd === "add_ledger_entry" ? Promise.reject(refusal) : undefined), [rosterRow]);
    await flushPromises();
    $("[data-testid=add-ledger-entry]").click();
    await flushPromises();
    await vi.waitFor(() => {
      const error = document.body.querySelector("[data-testid=ledger-field-date] .el-form-item__error");
      expect(error?.textContent?.trim()).toBe(refusal.message);
    });
  });

  it("finds households for the roster on the Rust side and adds one", async () => {
    const found = {
      total: 1,
      rows: [{ id: "h7", headName: "赵六", idMasked: "621221********0077", size: 2, place: "鸡峰镇长沟村", villageGroup: "一组", categoryLabel: "一般贫困户" }],
    };
    const added: Saved<RosterRow> = {
      record: { ...rosterRow, id: "r7", householdId: "h7", headName: "赵六" },
      warnings: [{ code: "ROSTER_OTHER_OPERATOR", field: "householdId", message: "赵六户在 2019 年还在 成县电商公司 的花名册中；县里汇总时只计一次。" }],
    };
    const { calls } = await editor(agreementWith(9), (cmd) => {
      if (cmd === "search_households") return found;
      if (cmd === "add_to_roster") return added;
      return undefined;
    });
    await flushPromises();

    const picker = $("[data-testid=roster-picker]");
    type(input("[data-testid=roster-picker]"), "0077");
    await vi.waitFor(() => expect(commandCalls(calls, "search_households")).toHaveLength(1), { timeout: 2000 });
    expect(commandCalls(calls, "search_households")[0]).toEqual({
      query: { text: "0077", townshipCode: null, villageId: null, offset: 0, limit: 20, status: null },
    });
    await flushPromises();
    const option = [...document.body.querySelectorAll<HTMLElement>(".el-select-dropdown__item")].find((o) =>
      o.textContent?.includes("赵六 · 621221********0077 · 鸡峰镇长沟村"),
    );
    expect(option, "found household option").toBeTruthy();
    option!.click();
    type(input("[data-testid=roster-content]"), "收购土豆 2000 斤");
    $("[data-testid=add-to-roster]").click();
    await flushPromises();

    expect(commandCalls(calls, "add_to_roster")[0]).toEqual({
      input: { agreementId: "a1", householdId: "h7", mode: "protective_purchase", content: "收购土豆 2000 斤" },
    });
    const warning = document.body.querySelector("[data-testid=roster-field-householdId] .field-warning");
    expect(warning?.textContent?.trim()).toBe(added.warnings[0].message);
    expect(picker).toBeTruthy();
    expect(commandCalls(calls, "agreement")).toHaveLength(2);
  });
});

describe("Agreement scan", () => {
  it("sends the picked file as base64 and shows its name", async () => {
    const attached = { ...agreementWith(10), scanSha256: "ab".repeat(32), scanFileName: "协议.pdf" };
    const { calls } = await editor(agreementWith(10), (cmd) => (cmd === "attach_scan" ? attached : undefined));
    await flushPromises();
    expect($("[data-testid=scan-name]").textContent).toBe("尚未上传");
    const picker = $("[data-testid=scan-input]") as HTMLInputElement;
    const file = new File(["%PDF-1.4"], "协议.pdf", { type: "application/pdf" });
    Object.defineProperty(picker, "files", { value: [file], configurable: true });
    picker.dispatchEvent(new Event("change"));
    await vi.waitFor(() => expect(commandCalls(calls, "attach_scan")).toHaveLength(1));
    expect(commandCalls(calls, "attach_scan")[0]).toEqual({
      agreementId: "a1",
      fileName: "协议.pdf",
      contentBase64: btoa("%PDF-1.4"),
    });
    await flushPromises();
    expect($("[data-testid=scan-name]").textContent).toBe("协议.pdf");
  });
});

describe("Agreements list", () => {
  it("marks an agreement with fewer than 10 roster households", async () => {
    const list: AgreementSummary[] = [
      { id: "a1", number: "CX-2019-001", year: 2019, operatorName: "长沟村示范店", place: "鸡峰镇长沟村", programme: "成县2019年电商扶贫示范店", programmeId: "p1", rosterCount: 9, rosterMin: 10, meetsDemoShopRule: false, totalIncome: "656.23", status: "draft" },
      { id: "a2", number: "CX-2019-002", year: 2019, operatorName: "草滩村示范店", place: "鸡峰镇草滩村", programme: "成县2019年电商扶贫示范店", programmeId: "p1", rosterCount: 12, rosterMin: 10, meetsDemoShopRule: true, totalIncome: "1200.00", status: "submitted" },
    ];
    const { wrapper, router } = await mountScreen(AgreementsView, (cmd) => {
      if (cmd === "list_agreements") return list;
      if (cmd === "unlinked_agreements") return [];
      throw new Error(`unexpected ${cmd}`);
    });
    await flushPromises();
    const rows = wrapper.findAll("[data-testid=agreements] tr.el-table__row");
    expect(rows).toHaveLength(2);
    expect(rows[0].find("[data-testid=below-rule]").text()).toBe("不足10户");
    expect(wrapper.find("[data-testid=unlinked-notice]").exists()).toBe(false);
    expect(rows[1].find("[data-testid=below-rule]").exists()).toBe(false);
    await rows[1].find("td").trigger("click");
    await flushPromises();
    expect(router.currentRoute.value.path).toBe("/agreements/a2");
  });
});

describe("Agreements not linked to a programme", () => {
  it("shows how many there are and links one to the programme picked", async () => {
    const unlinked: AgreementSummary = {
      id: "a3", number: "TL-X", year: 2020, operatorName: "萨孜村电商服务店", place: "托里镇萨孜村",
      programme: "托里县电商示范店", programmeId: null, rosterCount: 0, rosterMin: null,
      meetsDemoShopRule: true, totalIncome: "0.00", status: "draft",
    };
    const programmes = [
      { id: "p2019", name: "托里县电商服务示范店", year: 2019, kind: "demo_shop", kindLabel: "", tranches: "100%", rule: "" },
      { id: "p2020", name: "托里县电商服务示范店", year: 2020, kind: "demo_shop", kindLabel: "", tranches: "100%", rule: "" },
    ];
    let linked = false;
    const saved: Saved<Agreement> = {
      record: { ...agreementWith(0), id: "a3", number: "TL-X", programme: "托里县电商服务示范店", programmeId: "p2020" },
      warnings: [{ code: "AGREEMENT_TARGET_BELOW_RULE", field: "targetHouseholds", message: "项目“托里县电商服务示范店”要求每份协议带动不少于 5 户建档立卡贫困户，这份协议只约定 0 户。" }],
    };
    const { wrapper, calls } = await mountScreen(AgreementsView, (cmd) => {
      if (cmd === "list_agreements") return [unlinked];
      if (cmd === "unlinked_agreements") return linked ? [] : [unlinked];
      if (cmd === "list_programmes") return programmes;
      if (cmd === "link_agreement_programme") {
        linked = true;
        return saved;
      }
      throw new Error(`unexpected ${cmd}`);
    });
    await flushPromises();
    expect(wrapper.get("[data-testid=unlinked-notice]").text()).toContain("1 份协议未关联项目");
    await wrapper.get("[data-testid=open-unlinked]").trigger("click");
    await flushPromises();
    const rows = document.body.querySelectorAll<HTMLElement>("[data-testid=unlinked-agreements] tr.el-table__row");
    expect(rows).toHaveLength(1);
    expect(rows[0].textContent).toContain("托里县电商示范店");
    // The agreement's year's programme is offered first.
    $("[data-testid=unlinked-programme] .el-select__wrapper", rows[0]).click();
    await flushPromises();
    const options = [...document.body.querySelectorAll<HTMLElement>(".el-select-dropdown__item")]
      .map((o) => o.textContent ?? "")
      .filter((text) => text.includes("托里县"));
    expect(options).toEqual(["2020 托里县电商服务示范店", "2019 托里县电商服务示范店"]);
    [...document.body.querySelectorAll<HTMLElement>(".el-select-dropdown__item")]
      .find((o) => o.textContent === "2020 托里县电商服务示范店")!
      .click();
    await flushPromises();
    $("[data-testid=unlinked-link]", rows[0]).click();
    await flushPromises();
    expect(commandCalls(calls, "link_agreement_programme")).toEqual([{ agreementId: "a3", programmeId: "p2020" }]);
    expect(document.body.textContent).toContain("不少于 5 户");
    expect(wrapper.find("[data-testid=unlinked-notice]").exists()).toBe(false);
  });
});

describe("format", () => {
  it("prints dates without leading zeros", () => {
    expect(formatDateZh("2019-03-01")).toBe("2019年3月1日");
    expect(formatDateZh("2019-08-12")).toBe("2019年8月12日");
    expect(formatDateZh("")).toBe("");
  });
});
