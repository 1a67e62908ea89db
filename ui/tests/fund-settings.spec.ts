import { afterEach, describe, expect, it, vi } from "vitest";
import { flushPromises } from "@vue/test-utils";
import { clearMocks } from "@tauri-apps/api/mocks";
import FundSettingsCard from "../src/components/FundSettingsCard.vue";
import type { FundSettings } from "../src/bindings";
import { $, commandCalls, mountScreen } from "./helpers";

const three: FundSettings = { banYears: 3, overcommit: "refuse" };

afterEach(() => {
  clearMocks();
  document.body.innerHTML = "";
});

describe("Fund settings", () => {
  it("saves the county's ban years and over-budget rule, a refusal under its field", async () => {
    const refusal = {
      code: "FUND_SETTINGS",
      field: "banYears",
      message: "禁止申报年限应为 1 到 10 年（成县、霍邱为 3 年），填写的是 0 年。",
      errors: [{ code: "FUND_SETTINGS", field: "banYears", message: "禁止申报年限应为 1 到 10 年（成县、霍邱为 3 年），填写的是 0 年。" }],
    };
    let refuse = true;
    const { calls } = await mountScreen(
      FundSettingsCard,
      (cmd, args) => {
        if (cmd === "fund_settings") return three;
        if (cmd === "fund_set_settings") {
          if (refuse) throw refusal;
          return args.settings;
        }
        throw new Error(`unexpected ${cmd}`);
      },
      { canChange: true },
    );
    await flushPromises();
    expect(($("[data-testid=fund-ban-years] input") as HTMLInputElement).value).toBe("3");
    ($("[data-testid=fund-overcommit]").querySelectorAll("label")[1] as HTMLElement).click();
    $("[data-testid=fund-settings-save]").click();
    await flushPromises();
    await vi.waitFor(() => {
      expect($("[data-testid=field-banYears] .el-form-item__error").textContent).toContain("1 到 10 年");
    });
    refuse = false;
    $("[data-testid=fund-settings-save]").click();
    await flushPromises();
    const sets = commandCalls(calls, "fund_set_settings");
    expect(sets[sets.length - 1]).toEqual({ settings: { banYears: 3, overcommit: "warn" } });
  });

  it("is read-only on a township laptop", async () => {
    await mountScreen(FundSettingsCard, (cmd) => (cmd === "fund_settings" ? three : null), { canChange: false });
    await flushPromises();
    expect($("[data-testid=fund-settings]").textContent).toContain("乡镇电脑只能查看");
    expect($("[data-testid=fund-overcommit]").querySelector(".is-disabled")).not.toBeNull();
  });
});
