import { afterEach, describe, expect, it, vi } from "vitest";
import { flushPromises } from "@vue/test-utils";
import { clearMocks } from "@tauri-apps/api/mocks";
import App from "../src/App.vue";
import UnlockView from "../src/views/UnlockView.vue";
import FirstRunView from "../src/views/FirstRunView.vue";
import type { AppInfo, IpcError } from "../src/bindings";
import { $, commandCalls, input, mountScreen, type } from "./helpers";

const path = "/home/officer/.local/share/fieldbook/fieldbook.db";
const wrong: IpcError = {
  code: "STORE_PASSPHRASE_WRONG",
  message: "口令不对，台账没有打开。请检查大小写和输入法后重新输入。",
  field: "passphrase",
};
const locked: AppInfo = {
  appVersion: "0.1.0",
  dbPath: path,
  schemaVersion: 0,
  county: null,
  officer: "",
  officerSet: false,
  startupError: null,
  isDemo: false,
  syncMode: "none",
  ownDbPath: path,
  access: "locked",
  encrypted: true,
  idleLockSeconds: 0,
};
const open: AppInfo = {
  ...locked,
  schemaVersion: 25,
  county: { id: "c", code: "654224", name: "托里县" },
  officer: "马强",
  officerSet: true,
  syncMode: "device",
  access: "open",
  idleLockSeconds: 60,
};

/** Apps mounted by a test: unmounted after it, so no idle clock of one test runs into the next. */
const mounted: { unmount: () => void }[] = [];
async function mountApp(state: { info: AppInfo }) {
  const screen = await mountScreen(App, backend(state));
  mounted.push(screen.wrapper);
  return screen;
}

/** The core's message under a form field, once the form has drawn it. */
async function errorUnder(testid: string) {
  let text = "";
  await vi.waitFor(() => {
    text = $(`[data-testid=${testid}] .el-form-item__error`).textContent ?? "";
  });
  return text;
}

afterEach(() => {
  mounted.splice(0).forEach((wrapper) => wrapper.unmount());
  clearMocks();
  vi.useRealTimers();
  vi.restoreAllMocks();
  document.body.innerHTML = "";
});

/** The answers of a register behind the unlock screen: empty lists, and `unlock` by passphrase. */
function backend(state: { info: AppInfo }) {
  return (cmd: string, args: Record<string, unknown>) => {
    if (cmd === "app_info") return state.info;
    if (cmd === "unlock") {
      if (args.passphrase !== "托里镇台账二〇二六") throw wrong;
      state.info = open;
      return open;
    }
    if (cmd === "lock") {
      state.info = locked;
      return locked;
    }
    if (cmd === "sync_status") return { mode: "device", pending: {}, openConflicts: 0 };
    return [];
  };
}

// The whole shell mounts in these tests; on a loaded machine that takes seconds.
describe("Unlock screen", { timeout: 30_000 }, () => {
  it("says a wrong passphrase under the field, clears it, and opens with the right one", async () => {
    const { wrapper, calls } = await mountScreen(UnlockView, backend({ info: locked }), { dbPath: path });
    expect($("[data-testid=unlock]").textContent).toContain("Fieldbook");
    expect($("[data-testid=unlock-path]").textContent).toContain(path);

    type(input("[data-testid=unlock-passphrase]"), "托里镇台账");
    $("[data-testid=unlock-open]").click();
    await flushPromises();
    expect(await errorUnder("field-passphrase")).toContain("口令不对");
    expect(input("[data-testid=unlock-passphrase]").value).toBe("");
    expect(wrapper.emitted("unlocked")).toBeUndefined();

    type(input("[data-testid=unlock-passphrase]"), "托里镇台账二〇二六");
    $("[data-testid=unlock-open]").click();
    await flushPromises();
    expect(commandCalls(calls, "unlock")).toEqual([{ passphrase: "托里镇台账" }, { passphrase: "托里镇台账二〇二六" }]);
    expect(wrapper.emitted("unlocked")).toEqual([[open]]);
  });

  it("covers the whole app while locked: no menu, no county, nothing of the register", async () => {
    const state = { info: locked };
    const { calls } = await mountApp(state);
    await flushPromises();
    expect(document.querySelector("[data-testid=unlock]")).not.toBeNull();
    expect(document.querySelector("[data-testid=nav]")).toBeNull();
    expect(document.querySelector("[data-testid=first-run]")).toBeNull();
    expect(document.querySelector("[data-testid=officer]")).toBeNull();
    // Only the shell's own question went to the backend before the passphrase.
    expect(calls.map(([cmd]) => cmd)).toEqual(["app_info"]);

    type(input("[data-testid=unlock-passphrase]"), "托里镇台账二〇二六");
    $("[data-testid=unlock-open]").click();
    await flushPromises();
    expect(document.querySelector("[data-testid=unlock]")).toBeNull();
    expect(document.querySelector("[data-testid=nav]")).not.toBeNull();
    expect($("[data-testid=county]").textContent).toContain("托里县");
  });

  it("locks after the county's idle time without input, and input starts the count again", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const state = { info: open };
    const { calls, router } = await mountApp(state);
    await router.push("/operators");
    await flushPromises();
    expect(document.querySelector("[data-testid=nav]")).not.toBeNull();

    vi.advanceTimersByTime(59_000);
    window.dispatchEvent(new KeyboardEvent("keydown", { key: "a" }));
    vi.advanceTimersByTime(59_000);
    await flushPromises();
    expect(commandCalls(calls, "lock")).toHaveLength(0);

    vi.advanceTimersByTime(1_500);
    await flushPromises();
    expect(commandCalls(calls, "lock")).toHaveLength(1);
    expect(document.querySelector("[data-testid=nav]")).toBeNull();
    expect($("[data-testid=unlock]").textContent).toContain("无人操作");

    type(input("[data-testid=unlock-passphrase]"), "托里镇台账二〇二六");
    $("[data-testid=unlock-open]").click();
    await flushPromises();
    expect(router.currentRoute.value.path).toBe("/operators");
    expect(document.querySelector("[data-testid=nav]")).not.toBeNull();
  });

  it("never locks a plain register", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    const state = { info: { ...open, encrypted: false, idleLockSeconds: 0 } };
    const { calls } = await mountApp(state);
    await flushPromises();
    vi.advanceTimersByTime(3_600_000);
    await flushPromises();
    expect(commandCalls(calls, "lock")).toHaveLength(0);
    expect($("[data-testid=not-encrypted-banner]").textContent).toContain("台账未加密");
  });
});

describe("First run with a passphrase", () => {
  it("says what a forgotten passphrase costs before the database is created, and shows the core's refusals under the fields", async () => {
    const missing: AppInfo = { ...locked, access: "missing", encrypted: false };
    const refused: IpcError = {
      code: "STORE_PASSPHRASE_WEAK",
      message: "口令只有 3 个字符。请设置至少 8 个字符、不易猜到的口令（可以用汉字、字母、数字和空格）。",
      field: "passphrase",
      errors: [
        { code: "STORE_PASSPHRASE_WEAK", field: "passphrase", message: "口令只有 3 个字符。请设置至少 8 个字符、不易猜到的口令（可以用汉字、字母、数字和空格）。" },
        { code: "STORE_PASSPHRASE_MISMATCH", field: "passphraseAgain", message: "两次输入的口令不一样。请再输入一遍同样的口令。" },
      ],
    };
    const { calls } = await mountScreen(
      FirstRunView,
      (cmd, args) => {
        if (cmd === "create_database") {
          if (args.passphrase !== args.passphraseAgain) throw refused;
          return { ...missing, access: "open", encrypted: true };
        }
        if (cmd === "set_officer") return args.name;
        return [];
      },
      {},
      missing,
    );
    $("[data-testid=role-county] input").click();
    await flushPromises();
    const cost = $("[data-testid=passphrase-cost]").textContent ?? "";
    expect(cost).toContain("无法恢复");
    expect(cost).toContain("重新向县电商中心登记");
    expect(cost).toContain("还没有同步给县里的记录会丢失");
    const next = $("[data-testid=first-run-next]") as HTMLButtonElement;
    expect(next.disabled).toBe(true);
    $("[data-testid=passphrase-understood] input").click();
    await flushPromises();
    expect(next.disabled).toBe(false);

    type(input("[data-testid=first-run-officer]"), "阿依古丽");
    type(input("[data-testid=first-run-passphrase]"), "abc");
    type(input("[data-testid=first-run-passphrase-again]"), "abd");
    next.click();
    await flushPromises();
    expect(await errorUnder("field-passphrase")).toContain("至少 8 个字符");
    expect(await errorUnder("field-passphraseAgain")).toContain("不一样");
    expect(commandCalls(calls, "set_officer")).toHaveLength(0);

    type(input("[data-testid=first-run-passphrase]"), "托里县台账二〇二六");
    type(input("[data-testid=first-run-passphrase-again]"), "托里县台账二〇二六");
    next.click();
    await flushPromises();
    const creates = commandCalls(calls, "create_database");
    expect(creates[creates.length - 1]).toEqual({
      passphrase: "托里县台账二〇二六",
      passphraseAgain: "托里县台账二〇二六",
    });
    expect(commandCalls(calls, "set_officer")).toEqual([{ name: "阿依古丽" }]);
  });
});
