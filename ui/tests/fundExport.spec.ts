import { afterEach, describe, expect, it, vi } from "vitest";
import { flushPromises } from "@vue/test-utils";
import { clearMocks } from "@tauri-apps/api/mocks";
import FundExportButton from "../src/components/funds/FundExportButton.vue";
import type { SavedExport } from "../src/bindings";
import { $, commandCalls, mountScreen } from "./helpers";

afterEach(() => {
  clearMocks();
  vi.restoreAllMocks();
  document.body.innerHTML = "";
});

const saved: SavedExport = {
  path: "/home/clerk/Downloads/霍邱县电商项目追回情况表.xlsx",
  summary: {
    kind: "recoveries",
    title: "霍邱县电商项目追回情况表",
    townshipCode: "county",
    rows: 2,
    checksum: "abc",
    fileName: "霍邱县电商项目追回情况表.xlsx",
  },
};

describe("导出表格 on the Funds screen", () => {
  it("offers the four fund exports and says where the chosen one was saved", async () => {
    const { calls } = await mountScreen(
      FundExportButton,
      (cmd) => {
        if (cmd === "export_fund_sheet") return saved;
        throw new Error(`unexpected ${cmd}`);
      },
      { programmeId: "p-huoqiu" },
    );
    $("[data-testid=fund-export] button").click();
    await flushPromises();
    for (const kind of ["disbursements", "fund_status", "recoveries", "fund_allocation"]) {
      expect(document.body.querySelector(`[data-testid=fund-export-${kind}]`)).toBeTruthy();
    }
    expect($("[data-testid=fund-export-fund_allocation]").textContent).toContain("资金使用情况公示名单");
    $("[data-testid=fund-export-recoveries]").click();
    await flushPromises();
    expect(commandCalls(calls, "export_fund_sheet")).toEqual([{ kind: "recoveries", programmeId: "p-huoqiu" }]);
    await vi.waitFor(() => expect($("[data-testid=fund-export-saved]").textContent).toContain(saved.path));
  });
});
