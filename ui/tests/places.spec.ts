import { afterEach, describe, expect, it, vi } from "vitest";
import { flushPromises, mount } from "@vue/test-utils";
import { ref } from "vue";
import ElementPlus from "element-plus";
import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import PlacesView from "../src/views/PlacesView.vue";
import { makeI18n } from "../src/i18n";
import { APP_INFO } from "../src/appInfo";
import type { IpcError, TownshipSummary, Village } from "../src/bindings";
import { toIpcError } from "../src/api/errors";

const townships: TownshipSummary[] = [
  { id: "t1", code: "621221101", name: "鸡峰镇", villageCount: 2, poorVillageCount: 2, retired: false },
  { id: "t2", code: "621221105", name: "陈院镇", villageCount: 1, poorVillageCount: 0, retired: false },
];
const villages: Village[] = [
  { id: "v1", code: "621221101201", name: "长沟村", townshipCode: "621221101", townshipName: "鸡峰镇", poor: true, retired: false },
  { id: "v2", code: "621221101202", name: "草滩村", townshipCode: "621221101", townshipName: "鸡峰镇", poor: true, retired: false },
];

type Handler = (cmd: string, args: Record<string, unknown>) => unknown;

function mountPlaces(handler: Handler) {
  const calls: Array<[string, Record<string, unknown>]> = [];
  mockIPC((cmd, args) => {
    const payload = (args ?? {}) as Record<string, unknown>;
    calls.push([cmd, payload]);
    return handler(cmd, payload);
  });
  const info = ref({
    appVersion: "0.1.0",
    dbPath: "/tmp/x.db",
    schemaVersion: 2,
    county: { id: "c", code: "621221", name: "成县" },
    officer: "王芳",
    startupError: null,
  });
  const wrapper = mount(PlacesView, {
    global: { plugins: [ElementPlus, makeI18n("zh-CN")], provide: { [APP_INFO as symbol]: info } },
    attachTo: document.body,
  });
  return { wrapper, calls };
}

async function openTownship(wrapper: ReturnType<typeof mount>, name: string) {
  const row = wrapper.findAll("[data-testid=townships] tr.el-table__row").find((r) => r.text().includes(name));
  expect(row, `row for ${name}`).toBeTruthy();
  await row!.trigger("click");
  await flushPromises();
}

afterEach(() => {
  clearMocks();
  document.body.innerHTML = "";
});

describe("Places screen", () => {
  it("lists townships with the county summary, then a township's villages", async () => {
    const { wrapper, calls } = mountPlaces((cmd) => {
      if (cmd === "list_townships") return townships;
      if (cmd === "list_villages") return villages;
      throw new Error(`unexpected ${cmd}`);
    });
    await flushPromises();
    expect(wrapper.findAll("[data-testid=townships] tr.el-table__row")).toHaveLength(2);
    expect(wrapper.get("[data-testid=places-summary]").text()).toBe("成县：2 个乡镇，3 个村，其中贫困村 2 个");

    await openTownship(wrapper, "鸡峰镇");
    expect(calls).toContainEqual(["list_villages", { townshipCode: "621221101" }]);
    expect(wrapper.get("[data-testid=villages-title]").text()).toContain("鸡峰镇的村（2）");
    const rows = wrapper.findAll("[data-testid=villages] tr.el-table__row");
    expect(rows.map((r) => r.text())).toEqual([
      expect.stringContaining("长沟村"),
      expect.stringContaining("草滩村"),
    ]);
  });

  it("shows the Rust side's refusal under the field it names and keeps the dialog open", async () => {
    const refusal: IpcError = {
      code: "PLACE_CODE_DUPLICATE",
      field: "code",
      message: "村代码 621221101201 已被 鸡峰镇长沟村 使用，请核对后填写另一个代码。",
    };
    const { wrapper, calls } = mountPlaces((cmd) => {
      if (cmd === "list_townships") return townships;
      if (cmd === "list_villages") return villages;
      if (cmd === "add_village") throw refusal;
      throw new Error(`unexpected ${cmd}`);
    });
    await flushPromises();
    await openTownship(wrapper, "鸡峰镇");
    await wrapper.get("[data-testid=add-village]").trigger("click");
    await flushPromises();

    const dialog = document.body.querySelector("[data-testid=village-dialog]")!;
    const code = dialog.querySelector<HTMLInputElement>("[data-testid=field-code] input")!;
    expect(code.value).toBe("621221101");
    code.value = "621221101201";
    code.dispatchEvent(new Event("input"));
    const name = dialog.querySelector<HTMLInputElement>("[data-testid=field-name] input")!;
    name.value = "新建村";
    name.dispatchEvent(new Event("input"));
    dialog.querySelector<HTMLButtonElement>("[data-testid=save-village]")!.click();
    await flushPromises();

    expect(calls).toContainEqual([
      "add_village",
      { input: { townshipCode: "621221101", code: "621221101201", name: "新建村", poor: true } },
    ]);
    // Element Plus shows a form item's error after a 100 ms debounce.
    await vi.waitFor(() => {
      const codeError = dialog.querySelector("[data-testid=field-code] .el-form-item__error");
      expect(codeError?.textContent?.trim()).toBe(refusal.message);
    });
    expect(dialog.querySelector("[data-testid=field-name] .el-form-item__error")).toBeNull();
    expect(document.body.querySelector("[data-testid=village-dialog]")).not.toBeNull();
  });
});

describe("toIpcError", () => {
  it("keeps an IpcError and wraps anything else as INTERNAL", () => {
    expect(toIpcError({ code: "X", message: "m", field: "name" })).toEqual({ code: "X", message: "m", field: "name" });
    expect(toIpcError("boom")).toEqual({ code: "INTERNAL", message: "boom" });
  });
});
