// End to end: the money loop in a county that is not the demo. 霍邱县 (341522), set up as the
// county hub with the CLI — two townships, a village service station, the stations programme
// (2,000 yuan a station, 90 % on contract, the 10 % 尾款 after acceptance), the station's
// application reviewed by the village, the township and the county and approved. In the app the
// clerk awards it (确定扶持), signs the contract, pays the first tranche, tries the 尾款 and sees
// it refused with every unmet condition listed. Then (CLI) the acceptance passes and is locked
// and the results notice ends with no objection; back in the app the 尾款 is paid. Screens at
// 1366×768: `funds-gate-refused.png`, `funds-status.png`; the 资金拨付明细表 previewed
// (`funds-disbursements-preview.png`).
// Run by `make e2e`: node tests/e2e/funds.e2e.mjs <fieldbook-desktop> <fieldbook CLI>
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import assert from "node:assert/strict";
import { scenario, waitFor } from "./webdriver.mjs";

const application = path.resolve(process.argv[2] ?? "target/debug/fieldbook-desktop");
const cli = path.resolve(process.argv[3] ?? "target/debug/fieldbook");
const shots = path.resolve("target/e2e");
mkdirSync(shots, { recursive: true });
const work = mkdtempSync(path.join(tmpdir(), "fieldbook-e2e-funds-"));
const db = path.join(work, "huoqiu.db");
const fb = (args, input) =>
  JSON.parse(execFileSync(cli, ["--db", db, "--officer", "张伟", ...args, "--json"], input ? { input: JSON.stringify(input) } : {}));
const idOf = (saved) => saved.record?.id ?? saved.id;

// ---- 霍邱县 from the CLI -------------------------------------------------------------------
fb(["county", "create", "--code", "341522", "--name", "霍邱县"]);
execFileSync(cli, ["--db", db, "officer", "set", "张伟"]);
// The hub: the county locks the accepted inspection (only a hub locks).
fb(["county", "init"]);
fb(["places", "add-township", "--code", "341522100", "--name", "城关镇"]);
fb(["places", "add-township", "--code", "341522101", "--name", "冯井镇"]);
fb(["places", "add", "--township", "城关镇", "--code", "341522100201", "--name", "东湖村", "--poor"]);
fb(["places", "add", "--township", "冯井镇", "--code", "341522101201", "--name", "冯井村"]);
const villages = fb(["places", "list"]);
const villageId = (name) => (villages.rows ?? villages).find((v) => v.name === name).id;

const STATION = "东湖村电商服务站";
const station = idOf(
  fb(["operators", "add"], { kind: "service_station", name: STATION, personInCharge: "李强", villageId: villageId("东湖村") }),
);
const programme = fb(["programmes", "add", "--preset", "huoqiu-2019-service-station", "--year", "2020"]);
const PROGRAMME = programme.name;

const applied = fb(["funds", "apply"], {
  programmeId: programme.id,
  operatorId: station,
  classKey: "station",
  appliedDate: "2020-03-01",
});
const applicationId = idOf(applied);
for (const [step, reviewer, day] of [
  ["village", "东湖村委会 王强", "2020-03-03"],
  ["township", "城关镇 刘洋", "2020-03-06"],
  ["county", "县评审组 陈静", "2020-03-12"],
]) {
  fb(["funds", "review"], { applicationId, step, reviewer, reviewDate: day, opinion: "agree", comment: "同意" });
}
fb(["funds", "decide"], { applicationId, decision: "approved", decidedBy: "霍邱县商务局", decidedDate: "2020-03-20" });

/** The acceptance of the station, passed, submitted and locked by the county. */
function acceptancePassedAndLocked() {
  const { settings } = fb(["programmes", "show", programme.id]);
  const observations = [...settings.criteria.eligibility, ...settings.criteria.scored].map((item) => ({
    key: item.key,
    value:
      item.valueType === "boolean"
        ? { kind: "bool", value: true }
        : item.threshold
          ? { kind: "number", value: item.threshold }
          : { kind: "text", value: "有" },
  }));
  const inspection = fb(["inspections", "add"], {
    operatorId: station,
    programmeId: programme.id,
    stage: "acceptance",
    date: "2019-11-20",
    inspectors: ["王芳", "李明", "赵刚"].map((name) => ({ name, unit: "霍邱县商务局" })),
    observations,
  });
  const id = idOf(inspection);
  const shown = fb(["inspections", "show", id]);
  assert.equal(shown.evaluation.conclusion, "pass", `the acceptance passes:\n${JSON.stringify(shown.evaluation, null, 1)}`);
  fb(["inspections", "submit", id]);
  assert.equal(fb(["inspections", "lock", id]).status, "locked");
}

/** The acceptance results notice naming the station, 2019-12-01 to 12-11: ended, no objection. */
function resultsNoticeEnded() {
  fb(["notices", "add"], {
    title: "霍邱县2020年村级电商服务站点验收结果公示",
    subject: "acceptance_result",
    programmeId: programme.id,
    issuer: "霍邱县商务局",
    places: ["城关镇政府公示栏"],
    startDate: "2019-12-01",
    endDate: "2019-12-11",
    phoneLocal: "0564-6012345",
    body: "",
    entries: [{ name: STATION, place: "城关镇东湖村", benefit: "验收合格，补助 2000.00 元", idNumber: "", phone: "" }],
    hasList: true,
  });
}

await scenario("funds", { shots, work }, async ({ step, start }) => {
  const session = await start(application, ["--db", db]);
  await session.cmd("POST", "/window/rect", { width: 1366, height: 768 });
  const nav = async (label) => session.click(await session.findByText("[data-testid=nav] .el-menu-item", label));
  const tab = async (label) => {
    await session.click(await waitFor(`tab ${label}`, () => session.visible(".el-tabs__item", label)));
    await session.settle();
  };
  const inRow = async (table, text, css) => {
    const row = await session.findByText(`${table} tr.el-table__row`, text);
    await session.settle();
    return waitFor(`${css} in the row of ${text}`, async () => (await session.findAllIn(row, css))[0]);
  };
  const close = async (dialog) => {
    const button = await waitFor(`${dialog}'s close`, () => session.visible(`${dialog} .el-dialog__headerbtn`));
    await session.click(button);
    await session.settle();
  };

  step("the programme's funds: the approved application, nothing awarded yet");
  await nav("资金");
  await session.findByText("[data-testid=fund-programme]", PROGRAMME);
  await tab("申报");
  await session.findByText("[data-testid=fund-applications] tr.el-table__row", "已批准");

  step("确定扶持: the station's standard, 2,000 yuan, prefilled");
  await session.click(await inRow("[data-testid=fund-applications]", STATION, "[data-testid=application-award]"));
  await session.opened("[data-testid=award-dialog]");
  const amountValue = () =>
    session.cmd("POST", "/execute/sync", {
      script: "const e = document.querySelector('input[data-testid=award-amount], [data-testid=award-amount] input'); return e ? e.value : null;",
      args: [],
    });
  await waitFor("the standard amount, 2000.00", async () => ((await amountValue()) === "2000.00" ? true : null));
  await session.click((await session.findAll("[data-testid=award-save]"))[0]);
  await session.findByText("[data-testid=fund-applications] tr.el-table__row", "已确定扶持");

  step("the contract, signed from the award's details");
  await tab("扶持对象");
  await session.click(await inRow("[data-testid=fund-awards]", STATION, "[data-testid=award-detail]"));
  await session.opened("[data-testid=award-detail-drawer]");
  await session.click(await waitFor("签订合同", () => session.visible("[data-testid=award-sign]")));
  await session.opened("[data-testid=contract-dialog]");
  await session.fill("[data-testid=contract-dialog] [data-testid=field-contractNo]", "HQ-ZD-2020-017");
  await session.click((await session.findAll("[data-testid=contract-save]"))[0]);
  await session.findByText("[data-testid=award-contract]", "HQ-ZD-2020-017");
  await session.click(await waitFor("the drawer's close button", () => session.visible(".el-drawer__close-btn")));
  await session.settle();

  step("the first tranche, 90 %: 1,800.00 paid");
  await session.findByText("[data-testid=fund-awards] tr.el-table__row", "可拨付");
  await session.click(await inRow("[data-testid=fund-awards]", STATION, "[data-testid=award-pay]"));
  await session.opened("[data-testid=pay-dialog]");
  await session.fill("[data-testid=pay-dialog] [data-testid=field-voucherNo]", "记-2020-031");
  await session.fill("[data-testid=pay-dialog] [data-testid=field-payer]", "霍邱县财政局");
  await session.click((await session.findAll("[data-testid=pay-save]"))[0]);
  await session.findByText("[data-testid=fund-awards] tr.el-table__row", "1,800.00");

  step("the 尾款 is refused: every unmet condition listed");
  await session.findByText("[data-testid=fund-awards] tr.el-table__row", "不可拨付");
  await session.click(await inRow("[data-testid=fund-awards]", STATION, "[data-testid=award-pay]"));
  await session.opened("[data-testid=pay-dialog]");
  await session.fill("[data-testid=pay-dialog] [data-testid=field-voucherNo]", "记-2020-077");
  // The first payment's 已拨付 message has gone: the screen shows only the refusal.
  await waitFor("the last message gone", async () => ((await session.count(".el-message")) === 0 ? true : null));
  await session.click((await session.findAll("[data-testid=pay-save]"))[0]);
  const refused = await session.findByText("[data-testid=pay-refused]", "不能拨付");
  const unmet = await session.findAllIn(refused, "li");
  assert.ok(unmet.length >= 2, "acceptance and the results notice, at least");
  const listed = await session.text(refused);
  assert.match(listed, /验收/, listed);
  assert.match(listed, /公示/, listed);
  assert.ok(await session.visible("[data-testid=pay-override]"), "the county is offered 特批");
  await session.screenshot(path.join(shots, "funds-gate-refused.png"));
  await close("[data-testid=pay-dialog]");
  assert.equal(fb(["funds", "award-show", idOf(fb(["funds", "awards", "--programme", programme.id])[0])]).paid, "1800.00");

  step("(CLI) acceptance passed and locked, the results notice ended with no objection");
  acceptancePassedAndLocked();
  resultsNoticeEnded();

  step("the 尾款, 200.00, paid: 2,000.00 in all");
  await nav("公示");
  await nav("资金");
  await session.findByText("[data-testid=fund-awards] tr.el-table__row", "可拨付");
  await session.click(await inRow("[data-testid=fund-awards]", STATION, "[data-testid=award-pay]"));
  await session.opened("[data-testid=pay-dialog]");
  await session.fill("[data-testid=pay-dialog] [data-testid=field-voucherNo]", "记-2020-112");
  await session.fill("[data-testid=pay-dialog] [data-testid=field-payer]", "霍邱县财政局");
  await session.click((await session.findAll("[data-testid=pay-save]"))[0]);
  await session.findByText("[data-testid=fund-awards] tr.el-table__row", "2,000.00");
  await session.findByText("[data-testid=fund-awards] tr.el-table__row", "已全部拨付");
  await session.findByText("[data-testid=fund-total-paid]", "2,000.00");
  const byTownship = await session.text(await session.findByText("[data-testid=fund-by-township]", "城关镇"));
  assert.match(byTownship, /城关镇[\s\S]*2,000\.00/, byTownship);
  assert.ok(!byTownship.includes("成县"), "nothing of the demo county");
  await session.screenshot(path.join(shots, "funds-status.png"));

  step("the award's details: both tranches paid, with their vouchers");
  await session.click(await inRow("[data-testid=fund-awards]", STATION, "[data-testid=award-detail]"));
  await session.opened("[data-testid=award-detail-drawer]");
  const paid = await session.text(await session.findByText("[data-testid=award-disbursements]", "记-2020-112"));
  assert.match(paid, /记-2020-031[\s\S]*记-2020-112/, paid);
  await session.findByText("[data-testid=award-contract]", "HQ-ZD-2020-017");
  await waitFor("the last message gone", async () => ((await session.count(".el-message")) === 0 ? true : null));
  await session.screenshot(path.join(shots, "funds-award-detail.png"));
  await session.click(await waitFor("the drawer's close button", () => session.visible(".el-drawer__close-btn")));
  await session.settle();

  step("the 资金拨付明细表, previewed as it prints: both tranches of 霍邱县's station");
  await session.click((await session.findAll("[data-testid=print-disbursements]"))[0]);
  await session.opened("[data-testid=print-dialog]");
  await waitFor("preview pages", async () => ((await session.count("[data-testid=print-page] svg")) >= 1 ? true : null));
  const sheet = await session.text((await session.findAll("[data-testid=print-page]"))[0]);
  assert.match(sheet, /资金拨付明细表/, sheet);
  // Names wrap inside their column: compare without the line breaks.
  assert.match(sheet.replace(/\s+/g, ""), /东湖村电商服务站/, sheet);
  assert.ok(!sheet.includes("成县"), "nothing of the demo county");
  await session.screenshot(path.join(shots, "funds-disbursements-preview.png"));

  const [award] = fb(["funds", "awards", "--programme", programme.id]);
  const shown = fb(["funds", "award-show", idOf(award)]);
  assert.equal(shown.paid, "2000.00");
  assert.deepEqual(
    shown.disbursements.map((d) => [d.tranche, d.amount, d.voucherNo, d.payer]),
    [
      [1, "1800.00", "记-2020-031", "霍邱县财政局"],
      [2, "200.00", "记-2020-112", "霍邱县财政局"],
    ],
  );
});
