// End to end: a county acceptance (验收) of a demo demonstration shop, item by item, with the
// shop's sales and linked households measured from its ledger and roster; it ends 合格. The
// shop's own investment (投资额) is typed in the last step and printed on the acceptance report
// (preview and saved PDF, read back with pdftotext).
// Saving writes to FIELDBOOK_SAVE_DIR without a dialog (WebDriver cannot drive a native one).
// Run by `make e2e`: node tests/e2e/inspection.e2e.mjs <fieldbook-desktop> <fieldbook CLI>
import { execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, readdirSync, rmSync } from "node:fs";
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
const saveDir = path.join(work, "saved");
process.env.FIELDBOOK_SAVE_DIR = saveDir;

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
  step("the shop's own investment, in yuan");
  await session.fill("[data-testid=field-investment]", "12,345.5");
  await session.screenshot(path.join(shots, "inspection-investment.png"));
  await session.click((await session.findAll("[data-testid=save-inspection]"))[0]);

  step("the conclusion the programme's rules give: 合格");
  const conclusion = await session.findByText("[data-testid=inspection-conclusion]", "合格");
  assert.doesNotMatch(await session.text(conclusion), /不合格/);
  await session.findByText("[data-testid=inspection-operator]", shop.name);
  await session.findByText("[data-testid=inspection-investment]", "12,345.50 元");
  await session.screenshot(path.join(shots, "inspection.png"));

  step("the acceptance report prints the investment beside the subsidy");
  await session.click((await session.findAll("[data-testid=print-acceptance]"))[0]);
  await session.opened("[data-testid=print-dialog]");
  await waitFor("preview pages", async () => (await session.count("[data-testid=print-page] svg")) >= 1);
  const firstPage = (await session.text((await session.findAll("[data-testid=print-page]"))[0])).replace(/\s/g, "");
  assert.match(firstPage, /投资额12,345\.50元/);
  assert.match(firstPage, /补助标准/);
  await session.screenshot(path.join(shots, "inspection-acceptance-preview.png"));
  await session.click((await session.findAll("[data-testid=print-save]"))[0]);
  await session.findByText("[data-testid=print-saved]", saveDir);
  const files = readdirSync(saveDir).filter((f) => f.endsWith(".pdf"));
  assert.equal(files.length, 1);
  const pdf = path.join(saveDir, files[0]);
  const text = execFileSync("pdftotext", ["-raw", pdf, "-"]).toString().replace(/\s/g, "");
  assert.ok(text.includes("投资额12,345.50元"), "the PDF holds the investment");
  execFileSync("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", pdf, path.join(shots, "inspection-acceptance-page")]);

  step("it is on the record, and the change log is intact");
  const list = JSON.parse(execFileSync(cli, ["--db", db, "inspections", "list", "--json"]));
  const mine = list.find((i) => i.operatorName === shop.name && i.stageLabel === "县级验收" && i.date === "2019-12-02");
  assert.equal(mine?.conclusionLabel, "合格");
  const shown = JSON.parse(execFileSync(cli, ["--db", db, "inspections", "show", mine.id, "--json"]));
  assert.equal(shown.investment, "12345.50");
  const check = JSON.parse(execFileSync(cli, ["--db", db, "verify-log", "--json"]));
  assert.equal(check.firstBroken, null);
});
