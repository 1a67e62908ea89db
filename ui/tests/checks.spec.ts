import { afterEach, describe, expect, it, vi } from "vitest";
import { flushPromises } from "@vue/test-utils";
import { clearMocks } from "@tauri-apps/api/mocks";
import ChecksView from "../src/views/ChecksView.vue";
import type { FindingCount, FindingView, IpcError } from "../src/bindings";
import { $, commandCalls, mountScreen } from "./helpers";
import {
  checksFound,
  countOf,
  emptyFilters,
  filtersFromQuery,
  findingFilter,
  recordRoute,
  reviewRequired,
  reviewsFor,
  statusCounts,
} from "../src/forms/checks";

const counts: FindingCount[] = [
  { townshipId: "t1", townshipName: "托里镇", check: "F3_TWO_TOWNSHIPS_ONE_DAY", status: "open", count: 2 },
  { townshipId: "t2", townshipName: "庙尔沟镇", check: "F3_TWO_TOWNSHIPS_ONE_DAY", status: "open", count: 1 },
  { townshipId: "t1", townshipName: "托里镇", check: "F5_SHARED_PHONE", status: "explained", count: 3 },
  { townshipId: null, townshipName: null, check: "F5_SHARED_PHONE", status: "dismissed", count: 4 },
];

describe("the 核查 filters", () => {
  it("open from the 首页's link with its township and status, ignoring what they cannot be", () => {
    expect(filtersFromQuery({ status: "open", township: "t1" })).toEqual({ townshipId: "t1", check: null, status: "open" });
    expect(filtersFromQuery({ status: "maybe", township: "" })).toEqual(emptyFilters());
    expect(filtersFromQuery({})).toEqual(emptyFilters());
  });

  it("send nulls for any and the chosen values as the core's filter", () => {
    expect(findingFilter(emptyFilters())).toEqual({ townshipId: null, check: null, status: null });
    expect(findingFilter({ townshipId: "t2", check: "F5_SHARED_PHONE", status: "open" })).toEqual({
      townshipId: "t2",
      check: "F5_SHARED_PHONE",
      status: "open",
    });
  });

  it("count findings under every combination of township, check and status", () => {
    expect(countOf(counts, emptyFilters())).toBe(10);
    expect(countOf(counts, { ...emptyFilters(), townshipId: "t1" })).toBe(5);
    expect(countOf(counts, { ...emptyFilters(), check: "F3_TWO_TOWNSHIPS_ONE_DAY" })).toBe(3);
    expect(countOf(counts, { townshipId: "t1", check: "F5_SHARED_PHONE", status: "open" })).toBe(0);
  });

  it("badge each status with its count under the other filters", () => {
    const badges = statusCounts(counts, { ...emptyFilters(), townshipId: "t1" }, ["open", "explained", "closed"]);
    expect(badges).toEqual([
      { status: "open", count: 2 },
      { status: "explained", count: 3 },
      { status: "closed", count: 0 },
    ]);
  });

  it("offer the checks that have findings, once each, in code order", () => {
    expect(checksFound(counts)).toEqual(["F3_TWO_TOWNSHIPS_ONE_DAY", "F5_SHARED_PHONE"]);
  });
});

describe("the review of a finding", () => {
  it("is offered at the hub while the finding waits for a decision", () => {
    expect(reviewsFor({ status: "open", stored: true }, true)).toEqual(["explain", "confirm", "dismiss"]);
    expect(reviewsFor({ status: "explained", stored: true }, true)).toEqual(["confirm", "dismiss"]);
    expect(reviewsFor({ status: "confirmed", stored: true }, true)).toEqual([]);
    expect(reviewsFor({ status: "closed", stored: true }, true)).toEqual([]);
  });

  it("is never offered on a township laptop or for a finding not stored", () => {
    expect(reviewsFor({ status: "open", stored: true }, false)).toEqual([]);
    expect(reviewsFor({ status: "open", stored: false }, true)).toEqual([]);
  });

  it("marks the note required to explain and dismiss, the officer always", () => {
    expect(reviewRequired("explain")).toEqual(["officer", "note"]);
    expect(reviewRequired("dismiss")).toEqual(["officer", "note"]);
    expect(reviewRequired("confirm")).toEqual(["officer"]);
  });
});

describe("the records a finding names", () => {
  it("open on their own screens, or their list when they have none", () => {
    expect(recordRoute({ kind: "household", id: "h 1" })).toBe("/households/h%201");
    expect(recordRoute({ kind: "training_session", id: "s1" })).toBe("/training/s1");
    expect(recordRoute({ kind: "attendance", id: "a1" })).toBe("/training");
    expect(recordRoute({ kind: "county", id: "c" })).toBeNull();
  });
});

// 托里县 (654224): the same ID signed in at 托里镇 in the morning and 庙尔沟镇 that afternoon.
const TUOLI = { id: "c", code: "654224", name: "托里县" };
const finding: FindingView = {
  id: "f1",
  key: "F3_TWO_TOWNSHIPS_ONE_DAY-abc",
  check: "F3_TWO_TOWNSHIPS_ONE_DAY",
  rule: "F3",
  title: "同一人同一天在两个乡镇签到",
  why: "一个人不可能同一天在两个乡镇参加培训。",
  severity: "high",
  townshipId: "t1",
  townships: [
    { id: "t1", code: "654224100", name: "托里镇" },
    { id: "t2", code: "654224101", name: "庙尔沟镇" },
  ],
  records: [
    { kind: "attendance", id: "a1", label: "努尔兰 · 2026-03-02 上午 · 托里镇电商培训", townshipId: "t1" },
    { kind: "attendance", id: "a2", label: "努尔兰 · 2026-03-02 下午 · 庙尔沟镇电商培训", townshipId: "t2" },
  ],
  compared: [{ label: "身份证号", value: "654224********0019" }],
  threshold: "同一天两个乡镇",
  summary: "努尔兰 2026-03-02 在托里镇、庙尔沟镇签到",
  status: "open",
  note: "",
  attachmentSha256: null,
  decidedBy: "",
  decidedAt: null,
  firstSeen: "2026-03-02T08:00:00Z",
  lastSeen: "2026-03-02T08:00:00Z",
  closedBy: null,
  recoveryId: null,
  stored: true,
};

function hub(extra: (cmd: string, args: Record<string, unknown>) => unknown = () => undefined) {
  return (cmd: string, args: Record<string, unknown>) => {
    const answer = extra(cmd, args);
    if (answer !== undefined) return answer;
    if (cmd === "list_townships") return [];
    if (cmd === "list_findings") return [finding];
    if (cmd === "finding_counts") return counts;
    if (cmd === "findings_form_id") return "all/any";
    if (cmd === "run_checks") return { stored: false, report: { new: 0, stillOpen: 0, closed: 0, total: 1 }, findings: [{ ...finding, stored: false }] };
    throw new Error(`unexpected ${cmd}`);
  };
}

afterEach(() => {
  clearMocks();
  document.body.innerHTML = "";
});

describe("the 核查 screen", () => {
  it("shows a finding's evidence beside the list and every refusal of a review under its field", async () => {
    const refusal: IpcError = {
      code: "FINDING_OFFICER_REQUIRED",
      field: "officer",
      message: "请先填写经办人。",
      errors: [
        { code: "FINDING_OFFICER_REQUIRED", field: "officer", message: "请先填写经办人。" },
        { code: "FINDING_NOTE_REQUIRED", field: "note", message: "说明情况必须写明说明。" },
      ],
    };
    const { calls } = await mountScreen(
      ChecksView,
      hub((cmd) => (cmd === "explain_finding" ? Promise.reject(refusal) : undefined)),
      {},
      { syncMode: "county", county: TUOLI, officer: "" },
    );
    await flushPromises();
    const detail = $("[data-testid=finding-detail]").textContent ?? "";
    expect(detail).toContain("努尔兰 · 2026-03-02 下午 · 庙尔沟镇电商培训");
    expect(detail).toContain("654224********0019");
    expect(detail).toContain("同一天两个乡镇");
    expect(detail).toContain("一个人不可能同一天在两个乡镇参加培训");
    $("[data-testid=review-explain]").click();
    await flushPromises();
    $("[data-testid=review-save]").click();
    await flushPromises();
    expect(commandCalls(calls, "explain_finding")).toEqual([{ id: "f1", note: "", fileName: null, contentBase64: null }]);
    await vi.waitFor(() => {
      expect($("[data-testid=field-officer] .el-form-item__error").textContent?.trim()).toBe("请先填写经办人。");
      expect($("[data-testid=field-note] .el-form-item__error").textContent?.trim()).toBe("说明情况必须写明说明。");
    });
  });

  it("on a township laptop shows its own findings computed there, without the review", async () => {
    const { calls } = await mountScreen(ChecksView, hub(), {}, { syncMode: "device", county: TUOLI });
    await flushPromises();
    expect(commandCalls(calls, "run_checks")).toEqual([{ townshipId: null }]);
    expect(commandCalls(calls, "list_findings")).toEqual([]);
    expect($("[data-testid=finding-summary]").textContent).toContain("努尔兰");
    expect(document.querySelector("[data-testid=review-explain]")).toBeNull();
  });
});
