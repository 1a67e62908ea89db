// End to end: a county clerk imports a register file (generated here: five new households, one
// ID with a wrong check digit, one unknown village), sees the dry run, imports the valid rows,
// then exports 鸡峰镇's register as .xlsx and the CLI finds that an import of it changes nothing.
// Run by `make e2e`: node tests/e2e/sheets.e2e.mjs <fieldbook-desktop> <fieldbook CLI>
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
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
const exports = path.join(work, "exports");
const fieldbook = (...args) => JSON.parse(execFileSync(cli, ["--db", db, ...args, "--json"]));

/** GB 11643 check character of 17 digits. */
function checkChar(first17) {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const s = [...first17].reduce((sum, d, i) => sum + Number(d) * w[i], 0);
  return "10X98765432"[s % 11];
}
const idOf = (n) => {
  const first17 = `62120219800101${String(100 + n).padStart(3, "0")}`;
  return first17 + checkChar(first17);
};

execFileSync(cli, ["--db", db, "demo"]);
const wrong = idOf(9).slice(0, 17) + (idOf(9).endsWith("0") ? "1" : "0");
const lines = [
  "鸡峰镇新增建档立卡户,,,,",
  "户主姓名,身份证号码,家庭人口,乡镇,村",
  ...[1, 2, 3, 4, 5].map((n) => `导入户${n},${idOf(n)},${n + 1},鸡峰镇,长沟村`),
  `错号户,${wrong},3,鸡峰镇,长沟村`,
  `无村户,${idOf(7)},3,鸡峰镇,月亮村`,
];
const file = path.join(work, "新增农户.csv");
writeFileSync(file, "\uFEFF" + lines.join("\r\n"));
// The shell saves exports here instead of the Downloads folder: no dialog to answer.
process.env.FIELDBOOK_SAVE_DIR = exports;

await scenario("sheets", { shots, work }, async ({ step, start, quit }) => {
  let session;

  session = await start(application, ["--db", db]);
  step("open the import wizard on the households screen and pick the file");
  await session.click(await session.findByText("[data-testid=nav] .el-menu-item", "建档立卡户"));
  await session.click((await session.findAll("[data-testid=import-households]"))[0]);
  await session.opened(".el-dialog");
  const [picker] = await session.findAll("[data-testid=sheet-file]");
  await session.cmd("POST", `/element/${picker}/value`, { text: file });
  await session.findByText("[data-testid=sheet-mapping]", "表头在第 2 行");
  await session.screenshot(path.join(shots, "sheets-mapping.png"));

  step("dry run: five new rows, two problems with row, column and code");
  await session.click((await session.findAll("[data-testid=sheet-dry-run-button]"))[0]);
  await session.findByText("[data-testid=sheet-summary]", "新增 5");
  const table = await session.findByText("[data-testid=sheet-rows]", "ID_CHECK_DIGIT");
  const text = await session.text(table);
  assert.match(text, /VILLAGE_UNKNOWN/);
  await session.findByText("[data-testid=sheet-all-refused]", "不能“全部导入”");
  const [all] = await session.findAll("[data-testid=sheet-import-all]");
  assert.equal(await session.cmd("GET", `/element/${all}/enabled`), false, "import all is refused");
  await session.screenshot(path.join(shots, "sheets-dry-run.png"));
  assert.equal(fieldbook("households", "list", "--search", "导入户").total, 0, "a dry run writes nothing");

  step("import only the valid rows");
  await session.click((await session.findAll("[data-testid=sheet-import-valid]"))[0]);
  await session.findByText("[data-testid=sheet-result-summary]", "已导入 5 行");
  await session.screenshot(path.join(shots, "sheets-imported.png"));
  assert.equal(fieldbook("households", "list", "--search", "导入户").total, 5);
  await session.click(await session.findByText(".el-dialog__footer button", "完成"));
  await session.settle();

  step("export 鸡峰镇's register; importing it again changes nothing");
  await session.click((await session.findAll("[data-testid=export-households]"))[0]);
  await session.opened("[data-testid=export-kind]");
  await session.pick("[data-testid=export-township]", "鸡峰镇");
  await session.click((await session.findAll("[data-testid=export-run]"))[0]);
  const saved = await session.findByText("[data-testid=export-path]", exports);
  const savedPath = (await session.text(saved)).trim();
  await session.screenshot(path.join(shots, "sheets-exported.png"));
  assert.ok(existsSync(savedPath), savedPath);
  assert.deepEqual(readdirSync(exports), ["鸡峰镇建档立卡户登记表.xlsx"]);
  const again = fieldbook("import", "households", savedPath, "--dry-run");
  assert.equal(again.counts.new, 0);
  assert.equal(again.counts.updated, 0);
  assert.ok(again.counts.unchanged > 5);
  assert.equal(again.stamp.checksumOk, true);
  assert.equal(fieldbook("verify-log").firstBroken, null);

  step("the spreadsheets screen offers every import kind and the export");
  await session.click(await session.findByText(".el-dialog__footer button", "完成"));
  await session.settle();
  await session.click(await session.findByText("[data-testid=nav] .el-menu-item", "表格导入导出"));
  const kinds = await session.findByText("[data-testid=sheets-kind]", "签到表");
  for (const kind of ["乡镇和村", "建档立卡户", "实施主体", "花名册"]) {
    assert.match(await session.text(kinds), new RegExp(kind));
  }
  await session.findByText("[data-testid=sheets-export]", "导出");
  await session.screenshot(path.join(shots, "sheets-screen.png"));
});
