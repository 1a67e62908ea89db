import { afterEach, describe, expect, it, vi } from "vitest";
import { flushPromises } from "@vue/test-utils";
import { clearMocks } from "@tauri-apps/api/mocks";
import CheckSettingsPanel from "../src/components/checks/CheckSettingsPanel.vue";
import type { CheckSettings, Thresholds } from "../src/bindings";
import { GROUPS, SETTINGS_FIELDS, numbersOf, settingsInput, venueMap, venueRows, wrapsNewYear } from "../src/forms/checkSettings";
import { $, commandCalls, input, mountScreen, type } from "./helpers";

const defaults: Thresholds = {
  operatorsPerHousehold: 3,
  longCourseDays: 3,
  fullAttendanceMinTrainees: 10,
  identicalRosterMin: 5,
  venueCapacity: {},
  traineesPerPhone: 3,
  phoneRunMin: 5,
  idOrderMin: 10,
  sharedBirthdayMin: 4,
  traineeAgeMin: 16,
  traineeAgeMax: 75,
  signerAgeMin: 18,
  roundAmountMinHouseholds: 5,
  roundAmountYuan: 100,
  noticeMinDays: 10,
  inspectorDistanceKm: 30,
  callbackShare: 10,
};

function settings(canChange: boolean): CheckSettings {
  return {
    thresholds: { ...defaults, traineesPerPhone: 4, venueCapacity: { 鸡峰镇政府会议室: 40 } },
    defaults,
    seasons: [{ product: "土豆", from: "07-20", to: "10-31" }],
    canChange,
  };
}

afterEach(() => {
  clearMocks();
  document.body.innerHTML = "";
});

describe("核查设置's form state", () => {
  it("shows every number of the thresholds in one family, and each table once", () => {
    const numbers = GROUPS.flatMap((g) => g.fields);
    expect(new Set(numbers).size).toBe(numbers.length);
    expect([...numbers].sort()).toEqual(Object.keys(defaults).filter((k) => k !== "venueCapacity").sort());
    expect(SETTINGS_FIELDS).toContain("venueCapacity");
    expect(SETTINGS_FIELDS).toContain("productSeasons");
  });

  it("sends a venue typed twice twice, so the core refuses the repeat", () => {
    const rows = [
      { name: "礼堂", seats: 80 },
      { name: "礼堂", seats: 60 },
      { name: "", seats: null },
    ];
    expect(venueMap(rows)).toEqual({ 礼堂: 80, "礼堂 ": 60, "": 0 });
    expect(venueRows({ 礼堂: 80 })).toEqual([{ name: "礼堂", seats: 80 }]);
  });

  it("builds the core's input from the numbers, the venues and the seasons", () => {
    const numbers = { ...numbersOf(defaults), traineesPerPhone: null };
    const { thresholds, seasons } = settingsInput(numbers, [{ name: "礼堂", seats: 80 }], [{ product: "土豆", from: "7-20", to: "10-31" }]);
    expect(thresholds).toEqual({ ...defaults, traineesPerPhone: 0, venueCapacity: { 礼堂: 80 } });
    expect(seasons).toEqual([{ product: "土豆", from: "7-20", to: "10-31" }]);
  });

  it("says a season wraps over the new year when it starts after it ends", () => {
    expect(wrapsNewYear({ from: "11-15", to: "02-28" })).toBe(true);
    expect(wrapsNewYear({ from: "09-01", to: "11-30" })).toBe(false);
    expect(wrapsNewYear({ from: "11-15", to: "" })).toBe(false);
  });
});

describe("核查设置", () => {
  it("shows each of the core's refusals under its own field at once, then saves", async () => {
    const problems = [
      { code: "CHECK_THRESHOLD_RANGE", field: "traineesPerPhone", message: "“共用一个电话的学员数”应不少于 2 人" },
      { code: "CHECK_VENUE", field: "venueCapacity", message: "第 2 个场地没有填写名称。" },
      { code: "SEASON_DATE", field: "productSeasons", message: "第 2 条季节的开始日“13-01”不是有效的月日。" },
    ];
    let refuse = true;
    const { calls } = await mountScreen(CheckSettingsPanel, (cmd, args) => {
      if (cmd === "check_settings") return settings(true);
      if (cmd === "set_check_settings") {
        if (refuse) throw { ...problems[0], errors: problems };
        const sent = args as { thresholds: Thresholds; seasons: CheckSettings["seasons"] };
        return { ...settings(true), thresholds: sent.thresholds, seasons: sent.seasons };
      }
      throw new Error(`unexpected ${cmd}`);
    });
    await flushPromises();
    expect(input("[data-testid=threshold-traineesPerPhone]").value).toBe("4");
    expect($("[data-testid=field-traineesPerPhone]").textContent).toContain("默认 3 人");
    expect(input("[data-testid=venue-name]").value).toBe("鸡峰镇政府会议室");

    $("[data-testid=add-season]").click();
    await flushPromises();
    // An el-input puts its test id on the input itself.
    const second = (id: string) => document.querySelectorAll<HTMLInputElement>(`input[data-testid=${id}], [data-testid=${id}] input`)[1];
    type(second("season-product"), "冬储白菜");
    type(second("season-from"), "11-15");
    type(second("season-to"), "02-28");
    await flushPromises();
    expect($("[data-testid=season-wraps]").textContent).toContain("跨年");

    $("[data-testid=check-settings-save]").click();
    await flushPromises();
    await vi.waitFor(() => {
      expect($("[data-testid=field-traineesPerPhone] .el-form-item__error").textContent).toContain("应不少于 2 人");
    });
    expect($("[data-testid=field-venueCapacity] .el-form-item__error").textContent).toContain("第 2 个场地");
    expect($("[data-testid=field-productSeasons] .el-form-item__error").textContent).toContain("13-01");

    // 恢复默认 for one field, then the save goes through.
    $("[data-testid=reset-traineesPerPhone]").click();
    refuse = false;
    $("[data-testid=check-settings-save]").click();
    await flushPromises();
    const sets = commandCalls(calls, "set_check_settings");
    expect(sets[sets.length - 1]).toEqual({
      thresholds: { ...defaults, venueCapacity: { 鸡峰镇政府会议室: 40 } },
      seasons: [
        { product: "土豆", from: "07-20", to: "10-31" },
        { product: "冬储白菜", from: "11-15", to: "02-28" },
      ],
    });
    await vi.waitFor(() => expect($("[data-testid=check-settings-saved]").textContent).toContain("下次核查"));
    expect($("[data-testid=field-traineesPerPhone]").classList.contains("is-error")).toBe(false);
  });

  it("puts every number back to its default at once", async () => {
    const { calls } = await mountScreen(CheckSettingsPanel, (cmd, args) =>
      cmd === "check_settings" ? settings(true) : { ...settings(true), ...(args as object) },
    );
    await flushPromises();
    $("[data-testid=check-settings-reset-all]").click();
    await flushPromises();
    expect(input("[data-testid=threshold-traineesPerPhone]").value).toBe("3");
    $("[data-testid=check-settings-save]").click();
    await flushPromises();
    const [sent] = commandCalls(calls, "set_check_settings") as { thresholds: Thresholds }[];
    expect(sent.thresholds.traineesPerPhone).toBe(3);
    expect(sent.thresholds.venueCapacity, "the tables stay").toEqual({ 鸡峰镇政府会议室: 40 });
  });

  it("is read-only on a township laptop: the county sets these", async () => {
    await mountScreen(CheckSettingsPanel, (cmd) => (cmd === "check_settings" ? settings(false) : null));
    await flushPromises();
    expect($("[data-testid=check-settings-readonly]").textContent).toContain("乡镇电脑只能查看");
    expect(document.querySelector("[data-testid=check-settings-save]")).toBeNull();
    expect(document.querySelector("[data-testid=add-season]")).toBeNull();
    expect($("[data-testid=threshold-traineesPerPhone]").className).toContain("is-disabled");
    expect($("[data-testid=seasons-readonly]").textContent).toContain("土豆");
    expect($("[data-testid=venues-readonly]").textContent).toContain("鸡峰镇政府会议室：40");
  });
});
