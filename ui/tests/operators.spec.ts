import { afterEach, describe, expect, it, vi } from "vitest";
import { flushPromises, mount } from "@vue/test-utils";
import ElementPlus, { ElMessageBox } from "element-plus";
import { clearMocks } from "@tauri-apps/api/mocks";
import OperatorsView from "../src/views/OperatorsView.vue";
import HistoryDrawer from "../src/components/HistoryDrawer.vue";
import { makeI18n } from "../src/i18n";
import type { HistoryEntry, Operator, Saved, StationMonth } from "../src/bindings";
import { $, commandCalls, input, mountScreen, type } from "./helpers";

const shop: Operator = {
  id: "o1",
  kind: "demo_shop",
  kindLabel: "电商扶贫示范店",
  name: "长沟村电商扶贫示范店",
  creditCode: "",
  personInCharge: "李娜",
  phone: "13800001234",
  villageId: "v1",
  place: "鸡峰镇长沟村",
  platform: "淘宝",
  shopUrl: "",
  agreementCount: 2,
  status: "draft",
};

afterEach(() => {
  clearMocks();
  document.body.innerHTML = "";
});

describe("Operators screen", () => {
  it("lists operators and shows a credit-code warning under its field after saving", async () => {
    const saved: Saved<Operator> = {
      record: { ...shop, id: "o2", name: "成县电商公司", kind: "enterprise", kindLabel: "电商企业", creditCode: "91621221MA71234567" },
      warnings: [{ code: "CREDIT_CODE_CHECK", field: "creditCode", message: "统一社会信用代码校验位不符，请核对；部分真实代码也会这样。" }],
    };
    const { wrapper, calls } = await mountScreen(OperatorsView, (cmd) => {
      if (cmd === "list_operators") return [shop];
      if (cmd === "list_townships") return [{ id: "t1", code: "621221101", name: "鸡峰镇", villageCount: 1, poorVillageCount: 1 }];
      if (cmd === "add_operator") return saved;
      throw new Error(`unexpected ${cmd}`);
    });
    await flushPromises();
    expect(commandCalls(calls, "list_operators")).toEqual([{ townshipCode: null, status: null }]);
    const rows = wrapper.findAll("[data-testid=operators] tr.el-table__row");
    expect(rows).toHaveLength(1);
    expect(rows[0].text()).toContain("电商扶贫示范店");
    expect(rows[0].text()).toContain("鸡峰镇长沟村");

    $("[data-testid=add-operator]").click();
    await flushPromises();
    const dialog = $("[data-testid=operator-dialog]");
    type(input("[data-testid=field-name]", dialog), "成县电商公司");
    type(input("[data-testid=field-creditCode]", dialog), "91621221MA71234567");
    $("[data-testid=save-operator]", dialog).click();
    await flushPromises();
    expect(commandCalls(calls, "add_operator")[0]).toEqual({
      input: {
        kind: "demo_shop",
        name: "成县电商公司",
        creditCode: "91621221MA71234567",
        personInCharge: "",
        phone: "",
        villageId: null,
        platform: "",
        shopUrl: "",
      },
    });
    await vi.waitFor(() => {
      const warning = dialog.querySelector("[data-testid=field-creditCode] .field-warning");
      expect(warning?.textContent?.trim()).toBe(saved.warnings[0].message);
    });
    expect(commandCalls(calls, "list_operators")).toHaveLength(2);
  });
});

describe("History drawer", () => {
  it("labels the new columns and hides the reversed ID index", async () => {
    const entries: HistoryEntry[] = [
      {
        seq: 7,
        entity: "household",
        op: "create",
        at: "2026-11-21 08:30:05",
        officer: "王芳",
        device: "d1",
        fields: {
          head_name: [null, "张三"],
          id_number: [null, "621221198001014321"],
          id_number_rev: [null, "123410410089122126"],
          village_group: [null, "三组"],
        },
      },
    ];
    const wrapper = mount(HistoryDrawer, {
      props: { title: "变更记录 · 张三", load: () => Promise.resolve(entries) },
      global: { plugins: [ElementPlus, makeI18n("zh-CN")] },
      attachTo: document.body,
    });
    await flushPromises();
    const text = $("[data-testid=history]").textContent ?? "";
    expect(text).toContain("户主姓名");
    expect(text).toContain("组");
    expect(text).not.toContain("id_number_rev");
    expect(text).not.toContain("123410410089122126");
    wrapper.unmount();
  });
});

describe("Service station months", () => {
  it("lists a service station's months and records the next, showing a refused month under its field", async () => {
    const station: Operator = { ...shop, id: "s1", kind: "service_station", kindLabel: "村级服务站点", name: "东湖村服务站" };
    const january: StationMonth = {
      id: "m1",
      stationId: "s1",
      stationName: "东湖村服务站",
      month: "2019-01",
      serviceValue: "2350.00",
      purchases: 3,
      sales: 1,
      parcels: 40,
      billsPaid: 12,
      publicity: 1,
      reports: 1,
      notes: "",
      status: "draft",
    };
    let recorded = [january];
    const { calls } = await mountScreen(OperatorsView, (cmd, args) => {
      if (cmd === "list_operators") return [shop, station];
      if (cmd === "list_townships") return [];
      if (cmd === "station_months") return recorded;
      if (cmd === "add_station_month") {
        const input = args.input as { month: string };
        if (input.month === "2019-01") {
          return Promise.reject({
            code: "STATION_MONTH_DUPLICATE",
            message: "这个站点 2019-01 的月度服务已经记录过，不能重复录入。",
            field: "month",
            errors: [{ code: "STATION_MONTH_DUPLICATE", field: "month", message: "这个站点 2019-01 的月度服务已经记录过，不能重复录入。" }],
          });
        }
        recorded = [...recorded, { ...january, id: "m2", month: input.month, serviceValue: "1800.00" }];
        return recorded[1];
      }
      throw new Error(`unexpected ${cmd}`);
    });
    await flushPromises();
    const openers = document.querySelectorAll<HTMLElement>("[data-testid=station-months-open]");
    expect(openers).toHaveLength(1);
    openers[0].click();
    await flushPromises();
    const dialog = $("[data-testid=station-months-dialog]");
    expect(commandCalls(calls, "station_months")).toEqual([{ stationId: "s1" }]);
    expect($("[data-testid=station-months]", dialog).textContent).toContain("2350.00");

    type(input("[data-testid=field-month]", dialog), "2019-01");
    type(input("[data-testid=field-serviceValue]", dialog), "1800.00");
    $("[data-testid=save-station-month]", dialog).click();
    await flushPromises();
    expect(commandCalls(calls, "add_station_month")).toHaveLength(1);
    await vi.waitFor(() => expect(document.body.textContent).toContain("已经记录过"));

    type(input("[data-testid=field-month]", dialog), "2019-02");
    $("[data-testid=save-station-month]", dialog).click();
    await flushPromises();
    const added = commandCalls(calls, "add_station_month");
    expect(added[1]).toMatchObject({ input: { stationId: "s1", month: "2019-02", serviceValue: "1800.00" } });
    await vi.waitFor(() => expect($("[data-testid=station-months]", dialog).textContent).toContain("2019-02"));
  });

  it("corrects a month in the form, shows a colliding month under its field, and voids a month with a reason", async () => {
    const station: Operator = { ...shop, id: "s1", kind: "service_station", kindLabel: "村级服务站点", name: "克孜勒吐村服务站" };
    const month = (id: string, m: string, value: string): StationMonth => ({
      id,
      stationId: "s1",
      stationName: "克孜勒吐村服务站",
      month: m,
      serviceValue: value,
      purchases: 2,
      sales: 0,
      parcels: 15,
      billsPaid: 4,
      publicity: 0,
      reports: 1,
      notes: "",
      status: "draft",
    });
    let recorded = [month("m1", "2020-04", "900.00"), month("m2", "2020-05", "25.00")];
    const prompt = vi.spyOn(ElMessageBox, "prompt").mockResolvedValue({ value: "月份录错", action: "confirm" } as never);
    const { calls } = await mountScreen(OperatorsView, (cmd, args) => {
      if (cmd === "list_operators") return [station];
      if (cmd === "list_townships") return [];
      if (cmd === "station_months") return recorded;
      if (cmd === "edit_station_month") {
        const input = args.input as { month: string; serviceValue: string };
        if (input.month === "2020-04") {
          const message = "这个站点 2020-04 的月度服务已经记录过，不能重复录入。请改那一条，或先把它作废。";
          return Promise.reject({
            code: "STATION_MONTH_DUPLICATE",
            message,
            field: "month",
            errors: [{ code: "STATION_MONTH_DUPLICATE", field: "month", message }],
          });
        }
        recorded = [recorded[0], month("m2", input.month, input.serviceValue)];
        return recorded[1];
      }
      if (cmd === "record_history") return [];
      if (cmd === "void_station_month") {
        recorded = recorded.filter((m) => m.id !== args.id);
        return { id: args.id, voidReason: args.reason };
      }
      throw new Error(`unexpected ${cmd}`);
    });
    await flushPromises();
    $("[data-testid=station-months-open]").click();
    await flushPromises();
    const dialog = $("[data-testid=station-months-dialog]");
    const rows = () => dialog.querySelectorAll<HTMLElement>("[data-testid=station-months] tr.el-table__row");
    expect(rows()).toHaveLength(2);

    $("[data-testid=edit-station-month]", rows()[1]).click();
    await flushPromises();
    expect($("[data-testid=station-month-editing]", dialog).textContent).toContain("2020-05");
    expect(input("[data-testid=field-serviceValue]", dialog).value).toBe("25.00");
    type(input("[data-testid=field-month]", dialog), "2020-04");
    $("[data-testid=save-station-month]", dialog).click();
    await flushPromises();
    await vi.waitFor(() => expect($("[data-testid=field-month]", dialog).textContent).toContain("已经记录过"));
    expect(commandCalls(calls, "add_station_month")).toHaveLength(0);

    type(input("[data-testid=field-month]", dialog), "2020-05");
    type(input("[data-testid=field-serviceValue]", dialog), "2500.00");
    $("[data-testid=save-station-month]", dialog).click();
    await flushPromises();
    const edits = commandCalls(calls, "edit_station_month");
    expect(edits[1]).toMatchObject({ id: "m2", input: { stationId: "s1", month: "2020-05", serviceValue: "2500.00", parcels: 15 } });
    await vi.waitFor(() => expect(rows()[1].textContent).toContain("2500.00"));
    expect(dialog.querySelector("[data-testid=station-month-editing]")).toBeNull();
    expect(input("[data-testid=field-month]", dialog).value).toBe("");

    $("[data-testid=void-station-month]", rows()[0]).click();
    await flushPromises();
    expect(prompt).toHaveBeenCalledTimes(1);
    expect(commandCalls(calls, "void_station_month")).toEqual([{ id: "m1", reason: "月份录错" }]);
    await vi.waitFor(() => expect(rows()).toHaveLength(1));
    expect(rows()[0].textContent).toContain("2020-05");
    $("[data-testid=station-month-history]", rows()[0]).click();
    await flushPromises();
    expect(commandCalls(calls, "record_history")).toEqual([{ entity: "station_month", id: "m2" }]);
    prompt.mockRestore();
  });
});
