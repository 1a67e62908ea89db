import { afterEach, describe, expect, it, vi } from "vitest";
import { flushPromises } from "@vue/test-utils";
import { clearMocks } from "@tauri-apps/api/mocks";
import ArchiveButton from "../src/components/ArchiveButton.vue";
import type { ArchiveReport } from "../src/bindings";
import { $, commandCalls, mountScreen } from "./helpers";

afterEach(() => {
  clearMocks();
  vi.restoreAllMocks();
  document.body.innerHTML = "";
});

const report: ArchiveReport = {
  path: "/home/clerk/Downloads/霍邱县2019年电商示范店-项目档案-20191220.zip",
  bytes: 1_048_576,
  scope: { kind: "programme", id: "p-huoqiu", name: "霍邱县2019年电商示范店" },
  files: 14,
  printed: 8,
  attachments: 5,
  pages: 21,
  missing: ["实施主体/第1镇/示范店甲/合同扫描件（合同扫描件，SHA-256 ab…）"],
};

describe("导出项目档案", () => {
  it("asks the core for the programme's archive and says what went in, where, and what this device lacks", async () => {
    const { calls } = await mountScreen(
      ArchiveButton,
      (cmd) => {
        if (cmd === "export_archive") return report;
        throw new Error(`unexpected ${cmd}`);
      },
      { scope: "programme", id: "p-huoqiu" },
    );
    expect($("[data-testid=archive-programme]").textContent).toContain("导出项目档案");
    $("[data-testid=archive-programme]").click();
    await flushPromises();
    expect(commandCalls(calls, "export_archive")).toEqual([{ scope: "programme", id: "p-huoqiu" }]);
    await vi.waitFor(() => expect(document.body.textContent).toContain(report.path));
    expect(document.body.textContent).toContain("14 个文件（打印件 8 份、原件 5 个，共 21 页）");
    expect($("[data-testid=archive-missing]").textContent).toContain("本机没有 1 个附件");
  });

  it("says nothing when the save dialog is cancelled", async () => {
    await mountScreen(
      ArchiveButton,
      (cmd) => {
        if (cmd === "export_archive") return null;
        throw new Error(`unexpected ${cmd}`);
      },
      { scope: "operator", id: "o-1", link: true },
    );
    $("[data-testid=archive-operator]").click();
    await flushPromises();
    expect(document.body.textContent).not.toContain("已导出项目档案");
  });
});
