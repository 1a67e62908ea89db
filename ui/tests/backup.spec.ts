import { afterEach, describe, expect, it, vi } from "vitest";
import { flushPromises } from "@vue/test-utils";
import { clearMocks } from "@tauri-apps/api/mocks";
import BackupCard from "../src/components/BackupCard.vue";
import type { BackupManifest, BackupStatus } from "../src/bindings";
import { backupStatus, dismissReminderForToday, reminderDismissedToday } from "../src/api/backup";
import { $, commandCalls, input, mountScreen, type } from "./helpers";

const manifest: BackupManifest = {
  format: 1,
  appVersion: "0.1.0",
  createdAt: "2026-12-07T06:30:00Z",
  databaseId: "4f1c2a9e77aa4b0c9d0e1f2a3b4c5d6e",
  county: { code: "654224", name: "托里县" },
  demo: false,
  schemaVersion: 30,
  encrypted: false,
  databaseBytes: 409600,
  databaseSha256: "ab".repeat(32),
  logHead: { seq: 212, hash: "cd".repeat(32) },
  tables: { household: 40, township: 2, change_log: 212 },
};
const never: BackupStatus = { last: null, reminderDue: true };
const done: BackupStatus = { last: { at: "2026-12-07T06:30:00Z", file: "/home/gul/台账备份-托里县.zip" }, reminderDue: false };

afterEach(() => {
  clearMocks();
  vi.restoreAllMocks();
  backupStatus.value = null;
  localStorage.clear();
  document.body.innerHTML = "";
});

describe("Backup card", () => {
  it("backs up now and then shows when and where, warning that a plain backup is plain", async () => {
    let status = never;
    const { calls } = await mountScreen(BackupCard, (cmd) => {
      if (cmd === "backup_status") return status;
      if (cmd === "backup_now") {
        status = done;
        return { file: done.last!.file, bytes: 12345, manifest };
      }
      return null;
    });
    await flushPromises();
    expect($("[data-testid=backup-last]").textContent).toContain("从未备份");
    $("[data-testid=backup-now]").click();
    await flushPromises();
    expect(commandCalls(calls, "backup_now")).toHaveLength(1);
    expect($("[data-testid=backup-last]").textContent).toContain("2026年12月7日");
    expect($("[data-testid=backup-last-file]").textContent).toContain("台账备份-托里县.zip");
    expect($("[data-testid=backup-plain]").textContent).toContain("未加密");
    expect(backupStatus.value?.reminderDue).toBe(false);
  });

  it("restores only after the core verified the file, showing its manifest first", async () => {
    const { calls } = await mountScreen(
      BackupCard,
      (cmd) => {
        if (cmd === "backup_status") return done;
        if (cmd === "pick_backup_file") return "/media/usb/台账备份-托里县.zip";
        if (cmd === "verify_backup_file") return { file: "/media/usb/台账备份-托里县.zip", manifest };
        if (cmd === "restore_from_backup")
          return { path: "/home/gul/fieldbook.db", manifest, replaced: "/home/gul/fieldbook-恢复前-20261207-1430.db" };
        if (cmd === "app_info") return { dbPath: "/home/gul/fieldbook.db", county: manifest.county };
        return null;
      },
      {},
      { county: { id: "c", code: "654224", name: "托里县" }, isDemo: false },
    );
    await flushPromises();
    expect(document.querySelector("[data-testid=backup-open-restored]")).toBeNull();
    $("[data-testid=backup-restore]").click();
    await flushPromises();
    expect(commandCalls(calls, "verify_backup_file")).toEqual([{ file: "/media/usb/台账备份-托里县.zip", passphrase: null }]);
    expect(commandCalls(calls, "restore_from_backup")).toHaveLength(0);
    const verified = $("[data-testid=backup-verified]").textContent ?? "";
    expect(verified).toContain("托里县（654224）");
    expect(verified).toContain("4f1c2a9e");
    expect(verified).toContain("212 条");
    expect($("[data-testid=backup-households]").textContent).toBe("40");
    $("[data-testid=backup-open-restored]").click();
    await flushPromises();
    expect(commandCalls(calls, "restore_from_backup")).toEqual([{ file: "/media/usb/台账备份-托里县.zip", passphrase: null }]);
    expect(commandCalls(calls, "app_info")).toHaveLength(1);
    expect(document.body.textContent).toContain("原台账已改名保留：/home/gul/fieldbook-恢复前-20261207-1430.db");
    expect(document.querySelector("[data-testid=backup-verified]")).toBeNull();
  });

  it("asks for the passphrase a backup was made under when the register's does not open it", async () => {
    const file = "/media/usb/旧口令的备份.zip";
    const { calls } = await mountScreen(BackupCard, (cmd, args) => {
      if (cmd === "backup_status") return done;
      if (cmd === "pick_backup_file") return file;
      if (cmd === "verify_backup_file") {
        if (args.passphrase === "旧口令 2026 年") return { file, manifest: { ...manifest, encrypted: true } };
        throw { code: "STORE_PASSPHRASE_WRONG", message: "口令不对，无法打开备份中的台账。" };
      }
      if (cmd === "restore_from_backup") return { path: "/home/gul/fieldbook.db", manifest, replaced: "/home/gul/x.db" };
      if (cmd === "app_info") return { dbPath: "/home/gul/fieldbook.db", county: manifest.county };
      return null;
    });
    await flushPromises();
    expect(document.querySelector("[data-testid=backup-passphrase]")).toBeNull();
    $("[data-testid=backup-restore]").click();
    await flushPromises();
    expect(document.body.textContent).toContain("口令不对");
    expect(document.querySelector("[data-testid=backup-open-restored]")).toBeNull();
    type(input("[data-testid=backup-passphrase]"), "旧口令 2026 年");
    $("[data-testid=backup-passphrase-verify]").click();
    await flushPromises();
    expect(commandCalls(calls, "verify_backup_file")).toEqual([
      { file, passphrase: null },
      { file, passphrase: "旧口令 2026 年" },
    ]);
    expect(document.querySelector("[data-testid=backup-passphrase]")).toBeNull();
    $("[data-testid=backup-open-restored]").click();
    await flushPromises();
    expect(commandCalls(calls, "restore_from_backup")).toEqual([{ file, passphrase: "旧口令 2026 年" }]);
  });

  it("shows the core's refusal of a damaged backup and offers nothing to open", async () => {
    const { calls } = await mountScreen(BackupCard, (cmd) => {
      if (cmd === "backup_status") return done;
      if (cmd === "pick_backup_file") return "/media/usb/坏的.zip";
      if (cmd === "verify_backup_file")
        throw { code: "BACKUP_HASH_MISMATCH", message: "备份文件 “/media/usb/坏的.zip” 中的数据库与清单记录的校验值不符" };
      return null;
    });
    await flushPromises();
    $("[data-testid=backup-restore]").click();
    await flushPromises();
    expect(document.body.textContent).toContain("校验值不符");
    expect(document.querySelector("[data-testid=backup-open-restored]")).toBeNull();
    expect(commandCalls(calls, "restore_from_backup")).toHaveLength(0);
  });

  it("a cancelled dialog changes nothing", async () => {
    const { calls } = await mountScreen(BackupCard, (cmd) => (cmd === "backup_status" ? never : null));
    await flushPromises();
    $("[data-testid=backup-now]").click();
    $("[data-testid=backup-restore]").click();
    await flushPromises();
    expect(commandCalls(calls, "verify_backup_file")).toHaveLength(0);
    expect($("[data-testid=backup-last]").textContent).toContain("从未备份");
  });
});

describe("Backup reminder", () => {
  it("is closed for the day only", () => {
    expect(reminderDismissedToday("2026-12-07")).toBe(false);
    dismissReminderForToday("2026-12-07");
    expect(reminderDismissedToday("2026-12-07")).toBe(true);
    expect(reminderDismissedToday("2026-12-08")).toBe(false);
  });
});
