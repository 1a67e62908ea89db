import { afterEach, describe, expect, it, vi } from "vitest";
import { flushPromises } from "@vue/test-utils";
import { clearMocks } from "@tauri-apps/api/mocks";
import App from "../src/App.vue";
import EncryptionCard from "../src/components/encryption/EncryptionCard.vue";
import type { AppInfo, IpcError } from "../src/bindings";
import { $, commandCalls, input, mountScreen, type } from "./helpers";

const path = "/home/officer/.local/share/fieldbook/fieldbook.db";
const plain: AppInfo = {
  appVersion: "0.1.0",
  dbPath: path,
  schemaVersion: 25,
  county: { id: "c", code: "622927", name: "积石山县" },
  officer: "马强",
  officerSet: true,
  startupError: null,
  isDemo: false,
  syncMode: "county",
  ownDbPath: path,
  access: "open",
  encrypted: false,
  idleLockSeconds: 0,
};
const encrypted: AppInfo = { ...plain, encrypted: true, idleLockSeconds: 900 };
const good = "积石山县台账二〇二六";
const better = "积石山县新口令二〇二七";

function refusal(problems: [IpcError["code"], string, string][]): IpcError {
  const [code, field, message] = problems[0];
  return { code, field, message, errors: problems.map(([c, f, m]) => ({ code: c, field: f, message: m })) };
}
const weak = refusal([
  ["STORE_PASSPHRASE_WEAK", "passphrase", "口令太短：至少要 8 个字符。"],
  ["STORE_PASSPHRASE_MISMATCH", "passphraseAgain", "两次输入的口令不一样。请再输入一遍同样的口令。"],
]);
const wrongAndWeak = refusal([
  ["STORE_PASSPHRASE_WRONG", "current", "当前口令不对。请输入打开本台账时用的口令。"],
  ["STORE_PASSPHRASE_WEAK", "passphrase", "口令太短：至少要 8 个字符。"],
]);

/** The register behind the card: `encrypt_database` and `change_passphrase` judged as the core does. */
function backend(state: { info: AppInfo }) {
  return (cmd: string, args: Record<string, unknown>) => {
    if (cmd === "app_info") return state.info;
    if (cmd === "encrypt_database") {
      if (args.passphrase !== good || args.passphraseAgain !== good) throw weak;
      state.info = encrypted;
      return encrypted;
    }
    if (cmd === "change_passphrase") {
      if (args.current !== good) throw wrongAndWeak;
      return encrypted;
    }
    if (cmd === "sync_status") return { mode: "county", pending: {}, openConflicts: 0 };
    return [];
  };
}

async function errorUnder(testid: string) {
  let text = "";
  await vi.waitFor(() => {
    text = $(`[data-testid=${testid}] .el-form-item__error`).textContent ?? "";
  });
  return text;
}

function saveButton(testid: string) {
  return $(`[data-testid=${testid}]`) as HTMLButtonElement;
}

const mounted: { unmount: () => void }[] = [];
afterEach(() => {
  mounted.splice(0).forEach((wrapper) => wrapper.unmount());
  clearMocks();
  vi.restoreAllMocks();
  document.body.innerHTML = "";
});

describe("台账加密 card", { timeout: 30_000 }, () => {
  it("encrypts a plain register with the passphrase typed twice, the core's refusals under the fields", async () => {
    const state = { info: plain };
    const { wrapper, calls } = await mountScreen(EncryptionCard, backend(state), {}, plain);
    mounted.push(wrapper);
    expect($("[data-testid=encryption-status]").textContent).toContain("未加密");
    expect(document.querySelector("[data-testid=encryption-change]")).toBeNull();
    $("[data-testid=encryption-encrypt]").click();
    await flushPromises();

    const dialog = $("[data-testid=encrypt-dialog]");
    expect(dialog.textContent).toContain("忘记口令");
    expect((input("[data-testid=encrypt-remove-copies]") as HTMLInputElement).checked).toBe(true);
    expect(dialog.textContent).toContain("同样的身份证号");
    expect(saveButton("encrypt-save").disabled).toBe(true);

    type(input("[data-testid=encrypt-passphrase]"), "1234");
    type(input("[data-testid=encrypt-passphrase-again]"), "1235");
    $("[data-testid=passphrase-understood] input").click();
    await flushPromises();
    expect(saveButton("encrypt-save").disabled).toBe(false);
    saveButton("encrypt-save").click();
    await flushPromises();
    expect(await errorUnder("field-passphrase")).toContain("至少要 8 个字符");
    expect(await errorUnder("field-passphraseAgain")).toContain("两次输入的口令不一样");
    expect($("[data-testid=encryption-status]").textContent).toContain("未加密");

    type(input("[data-testid=encrypt-passphrase]"), good);
    type(input("[data-testid=encrypt-passphrase-again]"), good);
    saveButton("encrypt-save").click();
    await flushPromises();
    expect(commandCalls(calls, "encrypt_database")).toEqual([
      { passphrase: "1234", passphraseAgain: "1235", removePlainCopies: true },
      { passphrase: good, passphraseAgain: good, removePlainCopies: true },
    ]);
    await vi.waitFor(() => expect($("[data-testid=encryption-status]").textContent).toContain("已加密"));
    expect(document.querySelector("[data-testid=encryption-change]")).not.toBeNull();
  });

  it("changes the passphrase: a wrong current one and a weak new one both refused at once", async () => {
    const { wrapper, calls } = await mountScreen(EncryptionCard, backend({ info: encrypted }), {}, encrypted);
    mounted.push(wrapper);
    expect($("[data-testid=encryption-status]").textContent).toContain("已加密");
    expect(document.querySelector("[data-testid=encryption-encrypt]")).toBeNull();
    $("[data-testid=encryption-change]").click();
    await flushPromises();

    type(input("[data-testid=change-current]"), "积石山县台账二〇二五");
    type(input("[data-testid=change-passphrase]"), "abc");
    type(input("[data-testid=change-passphrase-again]"), "abc");
    saveButton("change-passphrase-save").click();
    await flushPromises();
    expect(await errorUnder("field-current")).toContain("当前口令不对");
    expect(await errorUnder("field-passphrase")).toContain("至少要 8 个字符");
    expect(input("[data-testid=change-current]").value).toBe("");

    type(input("[data-testid=change-current]"), good);
    type(input("[data-testid=change-passphrase]"), better);
    type(input("[data-testid=change-passphrase-again]"), better);
    saveButton("change-passphrase-save").click();
    await flushPromises();
    expect(commandCalls(calls, "change_passphrase")).toEqual([
      { current: "积石山县台账二〇二五", passphrase: "abc", passphraseAgain: "abc" },
      { current: good, passphrase: better, passphraseAgain: better },
    ]);
    await vi.waitFor(() => expect(document.querySelector("[data-testid=change-passphrase-dialog] input")).toBeNull());
  });

  it("is not shown on the demo", async () => {
    const demo = { ...plain, isDemo: true };
    const { wrapper } = await mountScreen(EncryptionCard, backend({ info: demo }), {}, demo);
    mounted.push(wrapper);
    expect(document.querySelector("[data-testid=encryption-card]")).toBeNull();
  });

  it("立即加密 on the banner opens the same dialog, and the banner goes once encrypted", async () => {
    const state = { info: plain };
    const { wrapper, calls } = await mountScreen(App, backend(state));
    mounted.push(wrapper);
    await flushPromises();
    $("[data-testid=not-encrypted-banner] [data-testid=encrypt-now]").click();
    await flushPromises();
    type(input("[data-testid=encrypt-passphrase]"), good);
    type(input("[data-testid=encrypt-passphrase-again]"), good);
    $("[data-testid=encrypt-remove-copies] input").click();
    $("[data-testid=passphrase-understood] input").click();
    await flushPromises();
    saveButton("encrypt-save").click();
    await flushPromises();
    expect(commandCalls(calls, "encrypt_database")).toEqual([
      { passphrase: good, passphraseAgain: good, removePlainCopies: false },
    ]);
    await vi.waitFor(() => expect(document.querySelector("[data-testid=not-encrypted-banner]")).toBeNull());
  });
});
