import { afterEach, describe, expect, it } from "vitest";
import { flushPromises } from "@vue/test-utils";
import { clearMocks } from "@tauri-apps/api/mocks";
import VoidDialog from "../src/components/lifecycle/VoidDialog.vue";
import OperatorsView from "../src/views/OperatorsView.vue";
import type { Operator, RecordState } from "../src/bindings";
import { $, commandCalls, input, mountScreen, type } from "./helpers";

afterEach(() => {
  clearMocks();
  document.body.innerHTML = "";
});

const voided: RecordState = { kind: "household", id: "h1", status: "voided", voidReason: "重复登记" };

describe("Void dialog", () => {
  it("asks for the reason before voiding and sends it to the core", async () => {
    const { wrapper, calls } = await mountScreen(
      VoidDialog,
      (cmd) => {
        if (cmd === "void_record") return voided;
        throw new Error(`unexpected ${cmd}`);
      },
      { kind: "household", id: "h1", name: "马建国" },
    );
    await flushPromises();
    const dialog = $("[data-testid=void-dialog]");
    expect(dialog.textContent).toContain("作废 · 马建国");

    type(input("[data-testid=field-reason]", dialog), "   ");
    $("[data-testid=confirm-void]").click();
    await flushPromises();
    expect(commandCalls(calls, "void_record")).toEqual([]);
    expect($("[data-testid=reason-required]", dialog).textContent).toContain("请填写作废原因");
    expect(wrapper.emitted("voided")).toBeUndefined();

    type(input("[data-testid=field-reason]", dialog), "重复登记");
    $("[data-testid=confirm-void]").click();
    await flushPromises();
    expect(commandCalls(calls, "void_record")).toEqual([{ kind: "household", id: "h1", reason: "重复登记" }]);
    expect(wrapper.emitted("voided")).toEqual([[voided]]);
  });

  it("shows the core's refusal and stays open", async () => {
    const message = "不能作废：这户在以下花名册上：带贫协议 JSS2019-01。请先把这户从花名册中移除，再作废。";
    const { wrapper } = await mountScreen(
      VoidDialog,
      (cmd) => {
        if (cmd === "void_record") throw { code: "RECORD_IN_USE", message, field: "id" };
        throw new Error(`unexpected ${cmd}`);
      },
      { kind: "household", id: "h1", name: "马建国" },
    );
    type(input("[data-testid=field-reason]"), "迁出");
    $("[data-testid=confirm-void]").click();
    await flushPromises();
    expect($("[data-testid=void-error]").textContent).toContain("JSS2019-01");
    expect(wrapper.emitted("voided")).toBeUndefined();
  });
});

describe("Status filter and lifecycle buttons on a list", () => {
  const shop: Operator = {
    id: "o1",
    kind: "demo_shop",
    kindLabel: "电商扶贫示范店",
    name: "大河家村电商服务站",
    creditCode: "",
    personInCharge: "马志强",
    phone: "13909301234",
    villageId: "v1",
    place: "吹麻滩镇大河家村",
    platform: "淘宝",
    shopUrl: "",
    agreementCount: 0,
    status: "voided",
  };

  it("lists voided records only when asked, tagged 已作废 and without buttons", async () => {
    const { wrapper, calls } = await mountScreen(OperatorsView, (cmd, args) => {
      if (cmd === "list_operators") return args.status === "voided" ? [shop] : [];
      if (cmd === "list_townships") return [];
      throw new Error(`unexpected ${cmd}`);
    });
    await flushPromises();
    expect(commandCalls(calls, "list_operators")).toEqual([{ townshipCode: null, status: null }]);
    $("[data-testid=status-filter]").click();
    await flushPromises();
    const option = [...document.querySelectorAll<HTMLElement>(".el-select-dropdown__item")].find(
      (o) => o.textContent?.trim() === "已作废",
    );
    option!.click();
    await flushPromises();
    expect(commandCalls(calls, "list_operators").slice(-1)[0]).toEqual({ townshipCode: null, status: "voided" });
    const rows = wrapper.findAll("[data-testid=operators] tr.el-table__row");
    expect(rows).toHaveLength(1);
    expect(rows[0].text()).toContain("已作废");
    expect(rows[0].find("[data-testid=void-record]").exists()).toBe(false);
    expect(rows[0].find("[data-testid=submit-record]").exists()).toBe(false);
  });
});
