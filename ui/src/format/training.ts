import type { TargetProgress, TownshipTally } from "../bindings";
import type { BarChartOption } from "./chart";

/** How training progress is drawn. No rules: the totals are the Rust side's. */

type T = (key: string) => string;

/** How full a target's bar is, 0–100; a target of 0 is reached by anything. */
export function targetPercent(target: TargetProgress): number {
  if (target.achieved == null) return 0;
  if (target.target <= 0) return 100;
  return Math.min(100, Math.floor((target.achieved * 100) / target.target));
}

/** Person-times and poor person-times per township as two bar series. */
export function townshipChartOption(townships: readonly TownshipTally[], t: T): BarChartOption {
  const names = townships.map((row) => (row.townshipId ? row.townshipName : t("training.countyLevel")));
  return {
    tooltip: { trigger: "axis" },
    legend: { top: 0 },
    grid: { left: 40, right: 16, top: 36, bottom: 8, containLabel: true },
    xAxis: { type: "category", data: names, axisLabel: { interval: 0, rotate: names.length > 8 ? 40 : 0 } },
    yAxis: { type: "value", minInterval: 1 },
    series: [
      {
        name: t("training.chartPersonTimes"),
        type: "bar",
        data: townships.map((row) => row.personTimes),
        itemStyle: { color: "#409eff" },
      },
      {
        name: t("training.chartPoorPersonTimes"),
        type: "bar",
        data: townships.map((row) => row.poorPersonTimes),
        itemStyle: { color: "#e6a23c" },
      },
    ],
  };
}
