import { afterEach, describe, expect, it, vi } from "vitest";
import { flushPromises } from "@vue/test-utils";
import { clearMocks } from "@tauri-apps/api/mocks";
import DashboardView from "../src/views/DashboardView.vue";
import InspectionsView from "../src/views/InspectionsView.vue";
import type { Dashboard, Drill, InspectionSummary } from "../src/bindings";
import { $, commandCalls, mountScreen } from "./helpers";

// A second county (托里县): two townships, the hub's view.
const T1 = "t-654224100";
const drill = (route: string, query: Record<string, string> = {}): Drill => ({ route, query: { year: "2019", ...query } });
const count = (n: number, d: Drill) => ({ count: n, drill: d });
const money = (amount: string, d: Drill) => ({ amount, drill: d });

const board: Dashboard = {
  filter: { year: 2019, programmeId: null, townshipId: null },
  scope: "county",
  townshipName: null,
  programmes: [
    {
      programmeId: "p1",
      programmeName: "托里县2019年村级电商服务站点",
      year: 2019,
      kind: "service_station",
      targets: [
        {
          key: "villages",
          label: "覆盖行政村",
          metric: "villages_covered",
          unit: "个",
          goal: 40,
          atMost: false,
          done: "3",
          share: "7.5",
          met: false,
          basis: "实施主体所在行政村 3 个",
          requirement: "",
        },
      ],
      drill: { route: "programmes", query: { programme: "p1" } },
    },
  ],
  funds: {
    budget: null,
    awards: count(2, drill("funds")),
    awarded: money("5000.00", drill("funds")),
    paid: money("4000.00", drill("funds")),
    toRecover: money("1000.00", drill("funds")),
  },
  inspections: {
    done: count(4, drill("inspections")),
    passed: count(3, drill("inspections", { conclusion: "pass" })),
    rectifying: count(0, drill("inspections", { conclusion: "rectify" })),
  },
  training: {
    sessions: count(2, drill("training")),
    personTimes: count(5, drill("training")),
    poorPersonTimes: count(1, drill("training")),
  },
  conflictsOpen: count(0, { route: "sync", query: { tab: "conflicts" } }),
  findingsOpen: null,
  townships: [
    {
      townshipId: T1,
      townshipName: "托里镇",
      inspectionsPassed: count(1, drill("inspections", { township: T1, conclusion: "pass" })),
      personTimes: count(0, drill("training", { township: T1 })),
      awarded: money("3000.00", drill("funds", { township: T1 })),
      ledgerIncome: money("3250.00", drill("agreements", { township: T1 })),
    },
  ],
  months: Array.from({ length: 12 }, (_, i) => ({
    month: `2019-${String(i + 1).padStart(2, "0")}`,
    ledgerIncome: "0.00",
    personTimes: 0,
  })),
  batches: [
    { townshipId: T1, townshipName: "托里镇", lastReceivedAt: null, daysSince: null, silent: true, drill: { route: "sync", query: {} } },
  ],
  ownSync: null,
};

afterEach(() => {
  clearMocks();
  document.body.innerHTML = "";
});

describe("首页", () => {
  it("shows the core's figures and a figure opens the list it counts", async () => {
    const { calls, router } = await mountScreen(DashboardView, (cmd) => {
      if (cmd === "dashboard") return board;
      if (cmd === "list_programmes" || cmd === "list_townships") return [];
      return undefined;
    });
    await flushPromises();
    expect(commandCalls(calls, "dashboard")[0].filter).toEqual({ year: null, programmeId: null, townshipId: null });
    const passed = $("[data-testid=fig-inspections-passed]");
    expect(passed.textContent).toContain("3");
    expect($("[data-testid=dashboard-figures]").textContent).toContain("5,000.00");
    expect($("[data-testid=township-batches]").textContent).toContain("从未");
    passed.click();
    await vi.waitFor(() => expect(router.currentRoute.value.name).toBe("inspections"));
    expect(router.currentRoute.value.query).toEqual({ year: "2019", conclusion: "pass" });
  });

  it("a township laptop shows its own sync, not the townships' batches", async () => {
    const own: Dashboard = {
      ...board,
      scope: "township",
      townshipName: "托里镇",
      conflictsOpen: null,
      batches: null,
      ownSync: { lastExport: "2019-10-01T08:00:00Z", lastReceipt: null, pending: 2, drill: { route: "sync", query: {} } },
    };
    await mountScreen(DashboardView, (cmd) => (cmd === "dashboard" ? own : []));
    await flushPromises();
    expect($("[data-testid=dashboard]").textContent).toContain("托里镇工作进展");
    expect($("[data-testid=own-sync]").textContent).toContain("2019-10-01T08:00:00Z");
    expect(document.querySelector("[data-testid=township-batches]")).toBeNull();
    expect(document.querySelector("[data-testid=dashboard-township]")).toBeNull();
  });
});

describe("a list opened from 首页", () => {
  it("asks the core for the rows the figure counts and says so", async () => {
    const row: InspectionSummary = {
      id: "i1",
      operatorName: "托里镇站点",
      place: "第1镇1镇1村",
      programmeName: "托里县2019年村级电商服务站点",
      stage: "acceptance",
      stageLabel: "县级验收",
      date: "2019-11-01",
      conclusion: "pass",
      conclusionLabel: "合格",
      status: "draft",
    };
    const { calls } = await mountScreen(
      InspectionsView,
      (cmd) => {
        if (cmd === "list_inspections_in") return [row];
        if (cmd === "list_townships") return [{ id: T1, code: "654224100", name: "托里镇", villageCount: 2, poorVillageCount: 1, retired: false }];
        return [];
      },
      {},
      {},
      `/inspections?year=2019&township=${T1}&conclusion=pass`,
    );
    await flushPromises();
    const asked = commandCalls(calls, "list_inspections_in")[0];
    expect(asked.filter).toEqual({ year: 2019, programmeId: null, townshipId: T1 });
    expect(asked.conclusion).toBe("pass");
    expect(commandCalls(calls, "list_inspections")).toHaveLength(0);
    expect($("[data-testid=drill-tag]").textContent).toContain("来自首页：2019 年 · 托里镇 · 合格");
    expect($("[data-testid=inspections]").textContent).toContain("（1）");
  });
});
