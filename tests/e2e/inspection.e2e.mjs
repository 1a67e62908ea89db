// End to end: a county acceptance (验收) of a demo demonstration shop, item by item, with the
// shop's sales and linked households measured from its ledger and roster; it ends 合格.
// Run by `make e2e`: node tests/e2e/inspection.e2e.mjs <fieldbook-desktop> <fieldbook CLI>
import { execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import assert from "node:assert/strict";
import { scenario, waitFor } from "./webdriver.mjs";

const application = path.resolve(process.argv[2] ?? "target/debug/fieldbook-desktop");
const cli = path.resolve(process.argv[3] ?? "target/debug/fieldbook");
const shots = path.resolve("target/e2e");
mkdirSync(shots, { recursive: true });
const work = mkdtempSync(path.join(tmpdir(), "fieldbook-e2e-"));
const db = path.join(work, "fieldbook.db");

execFileSync(cli, ["--db", db, "demo"]);
const shops = JSON.parse(execFileSync(cli, ["--db", db, "operators", "list", "--township", "鸡峰镇", "--json"]));
const shop = shops[3];
const PROGRAMME = "成县2019年电商扶贫示范店";
const SEEN = ["office", "plaque", "operator_shop", "records", "services"];

await scenario("inspection", { shots, work }, async ({ step, start, quit }) => {
  let session;

  session = await start(application, ["--db", db]);
  step("open a new inspection from the inspections list");
  await session.click(await session.findByText("[data-testid=nav] .el-menu-item", "实地核验"));
  await session.findByText("[data-testid=inspections] tr.el-table__row", "乡镇初验");
  await session.click((await session.findAll("[data-testid=add-inspection]"))[0]);
  await session.opened("[data-testid=inspection-wizard]");

  step("who, what, when: programme, shop, county acceptance, three inspectors");
  await session.pick("[data-testid=field-programmeId]", PROGRAMME);
  await session.pick("[data-testid=field-operatorId]", shop.name, shop.name.slice(4, 10));
  await session.click(await session.visible("[data-testid=field-stage] .el-radio", "县级验收"));
  await session.fill("[data-testid=field-date]", "2019-12-02", { enter: true });
  // Each inspector row holds two inputs: name, then unit.
  const inputs = await session.findAll("[data-testid=inspector-row] input");
  assert.equal(inputs.length, 6);
  const people = [["王建国", "县商务局"], ["刘芳", "县电商中心"], ["张伟", "县财政局"]];
  for (const [i, text] of people.flat().entries()) await session.type(inputs[i], text);
  await session.click((await session.findAll("[data-testid=wizard-next]"))[0]);
  await session.settle();

  step("the checklist: seen on site, and measured from the records");
  for (const key of SEEN) {
    await session.click(await waitFor(key, () => session.visible(`[data-testid=item-${key}] .el-radio`, "达标")));
  }
  const households = await session.findByText("[data-testid=computed-linked_households]", "花名册");
  assert.match(await session.text(households), /在册 1\d 户/);
  await session.findByText("[data-testid=computed-annual_sales]", "台账");
  await session.screenshot(path.join(shots, "inspection-checklist.png"));
  await session.click((await session.findAll("[data-testid=wizard-next]"))[0]);
  await session.settle();
  await session.click((await session.findAll("[data-testid=save-inspection]"))[0]);

  step("the conclusion the programme's rules give: 合格");
  const conclusion = await session.findByText("[data-testid=inspection-conclusion]", "合格");
  assert.doesNotMatch(await session.text(conclusion), /不合格/);
  await session.findByText("[data-testid=inspection-operator]", shop.name);
  await session.screenshot(path.join(shots, "inspection.png"));

  step("it is on the record, and the change log is intact");
  const list = JSON.parse(execFileSync(cli, ["--db", db, "inspections", "list", "--json"]));
  const mine = list.find((i) => i.operatorName === shop.name && i.stageLabel === "县级验收");
  assert.equal(mine?.conclusionLabel, "合格");
  const check = JSON.parse(execFileSync(cli, ["--db", db, "verify-log", "--json"]));
  assert.equal(check.firstBroken, null);
});
