import { afterEach, describe, expect, it, vi } from "vitest";
import { flushPromises } from "@vue/test-utils";
import { clearMocks } from "@tauri-apps/api/mocks";
import FundsView from "../src/views/FundsView.vue";
import type { Application, Award, AwardClass, FundStatus, GateVerdict, IpcError, MoneyLine, ProgrammeSummary, TrancheState } from "../src/bindings";
import {
  applicationStanding,
  classBounds,
  gateProblemsOf,
  localToday,
  otherProblemsOf,
  prefilledAmount,
  recoveriesOf,
  trancheStanding,
} from "../src/format/funds";
import { $, commandCalls, input, mountScreen, type } from "./helpers";

// A second county (霍邱县): a service-station programme paid 90 % on contract, 10 % 尾款 after
// acceptance.
const HUOQIU = { id: "c", code: "341522", name: "霍邱县" };

const summary: ProgrammeSummary = {
  id: "p1",
  name: "霍邱县2020年村级电商服务站点建设",
  year: 2020,
  kind: "service_station",
  subject: "operator",
  kindLabel: "村级服务站点",
  tranches: "90% / 10%",
  rule: "每个站点 2,000 元",
};

function line(key: string, label: string, extra: Partial<MoneyLine> = {}): MoneyLine {
  return {
    key,
    label,
    budget: null,
    awards: 1,
    awarded: "2000.00",
    paid: "1800.00",
    recovered: "0.00",
    remaining: null,
    toPay: "200.00",
    toRecover: "0.00",
    ...extra,
  };
}

const status: FundStatus = {
  programmeId: "p1",
  programmeName: summary.name,
  year: 2020,
  total: line("p1", summary.name, { budget: "1500.00", remaining: "-500.00" }),
  byTownship: [line("341522100", "城关镇")],
  byClass: [],
  warnings: [{ code: "FUND_OVER_BUDGET", field: "amount", message: "已确定 2,000.00 元，超过预算 1,500.00 元。" }],
};

const NOTICE_RUNNING = "验收结果公示“2020年站点验收结果公示”至 2020年12月11日 结束，公示期内不能拨付尾款。";
const NOT_LOCKED = "验收记录尚未锁定。请县里锁定验收记录后再拨付。";

function tranche(n: number, extra: Partial<TrancheState> = {}): TrancheState {
  return {
    tranche: n,
    label: n === 1 ? "签订合同后拨付" : "验收合格后拨付尾款",
    percent: n === 1 ? "90" : "10",
    onAcceptance: n === 2,
    amount: n === 1 ? "1800.00" : "200.00",
    paid: "0.00",
    paidDate: null,
    voucherNo: "",
    unmet: [],
    overrideNote: null,
    ...extra,
  };
}

const award: Award = {
  id: "a1",
  programmeId: "p1",
  programmeName: summary.name,
  operatorId: "o1",
  operatorName: "城关镇东湖村电商服务站",
  place: "城关镇东湖村",
  townshipId: "t1",
  townshipName: "城关镇",
  applicationId: "ap1",
  classKey: "station",
  classLabel: "服务站点",
  amount: "2000.00",
  investment: null,
  decidedDate: "2020-05-10",
  decidedBy: "李明",
  targets: [],
  deadline: null,
  contractNo: "HQ-2020-001",
  contractDate: "2020-05-20",
  contractSha256: null,
  tranches: [
    tranche(1, { paid: "1800.00", paidDate: "2020-06-01", voucherNo: "记-031" }),
    tranche(2, {
      unmet: [
        { code: "FUND_GATE_NOTICE_RUNNING", message: NOTICE_RUNNING },
        { code: "FUND_GATE_NOT_LOCKED", message: NOT_LOCKED },
      ],
    }),
  ],
  disbursements: [],
  paid: "1800.00",
  recovered: "0.00",
  recoveries: [],
  notes: "",
  status: "active",
};

const blocked: GateVerdict = {
  awardId: "a1",
  operatorName: award.operatorName,
  tranche: 2,
  trancheLabel: "验收合格后拨付尾款",
  amount: "200.00",
  mayPay: false,
  unmet: award.tranches[1].unmet,
  overrideId: null,
};

function refusal(): IpcError {
  const errors = blocked.unmet.map((p) => ({ ...p, field: "tranche" }));
  return { ...errors[0], errors };
}

function handler(extra: (cmd: string, args: Record<string, unknown>) => unknown = () => undefined) {
  return (cmd: string, args: Record<string, unknown>) => {
    const answer = extra(cmd, args);
    if (answer !== undefined) return answer;
    if (cmd === "list_programmes") return [summary];
    if (cmd === "fund_status") return status;
    if (cmd === "fund_awards") return [award];
    if (cmd === "fund_gates") return [blocked];
    if (cmd === "fund_applications") return [];
    if (cmd === "fund_bans") return [];
    throw new Error(`unexpected ${cmd}`);
  };
}

afterEach(() => {
  clearMocks();
  document.body.innerHTML = "";
});

describe("fund display helpers", () => {
  it("pick the gate's conditions out of a refusal, in the core's order, and leave the rest", () => {
    const refused: IpcError = {
      code: "FUND_GATE_NOTICE_RUNNING",
      message: NOTICE_RUNNING,
      field: "tranche",
      errors: [
        { code: "FUND_GATE_NOTICE_RUNNING", field: "tranche", message: NOTICE_RUNNING },
        { code: "DATE_INVALID", field: "paidDate", message: "日期格式不对" },
        { code: "FUND_GATE_NOT_LOCKED", field: "tranche", message: NOT_LOCKED },
      ],
    };
    expect(gateProblemsOf(refused).map((p) => p.code)).toEqual(["FUND_GATE_NOTICE_RUNNING", "FUND_GATE_NOT_LOCKED"]);
    expect(otherProblemsOf(refused)).toEqual(["日期格式不对"]);
    // A refusal with no list is its one problem.
    expect(gateProblemsOf({ code: "FUND_DEVICE", message: "本机不能拨付" })).toEqual([]);
    expect(gateProblemsOf({ code: "FUND_GATE_NO_CONTRACT", message: "合同尚未签订" })).toEqual([
      { code: "FUND_GATE_NO_CONTRACT", message: "合同尚未签订" },
    ]);
  });

  it("say where a tranche and an application stand from what the core sent", () => {
    expect(trancheStanding(award.tranches[0])).toBe("paid");
    expect(trancheStanding(award.tranches[1])).toBe("blocked");
    expect(trancheStanding(tranche(2))).toBe("payable");
    // Reversed: the date stays, the money does not.
    expect(trancheStanding(tranche(1, { paidDate: "2020-06-01" }))).toBe("payable");

    const app = { reviews: [], decision: null, awardId: null } as unknown as Application;
    expect(applicationStanding(app)).toBe("applied");
    expect(applicationStanding({ ...app, reviews: [{}] } as unknown as Application)).toBe("reviewing");
    expect(applicationStanding({ ...app, decision: "rejected" })).toBe("rejected");
    expect(applicationStanding({ ...app, decision: "approved" })).toBe("approved");
    expect(applicationStanding({ ...app, decision: "approved", awardId: "a1" })).toBe("awarded");
  });

  it("prefill only a fixed standard and word each class's bounds", () => {
    const fixed: AwardClass = { key: "station", label: "服务站点", min: "2000.00", max: "2000.00", investmentShare: null, fixed: true };
    const range: AwardClass = { key: "shop", label: "网店", min: "10000.00", max: "30000.00", investmentShare: null, fixed: false };
    const share: AwardClass = { key: "logistics", label: "物流", min: "0.01", max: "3000000.00", investmentShare: "40", fixed: false };
    expect(prefilledAmount(fixed)).toBe("2000.00");
    expect(prefilledAmount(range)).toBe("");
    expect(prefilledAmount(undefined)).toBe("");
    expect(classBounds(fixed)).toBe("2000.00");
    expect(classBounds(range)).toBe("10000.00–30000.00");
    expect(classBounds(share)).toBe("0.01–3000000.00，≤ 40%");
  });

  it("start a form on today's date", () => {
    expect(localToday(new Date(2020, 0, 5))).toBe("2020-01-05");
  });

  it("list every award's recovery orders, newest first", () => {
    const r = (id: string, decidedDate: string) => ({ id, decidedDate }) as unknown as Award["recoveries"][number];
    const list = recoveriesOf([
      { ...award, recoveries: [r("r1", "2020-03-01")] },
      { ...award, id: "a2", recoveries: [r("r2", "2020-09-01"), r("r3", "2020-01-01")] },
    ]);
    expect(list.map((x) => x.id)).toEqual(["r2", "r1", "r3"]);
  });
});

describe("Funds screen", () => {
  it("shows the programme's money, its warnings and each award's gate", async () => {
    await mountScreen(FundsView, handler(), {}, { syncMode: "county", county: HUOQIU });
    await flushPromises();
    await vi.waitFor(() => expect($("[data-testid=fund-total-budget]").textContent).toContain("1,500.00"));
    expect($("[data-testid=fund-total-awarded]").textContent).toContain("2,000.00");
    expect($("[data-testid=fund-total-paid]").textContent).toContain("1,800.00");
    expect($("[data-testid=fund-total-remaining]").textContent).toContain("-500.00");
    expect($("[data-testid=fund-warning-FUND_OVER_BUDGET]").textContent).toContain("超过预算");
    expect($("[data-testid=fund-by-township]").textContent).toContain("城关镇");
    const awards = $("[data-testid=fund-awards]");
    expect(awards.textContent).toContain("城关镇东湖村电商服务站");
    expect(awards.textContent).toContain("验收合格后拨付尾款 200.00");
    expect($("[data-testid=gate-blocked]").textContent).toContain("不可拨付（2）");
    expect($("[data-testid=print-disbursements]").textContent).toContain("资金拨付明细表");
    expect($("[data-testid=print-fund-status]").textContent).toContain("资金使用情况表");
  });

  it("lists every unmet condition when the core refuses a payment, and pays once overridden", async () => {
    let overridden = false;
    const { calls } = await mountScreen(
      FundsView,
      handler((cmd) => {
        if (cmd === "fund_pay") {
          if (!overridden) return Promise.reject(refusal());
          return { record: { id: "d2", amount: "200.00" }, warnings: [] };
        }
        if (cmd === "fund_override") {
          overridden = true;
          return { id: "ov1", awardId: "a1", tranche: 2, reason: "", officer: "王芳", date: "2020-12-20", waived: [] };
        }
        return undefined;
      }),
      {},
      { syncMode: "county", county: HUOQIU },
    );
    await flushPromises();
    (await vi.waitFor(() => $("[data-testid=award-pay]"))).click();
    await flushPromises();
    const dialog = await vi.waitFor(() => $("[data-testid=pay-dialog]"));
    expect(input("[data-testid=pay-amount]", dialog).value).toBe("200.00");
    type($("[data-testid=field-voucherNo] input", dialog) as HTMLInputElement, "记-077");
    type($("[data-testid=field-payer] input", dialog) as HTMLInputElement, "霍邱县财政局");
    $("[data-testid=pay-save]").click();
    await flushPromises();

    const refused = await vi.waitFor(() => $("[data-testid=pay-refused]"));
    expect(refused.textContent).toContain("不能拨付");
    expect($("[data-testid=unmet-FUND_GATE_NOTICE_RUNNING]", refused).textContent).toBe(NOTICE_RUNNING);
    expect($("[data-testid=unmet-FUND_GATE_NOT_LOCKED]", refused).textContent).toBe(NOT_LOCKED);
    // The conditions are listed once, not again under the tranche field.
    expect($("[data-testid=field-tranche]").textContent).not.toContain(NOT_LOCKED);
    const first = commandCalls(calls, "fund_pay")[0].input as Record<string, unknown>;
    expect(first).toMatchObject({ awardId: "a1", tranche: 2, voucherNo: "记-077", payer: "霍邱县财政局", overrideId: null });

    $("[data-testid=pay-override]").click();
    await flushPromises();
    const override = await vi.waitFor(() => $("[data-testid=override-dialog]"));
    type($("[data-testid=field-reason] textarea", override) as HTMLTextAreaElement, "防汛救灾，县政府同意先行拨付");
    $("[data-testid=override-save]").click();
    await flushPromises();
    await vi.waitFor(() => expect(commandCalls(calls, "fund_pay")).toHaveLength(2));
    expect(commandCalls(calls, "fund_override")[0].input).toMatchObject({
      awardId: "a1",
      tranche: 2,
      reason: "防汛救灾，县政府同意先行拨付",
      officer: "王芳",
    });
    expect(commandCalls(calls, "fund_pay")[1].input).toMatchObject({ tranche: 2, overrideId: "ov1" });
    // Paid: the screen reads the status, the awards and the gates again.
    await vi.waitFor(() => expect(commandCalls(calls, "fund_status").length).toBeGreaterThanOrEqual(2));
    expect(document.querySelector("[data-testid=pay-refused]")).toBeNull();
  });

  it("is read-only on a township laptop", async () => {
    await mountScreen(
      FundsView,
      handler((cmd) => (cmd === "fund_applications" ? [] : undefined)),
      {},
      { syncMode: "device", county: HUOQIU },
    );
    await flushPromises();
    await vi.waitFor(() => $("[data-testid=gate-blocked]"));
    expect($("[data-testid=funds-county-only]").textContent).toContain("本机只读");
    expect(document.querySelector("[data-testid=award-pay]")).toBeNull();
    expect(document.querySelector("[data-testid=add-application]")).toBeNull();
    expect(document.querySelector("[data-testid=award-detail]")).not.toBeNull();
  });

  it("signs a contract from the award's details, with its scan stored first", async () => {
    const unsigned: Award = { ...award, contractNo: "", contractDate: null, paid: "0.00", tranches: [tranche(1), tranche(2)] };
    const { calls } = await mountScreen(
      FundsView,
      handler((cmd) => {
        if (cmd === "fund_awards") return [unsigned];
        if (cmd === "fund_award_detail") return unsigned;
        if (cmd === "fund_attach_document") return "ab".repeat(32);
        if (cmd === "fund_sign_contract") return { ...unsigned, contractNo: "HQ-017", contractDate: "2020-05-20" };
        return undefined;
      }),
      {},
      { syncMode: "county", county: HUOQIU },
    );
    await flushPromises();
    (await vi.waitFor(() => $("[data-testid=award-detail]"))).click();
    await flushPromises();
    (await vi.waitFor(() => $("[data-testid=award-sign]"))).click();
    await flushPromises();
    const dialog = await vi.waitFor(() => $("[data-testid=contract-dialog]"));
    type(input("[data-testid=field-contractNo]", dialog), "HQ-017");
    const file = input("[data-testid=contract-scan-file]", dialog);
    Object.defineProperty(file, "files", { value: [new File(["%PDF-1.4"], "合同.pdf", { type: "application/pdf" })] });
    file.dispatchEvent(new Event("change"));
    await vi.waitFor(() => expect($("[data-testid=contract-scan-name]", dialog).textContent).toBe("合同.pdf"));
    expect(commandCalls(calls, "fund_attach_document")[0]).toMatchObject({ fileName: "合同.pdf" });
    $("[data-testid=contract-save]").click();
    await flushPromises();
    await vi.waitFor(() => expect(commandCalls(calls, "fund_sign_contract")).toHaveLength(1));
    expect(commandCalls(calls, "fund_sign_contract")[0].input).toMatchObject({
      awardId: "a1",
      contractNo: "HQ-017",
      scanSha256: "ab".repeat(32),
    });
  });

  it("sends a new application with its documents, each stored when picked", async () => {
    const stationClass: AwardClass = { key: "station", label: "服务站点", min: "2000.00", max: "2000.00", investmentShare: null, fixed: true };
    const { calls } = await mountScreen(
      FundsView,
      handler((cmd) => {
        if (cmd === "list_operators") return [{ id: "o1", name: "东湖村电商服务站", place: "城关镇东湖村" }];
        if (cmd === "fund_classes") return [stationClass];
        if (cmd === "fund_attach_document") return "cd".repeat(32);
        if (cmd === "fund_apply") return { record: { id: "ap9" }, warnings: [] };
        return undefined;
      }),
      {},
      { syncMode: "county", county: HUOQIU },
    );
    await flushPromises();
    (await vi.waitFor(() => $("[data-testid=add-application]"))).click();
    await flushPromises();
    const dialog = await vi.waitFor(() => $("[data-testid=application-dialog]"));
    const option = (text: string) =>
      [...document.body.querySelectorAll<HTMLElement>(".el-select-dropdown__item")].find((o) => o.textContent?.includes(text));
    await vi.waitFor(() => expect(option("东湖村电商服务站（城关镇东湖村）")).toBeTruthy());
    option("东湖村电商服务站（城关镇东湖村）")!.click();
    option("服务站点（2000.00）")!.click();
    const file = input("[data-testid=application-document-licence-file]", dialog);
    Object.defineProperty(file, "files", { value: [new File(["jpeg"], "执照.jpg", { type: "image/jpeg" })] });
    file.dispatchEvent(new Event("change"));
    await vi.waitFor(() => expect($("[data-testid=application-document]", dialog).textContent).toContain("营业执照"));
    $("[data-testid=application-save]").click();
    await flushPromises();
    await vi.waitFor(() => expect(commandCalls(calls, "fund_apply")).toHaveLength(1));
    expect(commandCalls(calls, "fund_apply")[0].input).toMatchObject({
      programmeId: "p1",
      operatorId: "o1",
      classKey: "station",
      documents: [{ kind: "licence", sha256: "cd".repeat(32), name: "执照.jpg" }],
      investment: null,
    });
  });

  it("says when a county override lets the next tranche be paid", async () => {
    await mountScreen(
      FundsView,
      handler((cmd) => (cmd === "fund_gates" ? [{ ...blocked, mayPay: true, unmet: [], overrideId: "ov1" }] : undefined)),
      {},
      { syncMode: "county", county: HUOQIU },
    );
    await flushPromises();
    expect((await vi.waitFor(() => $("[data-testid=gate-overridden]"))).textContent).toContain("特批可拨付");
    expect(document.querySelector("[data-testid=gate-blocked]")).toBeNull();
  });
});
