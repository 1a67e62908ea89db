import { afterEach, describe, expect, it, vi } from "vitest";
import { flushPromises } from "@vue/test-utils";
import { clearMocks } from "@tauri-apps/api/mocks";
import { ElMessageBox } from "element-plus";
import CountySettingsCard from "../src/components/CountySettingsCard.vue";
import type { CountySettings } from "../src/bindings";
import { $, commandCalls, mountScreen } from "./helpers";

const off: CountySettings = { countyCode: "621221", countyName: "成县", noticeMasking: "none", idleLockMinutes: 15, canChange: true };

afterEach(() => {
  clearMocks();
  vi.restoreAllMocks();
  document.body.innerHTML = "";
});

describe("County settings", () => {
  it("turns masked numbers on for the county after a confirmation saying what it does", async () => {
    const confirm = vi.spyOn(ElMessageBox, "confirm").mockResolvedValue("confirm" as never);
    const { calls } = await mountScreen(CountySettingsCard, (cmd) => {
      if (cmd === "county_settings") return off;
      if (cmd === "set_notice_masking") return { ...off, noticeMasking: "masked" };
      if (cmd === "kind_options") return [];
      return null;
    });
    await flushPromises();
    expect($("[data-testid=notice-masking-state]").textContent).toContain("未开启");
    $("[data-testid=notice-masking-switch]").click();
    await flushPromises();
    expect(confirm).toHaveBeenCalledTimes(1);
    expect(String(confirm.mock.calls[0][0])).toContain("621221********1234");
    expect(String(confirm.mock.calls[0][0])).toContain("138****1234");
    expect(commandCalls(calls, "set_notice_masking")).toEqual([{ masking: "masked" }]);
    expect($("[data-testid=notice-masking-state]").textContent).toContain("已开启");
  });

  it("changes nothing when the confirmation is cancelled", async () => {
    vi.spyOn(ElMessageBox, "confirm").mockRejectedValue("cancel");
    const { calls } = await mountScreen(CountySettingsCard, (cmd) => (cmd === "county_settings" ? off : cmd === "kind_options" ? [] : null));
    await flushPromises();
    $("[data-testid=notice-masking-switch]").click();
    await flushPromises();
    expect(commandCalls(calls, "set_notice_masking")).toHaveLength(0);
    expect($("[data-testid=notice-masking-state]").textContent).toContain("未开启");
  });

  it("is read-only on a township laptop", async () => {
    await mountScreen(CountySettingsCard, (cmd) =>
      cmd === "county_settings" ? { ...off, noticeMasking: "masked", canChange: false } : cmd === "kind_options" ? [] : false,
    );
    await flushPromises();
    expect($("[data-testid=notice-masking-switch]").classList.contains("is-disabled")).toBe(true);
    expect($("[data-testid=county-settings]").textContent).toContain("随参考数据包发到本机");
  });
});
