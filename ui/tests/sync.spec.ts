import { afterEach, describe, expect, it, vi } from "vitest";
import { flushPromises } from "@vue/test-utils";
import { clearMocks } from "@tauri-apps/api/mocks";
import SyncView from "../src/views/SyncView.vue";
import type { Conflict, DeviceRow, RefusedRecord, SyncStatus } from "../src/bindings";
import { localDateZh } from "../src/format/dates";
import { deviceStatusText } from "../src/format/sync";
import { makeI18n } from "../src/i18n";
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

const laptop: DeviceRow = {
  deviceId: device.deviceId,
  townshipCode: "621221101",
  townshipName: "鸡峰镇",
  officer: "王芳",
  fingerprint: device.fingerprint!,
  status: "active",
  enrolledAt: "2026-11-20T03:00:00Z",
  revokedAt: null,
  lastSeq: 43,
  openConflicts: 0,
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

  it("offers both paths to a database not in sync yet and sets up the county hub after a confirmation", async () => {
    let mode = "none";
    const { calls } = await mountScreen(SyncView, (cmd) => {
      if (cmd === "sync_status") return { ...device, mode, townshipCode: null, townshipName: null, countyFingerprint: null, pending: {} };
      if (cmd === "sync_county_init") {
        mode = "county";
        return { deviceId: device.deviceId, deviceFingerprint: "AB12-CD34-EF56-7890", countyFingerprint: "AB12-CD34-EF56-7890", townshipCode: null, townshipName: null, file: null };
      }
      if (cmd === "sync_devices") return [];
      throw new Error(`unexpected ${cmd}`);
    });
    await flushPromises();
    expect($("[data-testid=sync-device-setup]").textContent).toContain("本机是乡镇设备：申请登记");
    expect($("[data-testid=sync-county-setup]").textContent).toContain("本机是县电商中心：初始化县级中心");

    $("[data-testid=sync-county-init]").click();
    await flushPromises();
    const dialog = await vi.waitFor(() => $("[data-testid=sync-county-init-dialog]"));
    expect(dialog.textContent).toContain("签名密钥和加密密钥");
    expect(dialog.textContent).toContain("不能撤销");
    expect(dialog.textContent).toContain("备份");
    const confirm = $("[data-testid=sync-county-init-confirm]") as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    confirm.click();
    await flushPromises();
    expect(commandCalls(calls, "sync_county_init")).toHaveLength(0);

    ($("[data-testid=sync-county-init-understood] input", dialog) as HTMLInputElement).click();
    await flushPromises();
    expect(confirm.disabled).toBe(false);
    confirm.click();
    await flushPromises();
    expect(commandCalls(calls, "sync_county_init")).toHaveLength(1);
    expect($("[data-testid=sync-county-fingerprint]").textContent).toBe("AB12-CD34-EF56-7890");

    $("[data-testid=sync-county-init-done]").click();
    await flushPromises();
    await vi.waitFor(() => $("[data-testid=sync-county]"));
  });

  it("shows the refusal when the database cannot become the county hub", async () => {
    await mountScreen(SyncView, (cmd) => {
      if (cmd === "sync_status") return { ...device, mode: "none", pending: {} };
      if (cmd === "sync_county_init") throw { code: "SYNC_ALREADY_DEVICE", message: "本数据库已作为乡镇设备在县中心登记，不能再设为县中心。" };
      throw new Error(`unexpected ${cmd}`);
    });
    await flushPromises();
    $("[data-testid=sync-county-init]").click();
    await flushPromises();
    const dialog = await vi.waitFor(() => $("[data-testid=sync-county-init-dialog]"));
    ($("[data-testid=sync-county-init-understood] input", dialog) as HTMLInputElement).click();
    await flushPromises();
    $("[data-testid=sync-county-init-confirm]").click();
    await flushPromises();
    expect($("[data-testid=sync-county-init-error]").textContent).toContain("不能再设为县中心");
    expect(document.querySelector("[data-testid=sync-county-fingerprint]")).toBeNull();
  });

  it("revokes an active device after a confirmation naming it, then lists it as revoked with the date", async () => {
    let devices = [laptop];
    const { calls } = await mountScreen(SyncView, (cmd) => {
      if (cmd === "sync_status") return { ...device, mode: "county", pending: {} };
      if (cmd === "sync_devices") return devices;
      if (cmd === "sync_county_revoke") {
        devices = [{ ...laptop, status: "revoked", revokedAt: "2026-11-22T04:00:00Z" }];
        return { device: devices[0], alreadyRevoked: false };
      }
      throw new Error(`unexpected ${cmd}`);
    });
    await flushPromises();
    const tabs = document.querySelectorAll<HTMLElement>(".el-tabs__item");
    [...tabs].find((t) => t.textContent?.includes("已登记设备"))?.click();
    await flushPromises();
    expect($("[data-testid=sync-device-status]").textContent?.trim()).toBe("在用");

    $("[data-testid=sync-revoke]").click();
    await flushPromises();
    const dialog = await vi.waitFor(() => $("[data-testid=sync-revoke-dialog]"));
    const question = $("[data-testid=sync-revoke-question]", dialog).textContent ?? "";
    expect(question).toContain("鸡峰镇");
    expect(question).toContain("王芳");
    expect(question).toContain("a0f5feeb");
    expect(dialog.textContent).toContain("一律拒收");
    $("[data-testid=sync-revoke-confirm]").click();
    await flushPromises();
    expect(commandCalls(calls, "sync_county_revoke")).toEqual([{ deviceId: laptop.deviceId }]);
    await vi.waitFor(() =>
      expect($("[data-testid=sync-device-status]").textContent?.trim()).toBe(`已注销 ${localDateZh("2026-11-22T04:00:00Z")}`),
    );
    expect(document.querySelector("[data-testid=sync-revoke]")).toBeNull();
  });
  it("enrolls a laptop from its request file for a township once the fingerprint is checked", async () => {
    const townships = [
      { id: "t1", code: "621221101", name: "鸡峰镇", villageCount: 27, poorVillageCount: 12 },
      { id: "t2", code: "621221102", name: "宋坪乡", villageCount: 14, poorVillageCount: 9 },
    ];
    const { calls } = await mountScreen(SyncView, (cmd) => {
      if (cmd === "sync_status") return { ...device, mode: "county", pending: {} };
      if (cmd === "sync_devices") return calls.some(([c]) => c === "sync_county_enroll") ? [laptop] : [];
      if (cmd === "sync_read_request")
        return { deviceId: laptop.deviceId, officer: "王芳", deviceFingerprint: laptop.fingerprint, createdAt: "2026-11-22T12:00:00Z", enrolled: null };
      if (cmd === "list_townships") return townships;
      if (cmd === "sync_county_enroll")
        return { deviceId: laptop.deviceId, deviceFingerprint: laptop.fingerprint, countyFingerprint: "1BD9-C86D-9615-2F59", townshipCode: "621221101", townshipName: "鸡峰镇", file: "/save/登记答复-鸡峰镇.json" };
      throw new Error(`unexpected ${cmd}`);
    });
    await flushPromises();
    const tabs = document.querySelectorAll<HTMLElement>(".el-tabs__item");
    [...tabs].find((t) => t.textContent?.includes("已登记设备"))?.click();
    await flushPromises();
    const picker = $("[data-testid=sync-request-file]") as HTMLInputElement;
    Object.defineProperty(picker, "files", { value: [new File(["request"], "设备登记申请.json")], configurable: true });
    picker.dispatchEvent(new Event("change"));
    const dialog = await vi.waitFor(() => $("[data-testid=sync-enroll-dialog]"));
    await flushPromises();
    expect($("[data-testid=sync-request-fingerprint]").textContent).toBe(laptop.fingerprint);
    expect(dialog.textContent).toContain("王芳");
    expect(commandCalls(calls, "sync_read_request")).toEqual([{ contentBase64: btoa("request") }]);

    const confirm = $("[data-testid=sync-enroll-confirm]") as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    ($("[data-testid=sync-enroll-checked] input", dialog) as HTMLInputElement).click();
    await flushPromises();
    expect(confirm.disabled).toBe(true); // no township yet
    $("[data-testid=sync-enroll-township] .el-select__wrapper").click();
    await flushPromises();
    const option = await vi.waitFor(() =>
      [...document.querySelectorAll<HTMLElement>(".el-select-dropdown__item")].find((o) => o.textContent?.includes("鸡峰镇")),
    );
    option!.click();
    await flushPromises();
    expect(confirm.disabled).toBe(false);
    confirm.click();
    await flushPromises();
    expect(commandCalls(calls, "sync_county_enroll")).toEqual([{ contentBase64: btoa("request"), township: "621221101" }]);
    expect($("[data-testid=sync-enroll-answer]").textContent).toContain("/save/登记答复-鸡峰镇.json");
    expect($("[data-testid=sync-enroll-county-fingerprint]").textContent).toBe("1BD9-C86D-9615-2F59");
    await vi.waitFor(() => expect($("[data-testid=sync-devices]").textContent).toContain("王芳"));
  });

  it("refuses to enroll again a device the county revoked", async () => {
    await mountScreen(SyncView, (cmd) => {
      if (cmd === "sync_status") return { ...device, mode: "county", pending: {} };
      if (cmd === "sync_devices") return [];
      if (cmd === "list_townships") return [];
      if (cmd === "sync_read_request")
        return {
          deviceId: laptop.deviceId,
          officer: "王芳",
          deviceFingerprint: laptop.fingerprint,
          createdAt: "2026-11-22T12:00:00Z",
          enrolled: { ...laptop, status: "revoked", revokedAt: "2026-11-22T12:00:00Z" },
        };
      throw new Error(`unexpected ${cmd}`);
    });
    await flushPromises();
    const picker = $("[data-testid=sync-request-file]") as HTMLInputElement;
    Object.defineProperty(picker, "files", { value: [new File(["r"], "r.json")], configurable: true });
    picker.dispatchEvent(new Event("change"));
    const dialog = await vi.waitFor(() => $("[data-testid=sync-enroll-dialog]"));
    await flushPromises();
    expect(dialog.textContent).toContain("已于2026年11月22日注销");
    ($("[data-testid=sync-enroll-checked] input", dialog) as HTMLInputElement).click();
    await flushPromises();
    expect(($("[data-testid=sync-enroll-confirm]") as HTMLButtonElement).disabled).toBe(true);
  });
});

describe("device status text", () => {
  const { t } = makeI18n("zh-CN").global;
  it("says 在用 or 已注销 with the local date of the revocation", () => {
    expect(deviceStatusText(laptop, t)).toBe("在用");
    // Noon UTC is the same calendar day from UTC−11 to UTC+11.
    expect(deviceStatusText({ ...laptop, status: "revoked", revokedAt: "2026-11-22T12:00:00Z" }, t)).toBe("已注销 2026年11月22日");
    expect(deviceStatusText({ ...laptop, status: "revoked", revokedAt: null }, t)).toBe("已注销");
    expect(localDateZh(null)).toBe("");
    expect(localDateZh("not a date")).toBe("not a date");
  });
});

describe("Sync page: records the county refused", () => {
  const household: RefusedRecord = {
    entity: "household",
    label: "农户",
    name: "郑爱花",
    recordId: "01a20104-26d0-7022-81d5-a7a853d7dcc8",
    seq: 41,
    op: "create",
    code: "SYNC_OTHER_TOWNSHIP",
    message: "这条农户记录属于其他乡镇，这条变更未采用。",
    batchId: "b1",
    voidKind: "household",
  };
  const member: RefusedRecord = {
    ...household,
    entity: "household_member",
    label: "家庭成员",
    name: "",
    recordId: "00000000-0000-4000-9000-700000000001",
    seq: 42,
    message: "这条家庭成员记录所属的农户属于其他乡镇。",
    voidKind: null,
  };

  it("lists each refused record with both ways out and voids one through the core", async () => {
    let refused = [household, member];
    const { calls } = await mountScreen(SyncView, (cmd) => {
      if (cmd === "sync_status") return { ...device };
      if (cmd === "sync_refused") return refused;
      if (cmd === "void_record") {
        refused = [member];
        return { kind: "household", id: household.recordId, status: "voided", voidReason: "录错乡镇" };
      }
      throw new Error(`unexpected ${cmd}`);
    });
    await flushPromises();
    const table = await vi.waitFor(() => $("[data-testid=sync-refused]"));
    const rows = [...table.querySelectorAll("tr.el-table__row")].map((r) => r.textContent ?? "");
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain("农户");
    expect(rows[0]).toContain("郑爱花");
    expect(rows[0]).toContain("01a20104");
    expect(rows[0]).toContain("属于其他乡镇");
    expect(rows[0]).toContain("作废");
    expect(rows[0]).toContain("改到本乡镇的村");
    expect(rows[1]).toContain("家庭成员");
    expect(rows[1]).toContain("作废它所属的记录");
    // Only the household can be voided from here: the member has no 作废 of its own.
    expect(table.querySelectorAll("[data-testid=sync-refused-void]")).toHaveLength(1);
    expect(document.body.textContent).toContain("两种处理办法");

    $("[data-testid=sync-refused-void]", table).click();
    await flushPromises();
    const dialog = await vi.waitFor(() => $("[data-testid=void-dialog]"));
    expect(dialog.textContent).toContain("作废 · 农户");
    type(input("[data-testid=field-reason]", dialog), "录错乡镇");
    $("[data-testid=confirm-void]").click();
    await flushPromises();
    expect(commandCalls(calls, "void_record")).toEqual([
      { kind: "household", id: household.recordId, reason: "录错乡镇" },
    ]);
    // The page reads the list again: the household is gone.
    await vi.waitFor(() =>
      expect($("[data-testid=sync-refused]").querySelectorAll("tr.el-table__row")).toHaveLength(1),
    );
  });
});
