import { afterEach, describe, expect, it, vi } from "vitest";
import { flushPromises } from "@vue/test-utils";
import { clearMocks } from "@tauri-apps/api/mocks";
import ChecksView from "../src/views/ChecksView.vue";
import CallbacksPanel from "../src/components/checks/CallbacksPanel.vue";
import type { CallbackItem, CallbackSample, IpcError, TownshipSummary } from "../src/bindings";
import { $, commandCalls, input, mountScreen, type } from "./helpers";
import { callRequired, drawsCallbacks, outcomeCounts, outcomesFound } from "../src/forms/callbacks";
import { recordRoute } from "../src/forms/checks";

// 托里县 (654224), not the demo county: two households of 托里镇 drawn, one already called.
const TUOLI = { id: "c", code: "654224", name: "托里县" };
const townships: TownshipSummary[] = [
  { id: "t1", code: "654224100", name: "托里镇", villages: 3, poorVillages: 1, retired: false },
  { id: "t2", code: "654224101", name: "庙尔沟镇", villages: 2, poorVillages: 0, retired: false },
] as unknown as TownshipSummary[];

function item(position: number, extra: Partial<CallbackItem> = {}): CallbackItem {
  return {
    id: `i${position}`,
    position,
    householdId: `h${position}`,
    headName: position === 1 ? "努尔兰" : "古丽",
    village: "萨孜村",
    maskedId: "654224********0012",
    phone: "13899990012",
    outcome: null,
    note: "",
    officer: "",
    callDate: null,
    questions: [{ about: "agreement", text: "是否与托里县牧歌合作社签订带贫协议（编号 TL-2026-01）？" }],
    ...extra,
  };
}

const sample: CallbackSample = {
  id: "s1",
  townshipId: "t1",
  townshipCode: "654224100",
  townshipName: "托里镇",
  seed: "42",
  share: "0.1",
  population: 20,
  drawnDate: "2026-03-02",
  drawnBy: "县办马丽",
  called: 1,
  denied: 0,
  items: [item(1), item(2, { outcome: "confirms", officer: "县办马丽", callDate: "2026-03-03" })],
};

describe("the 回访 tab's logic", () => {
  it("marks the note required only on a denial, the outcome and the officer always", () => {
    expect(callRequired("denies")).toEqual(["outcome", "officer", "note"]);
    expect(callRequired("confirms")).toEqual(["outcome", "officer"]);
    expect(callRequired("")).toEqual(["outcome", "officer"]);
  });

  it("counts a sample's calls by outcome, the ones not called yet apart", () => {
    const denied = { items: [item(1, { outcome: "denies" }), item(2, { outcome: "denies" }), item(3)] };
    expect(outcomeCounts(denied)).toEqual({ reached: 0, confirms: 0, denies: 2, unreachable: 0, pending: 1 });
    expect(outcomesFound(denied)).toEqual([["denies", 2]]);
    expect(outcomesFound({ items: [item(1)] })).toEqual([]);
  });

  it("lets the hub (or a county not set up for sync) draw, never a township laptop", () => {
    expect(drawsCallbacks("county")).toBe(true);
    expect(drawsCallbacks("none")).toBe(true);
    expect(drawsCallbacks("device")).toBe(false);
  });

  it("opens a finding's call-back record on the 回访 tab", () => {
    expect(recordRoute({ kind: "callback_call", id: "i1" })).toBe("/checks?tab=callbacks");
  });
});

function hub(extra: (cmd: string, args: Record<string, unknown>) => unknown = () => undefined) {
  return (cmd: string, args: Record<string, unknown>) => {
    const answer = extra(cmd, args);
    if (answer !== undefined) return answer;
    if (cmd === "list_townships") return townships;
    if (cmd === "callback_samples") return [sample];
    if (cmd === "callback_share") return "0.1";
    throw new Error(`unexpected ${cmd}`);
  };
}

afterEach(() => {
  clearMocks();
  document.body.innerHTML = "";
});

describe("the 回访 tab", () => {
  it("opens from ?tab=callbacks with the samples and the first one's households, questions and outcomes", async () => {
    await mountScreen(ChecksView, hub(), {}, { syncMode: "county", county: TUOLI }, "/checks?tab=callbacks");
    await flushPromises();
    const list = $("[data-testid=callback-samples]").textContent ?? "";
    expect(list).toContain("托里镇");
    expect(list).toContain("2 / 20");
    expect(list).toContain("属实 1");
    const detail = $("[data-testid=callback-detail]").textContent ?? "";
    expect(detail).toContain("努尔兰");
    expect(detail).toContain("654224********0012");
    expect(detail).toContain("13899990012");
    expect(detail).toContain("TL-2026-01");
    expect(detail).toContain("从 20 户中抽取 2 户；随机种子 42");
    expect(detail).toContain("未回访");
    expect(document.querySelector("[data-testid=print-callbacks]")).not.toBeNull();
  });

  it("draws with the county's share and shows each refusal under its field", async () => {
    const refusal: IpcError = {
      code: "SAMPLE_SHARE",
      field: "share",
      message: "抽样比例应在 0 到 1 之间，例如 0.1 表示 10%。",
      errors: [
        { code: "SAMPLE_SHARE", field: "share", message: "抽样比例应在 0 到 1 之间，例如 0.1 表示 10%。" },
        { code: "SAMPLE_SEED", field: "seed", message: "随机种子应为非负整数。" },
      ],
    };
    const { calls } = await mountScreen(
      CallbacksPanel,
      hub((cmd) => (cmd === "draw_callback_sample" ? Promise.reject(refusal) : undefined)),
      {},
      { syncMode: "county", county: TUOLI },
    );
    await flushPromises();
    expect(input("[data-testid=callback-share]").value).toBe("0.1");
    type(input("[data-testid=callback-seed]"), "x");
    await flushPromises();
    $("[data-testid=callback-draw]").click();
    await flushPromises();
    expect(commandCalls(calls, "draw_callback_sample")).toEqual([{ township: "", share: "0.1", seed: "x" }]);
    await vi.waitFor(() => {
      expect($("[data-testid=callback-share] .el-form-item__error").textContent?.trim()).toContain("0 到 1 之间");
      expect($("[data-testid=callback-seed] .el-form-item__error").textContent?.trim()).toBe("随机种子应为非负整数。");
    });
  });

  it("records a call and shows every refusal of the core under its field at once", async () => {
    const refusal: IpcError = {
      code: "CALLBACK_NOTE",
      field: "note",
      message: "农户否认时请在说明里写清否认什么。",
      errors: [
        { code: "CALLBACK_NOTE", field: "note", message: "农户否认时请在说明里写清否认什么。" },
        { code: "CALLBACK_DATE", field: "callDate", message: "回访日期不能晚于今天。" },
      ],
    };
    const { calls } = await mountScreen(
      CallbacksPanel,
      hub((cmd) => (cmd === "record_callback" ? Promise.reject(refusal) : undefined)),
      {},
      { syncMode: "county", county: TUOLI, officer: "县办李芳" },
    );
    await flushPromises();
    $("[data-testid=callback-record]").click();
    await flushPromises();
    expect($("[data-testid=callback-officer]").textContent).toContain("县办李芳");
    $("[data-testid=outcome-denies] input").click();
    await flushPromises();
    // A denial marks the note required before the core is asked.
    expect($("[data-testid=field-note]").classList.contains("is-required")).toBe(true);
    $("[data-testid=callback-save]").click();
    await flushPromises();
    const [sent] = commandCalls(calls, "record_callback");
    expect(sent).toMatchObject({ itemId: "i1", outcome: "denies", note: "" });
    expect(sent.callDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await vi.waitFor(() => {
      expect($("[data-testid=field-note] .el-form-item__error").textContent?.trim()).toBe("农户否认时请在说明里写清否认什么。");
      expect($("[data-testid=field-callDate] .el-form-item__error").textContent?.trim()).toBe("回访日期不能晚于今天。");
    });
  });

  it("on a township laptop lists the samples but neither draws nor records, and says why", async () => {
    const { calls } = await mountScreen(CallbacksPanel, hub(), {}, { syncMode: "device", county: TUOLI });
    await flushPromises();
    expect(document.querySelector("[data-testid=callback-draw]")).toBeNull();
    expect(document.querySelector("[data-testid=callback-record]")).toBeNull();
    expect($("[data-testid=callback-hint]").textContent).toContain("乡镇电脑不能抽样");
    expect(commandCalls(calls, "callback_share")).toEqual([]);
    expect($("[data-testid=callback-detail]").textContent).toContain("努尔兰");
  });
});
