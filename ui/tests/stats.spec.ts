import { afterEach, describe, expect, it, vi } from "vitest";
import { flushPromises } from "@vue/test-utils";
import { clearMocks } from "@tauri-apps/api/mocks";
import StatsReportCard from "../src/components/stats/StatsReportCard.vue";
import type { StatsCell, StatsFigure, StatsReport, StatsRow } from "../src/bindings";
import { $, commandCalls, mountScreen } from "./helpers";

afterEach(() => {
  clearMocks();
  vi.restoreAllMocks();
  document.body.innerHTML = "";
});

const FIGURES: StatsFigure[] = [
  "operators_accepted",
  "stations_accepted",
  "households_linked",
  "ledger_income",
  "person_times",
  "poor_person_times",
  "funds_awarded",
  "funds_paid",
  "findings",
];

function row(code: string, name: string, current: string, previous: string, growth: string): StatsRow {
  const cells: StatsCell[] = FIGURES.map((figure) => ({ figure, current, previous, change: "1", growth }));
  return { townshipCode: code, townshipName: name, cells };
}

const report: StatsReport = {
  countyName: "托里县",
  period: "2019-Q3",
  periodLabel: "2019年第三季度",
  from: "2019-07-01",
  to: "2019-09-30",
  previousPeriod: "2019-Q2",
  previousLabel: "2019年第二季度",
  programmeId: null,
  programmeName: null,
  townshipCode: null,
  rows: [row("654224100", "托里镇", "2", "1", "100.00%"), row("654224101", "庙尔沟镇", "1", "0", "—")],
  total: row("", "合计", "3", "1", "200.00%"),
  findingsCounted: false,
  printId: "2019-Q3||",
};

function handler(cmd: string) {
  if (cmd === "list_townships" || cmd === "list_programmes") return [];
  if (cmd === "stats_report") return report;
  throw new Error(`unexpected ${cmd}`);
}

describe("统计报表 on the Sheets screen", () => {
  it("asks for the quarter chosen and shows each township with the previous period and the growth rate", async () => {
    const { calls } = await mountScreen(StatsReportCard, handler);
    await flushPromises();
    // The default is a quarter; pick the year 2019 and the third quarter.
    const yearInput = $("[data-testid=stats-year] input") as HTMLInputElement;
    yearInput.value = "2019";
    yearInput.dispatchEvent(new Event("input"));
    yearInput.dispatchEvent(new Event("change"));
    await flushPromises();
    $("[data-testid=stats-quarter]").click();
    await flushPromises();
    const third = [...document.body.querySelectorAll<HTMLElement>(".el-select-dropdown__item")].find((el) => el.textContent?.includes("第3季度"));
    third!.click();
    await flushPromises();
    $("[data-testid=stats-show]").click();
    await flushPromises();
    expect(commandCalls(calls, "stats_report")).toEqual([
      { request: { programmeId: null, township: null, period: "2019-Q3", from: null, to: null } },
    ]);
    expect($("[data-testid=stats-caption]").textContent).toContain("与2019年第二季度相比");
    const cell = $("[data-testid=stats-cell-654224100-person_times]").textContent!;
    expect(cell).toContain("2");
    expect(cell).toContain("上期 1");
    expect(cell).toContain("增长率 100.00%");
    expect($("[data-testid=stats-cell-654224101-funds_paid]").textContent).toContain("增长率 —");
    expect($("[data-testid=stats-cell-total-households_linked]").textContent).toContain("增长率 200.00%");
    expect($("[data-testid=stats-table]").textContent).toContain("合计");
    expect($("[data-testid=stats-table]").textContent).toContain("带动贫困户（户）");
    // Printing goes through the print layer with the report's id.
    expect(document.body.querySelector("[data-testid=print-stats-report]")).toBeTruthy();
  }, 20_000);

  it("shows the core's refusal under the dates and exports the sheet it is asked for", async () => {
    const { calls } = await mountScreen(StatsReportCard, (cmd) => {
      if (cmd === "stats_report") throw { code: "PERIOD_REVERSED", field: "to", message: "截止日期2019年9月30日早于起始日期2019年10月1日" };
      if (cmd === "export_stats_sheet")
        return { path: "/home/clerk/Downloads/托里县2019年度电子商务扶贫统计表.xlsx", summary: { kind: "stats", title: "t", townshipCode: "county", rows: 2, checksum: "c", fileName: "f.xlsx" } };
      return handler(cmd);
    });
    await flushPromises();
    $("[data-testid=stats-kind] label:nth-child(4)").click();
    await flushPromises();
    $("[data-testid=stats-show]").click();
    await flushPromises();
    await vi.waitFor(() => expect($("[data-testid=stats-field-dates]").textContent).toContain("早于起始日期"));
    expect(commandCalls(calls, "stats_report")[0]).toEqual({ request: { programmeId: null, township: null, period: null, from: null, to: null } });
    $("[data-testid=stats-kind] label:nth-child(3)").click();
    await flushPromises();
    $("[data-testid=stats-export]").click();
    await flushPromises();
    expect((commandCalls(calls, "export_stats_sheet")[0] as { request: { period: string } }).request.period).toMatch(/^\d{4}$/);
    await vi.waitFor(() => expect($("[data-testid=stats-saved]").textContent).toContain("统计表已导出"));
  }, 20_000);
});
