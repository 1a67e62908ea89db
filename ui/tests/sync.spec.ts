import { afterEach, describe, expect, it, vi } from "vitest";
import { flushPromises } from "@vue/test-utils";
import { clearMocks } from "@tauri-apps/api/mocks";
import SyncView from "../src/views/SyncView.vue";
import type { Conflict, SyncStatus } from "../src/bindings";
import { $, commandCalls, input, mountScreen, type } from "./helpers";

const device: SyncStatus = {
  mode: "device",
  deviceId: "a0f5feebbad3aec6b3e288e8b213f6af",
  fingerprint: "D01F-D500-1007-49DF",
  countyFingerprint: "1BD9-C86D-9615-2F59",
  townshipCode: "621221101",
  townshipName: "鸡峰镇",
  ackedSeq: 40,
  headSeq: 43,
  pending: { household: 2, agreement: 1 },
  lastExport: "2026-11-22T02:09:55Z",
  lastReceipt: null,
  packageVersion: 7846,
  openConflicts: 0,
};

const conflict: Conflict = {
  id: "c1",
  entity: "household",
  recordId: "01a20104-26d0-7022-81d5-a7a853d7dcc8",
  field: "head_name",
  base: "郑爱花",
  county: "郑爱华",
  incoming: "郑爱化",
  deviceId: device.deviceId,
  seq: 42,
  officer: "王芳",
  status: "open",
  resolution: null,
  note: null,
  resolvedBy: null,
  resolvedAt: null,
  createdAt: "2026-11-22T02:10:00Z",
};

afterEach(() => {
  clearMocks();
  document.body.innerHTML = "";
});

describe("Sync page", () => {
  it("shows a laptop's pending changes by kind and exports them", async () => {
    let status = device;
    const { calls } = await mountScreen(SyncView, (cmd) => {
      if (cmd === "sync_status") return status;
      if (cmd === "sync_export") {
        status = { ...device, pending: {}, ackedSeq: 43 };
        return { batchId: "b1", seqFrom: 41, seqTo: 43, counts: {}, attachments: 0, bytes: 900, file: "/save/同步包.fbsync" };
      }
      throw new Error(`unexpected ${cmd}`);
    });
    await flushPromises();
    const pending = $("[data-testid=sync-pending]");
    expect(pending.textContent).toContain("农户");
    expect(pending.textContent).toContain("带贫协议");
    expect($("[data-testid=sync-acked]").textContent).toBe("第 40 条修改");
    expect($("[data-testid=sync-last-receipt]").textContent).toBe("尚无");

    $("[data-testid=sync-export]").click();
    await flushPromises();
    expect(commandCalls(calls, "sync_export")).toHaveLength(1);
    expect($("[data-testid=sync-result]").textContent).toContain("第 41–43 条修改，保存在 /save/同步包.fbsync");
    await vi.waitFor(() => $("[data-testid=sync-all-acked]"));
  });

  it("lets the county review a conflict side by side and resolve it with a note", async () => {
    const { calls } = await mountScreen(SyncView, (cmd) => {
      if (cmd === "sync_status") return { ...device, mode: "county", pending: {} };
      if (cmd === "sync_devices") return [];
      if (cmd === "sync_conflicts") return calls.some(([c]) => c === "resolve_conflict") ? [] : [conflict];
      if (cmd === "resolve_conflict") return { ...conflict, status: "resolved" };
      throw new Error(`unexpected ${cmd}`);
    });
    await flushPromises();
    const tabs = document.querySelectorAll<HTMLElement>(".el-tabs__item");
    [...tabs].find((t) => t.textContent?.includes("冲突审核"))?.click();
    await flushPromises();
    const table = await vi.waitFor(() => $("[data-testid=sync-conflict-table]"));
    const row = table.querySelector("tr.el-table__row")?.textContent ?? "";
    expect(row).toContain("郑爱花");
    expect(row).toContain("郑爱华");
    expect(row).toContain("郑爱化");
    expect(row).toContain("户主姓名");

    $("[data-testid=sync-resolve]").click();
    await flushPromises();
    const dialog = await vi.waitFor(() => $("[data-testid=sync-resolve-dialog]"));
    ($("input[value=incoming]", dialog) as HTMLInputElement).click();
    type(input("[data-testid=sync-note]", dialog), "经核对户口本，以设备为准");
    await flushPromises();
    $("[data-testid=sync-resolve-save]").click();
    await flushPromises();
    expect(commandCalls(calls, "resolve_conflict")).toEqual([
      { id: "c1", keep: "incoming", value: null, note: "经核对户口本，以设备为准" },
    ]);
  });
});
