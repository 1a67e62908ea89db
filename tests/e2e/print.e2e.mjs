// End to end: a village committee opens the demo county's notice, previews it (the pages drawn
// from the same layout as the PDF), saves the PDF, and the county checks the printed hash on the
// verification screen; a notice shorter than 10 days is refused under its end date. Then the
// county (this database is the county hub) turns masked numbers on for its notices, after a
// confirmation, and the notice's preview shows masked phone numbers, never full ones.
// Saving writes to FIELDBOOK_SAVE_DIR without a dialog (WebDriver cannot drive a native one).
// Run by `make e2e`: node tests/e2e/print.e2e.mjs <fieldbook-desktop> <fieldbook CLI>
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, mkdirSync, readdirSync, rmSync } from "node:fs";
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
const fieldbook = (...args) => JSON.parse(execFileSync(cli, ["--db", db, ...args, "--json"]));

execFileSync(cli, ["--db", db, "demo"]);
execFileSync(cli, ["--db", db, "county", "init"]);
const [notice] = fieldbook("notices", "list");
assert.ok(notice, "the demo county has a notice");

await scenario("print", { shots, work }, async ({ step, start, quit }) => {
  let session;

  session = await start(application, ["--db", db]);
  step("open the demo notice");
  await session.click(await session.findByText("[data-testid=nav] .el-menu-item", "公示"));
  const row = await session.findByText("[data-testid=notice-list] tr.el-table__row", notice.title);
  await session.settle();
  await session.click((await session.findAllIn(row, "td .cell"))[1]);
  await session.findByText("[data-testid=notice-title]", notice.title);

  step("preview it: the pages as they will print, with the stamp");
  await session.click((await session.findAll("[data-testid=print-notice]"))[0]);
  await session.opened("[data-testid=print-dialog]");
  await waitFor("preview pages", async () => (await session.count("[data-testid=print-page] svg")) >= 1);
  const stamp = await session.text((await session.findAll("[data-testid=print-stamp]"))[0]);
  const hash = stamp.match(/[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}/)?.[0];
  assert.ok(hash, `a hash in “${stamp}”`);
  const firstPage = await session.text((await session.findAll("[data-testid=print-page]"))[0]);
  assert.match(firstPage, /鸡峰镇/);
  await session.screenshot(path.join(shots, "print-preview.png"));

  step("save the PDF without a dialog (FIELDBOOK_SAVE_DIR)");
  await session.click((await session.findAll("[data-testid=print-save]"))[0]);
  await session.findByText("[data-testid=print-saved]", saveDir);
  const files = readdirSync(saveDir).filter((f) => f.endsWith(".pdf"));
  assert.equal(files.length, 1);
  assert.ok(files[0].includes(hash), `${files[0]} named by its hash ${hash}`);
  const text = execFileSync("pdftotext", ["-raw", path.join(saveDir, files[0]), "-"]).toString().replace(/\s/g, "");
  assert.ok(text.includes(notice.title), "the PDF holds the title");
  assert.ok(text.includes("12317") && text.includes("2019年12月12日"));
  assert.ok(!/\d{11,}/.test(text), "no ID or phone number on a notice");
  await session.click((await session.findAll("[data-testid=print-dialog] .el-dialog__headerbtn"))[0]);
  await session.settle();

  step("check the printed hash on the verification screen");
  await session.click(await session.findByText("[data-testid=nav] .el-menu-item", "打印"));
  await session.fill("[data-testid=verify-hash]", hash);
  await session.click((await session.findAll("[data-testid=verify-button]"))[0]);
  await session.findByText("[data-testid=verify-result]", "与当前记录一致");
  await session.screenshot(path.join(shots, "print-verify.png"));

  step("a notice of 9 days is refused under its end date");
  await session.click(await session.findByText("[data-testid=nav] .el-menu-item", "公示"));
  await session.click((await session.findAll("[data-testid=add-notice]"))[0]);
  await session.opened("[data-testid=notice-dialog]");
  const dialog = "[data-testid=notice-dialog]";
  await session.fill(`${dialog} [data-testid=field-title]`, "关于宋坪乡电商培训学员名单的公示");
  await session.fill(`${dialog} [data-testid=field-issuer]`, "宋坪乡人民政府");
  await session.fill(`${dialog} [data-testid=field-places]`, "宋坪乡人民政府公示栏");
  await session.fill(`${dialog} [data-testid=field-startDate]`, "2019-08-12");
  await session.fill(`${dialog} [data-testid=field-endDate]`, "2019-08-21");
  await session.fill(`${dialog} [data-testid=field-phoneLocal]`, "0939-3299001");
  await session.click((await session.findAll("[data-testid=save-notice]"))[0]);
  await session.findByText(`${dialog} .el-form-item__error`, "不少于 10 天");
  await session.screenshot(path.join(shots, "notice-too-short.png"));
  await session.fill(`${dialog} [data-testid=field-endDate]`, "2019-08-22");
  await session.click((await session.findAll("[data-testid=save-notice]"))[0]);
  await session.findByText("[data-testid=notice-list]", "关于宋坪乡电商培训学员名单的公示");
  assert.equal(fieldbook("notices", "list").length, 2);
  assert.equal(fieldbook("verify-log").firstBroken, null);

  step("the county turns masked ID and phone numbers on for every notice, after a confirmation");
  await session.click(await session.findByText("[data-testid=nav] .el-menu-item", "同步"));
  await session.click(await waitFor("the settings tab", () => session.visible(".el-tabs__item", "县级设置")));
  await session.findByText("[data-testid=notice-masking-state]", "未开启");
  await session.click((await session.findAll("[data-testid=notice-masking-switch]"))[0]);
  await session.opened(".el-message-box");
  const question = await session.text((await session.findAll(".el-message-box"))[0]);
  assert.match(question, /621221\*{8}1234/);
  await session.screenshot(path.join(shots, "county-masking-confirm.png"));
  await session.click(await session.visible(".el-message-box__btns .el-button--primary", "确定"));
  await session.findByText("[data-testid=notice-masking-state]", "已开启");
  await session.screenshot(path.join(shots, "county-settings.png"));
  assert.equal(fieldbook("county", "settings").noticeMasking, "masked");

  step("the notice now prints masked phone numbers, never full ones");
  await session.click(await session.findByText("[data-testid=nav] .el-menu-item", "公示"));
  const again = await session.findByText("[data-testid=notice-list] tr.el-table__row", notice.title);
  await session.settle();
  await session.click((await session.findAllIn(again, "td .cell"))[1]);
  await session.findByText("[data-testid=notice-masking]", "印脱敏号码");
  await session.click((await session.findAll("[data-testid=print-notice]"))[0]);
  await session.opened("[data-testid=print-dialog]");
  await waitFor("preview pages", async () => (await session.count("[data-testid=print-page] svg")) >= 1);
  const masked = (await session.text((await session.findAll("[data-testid=print-page]"))[0])).replace(/\s/g, "");
  assert.match(masked, /1[3-9]\d\*{4}\d{4}/, "masked phones");
  assert.ok(!/\d{11,}/.test(masked), "no full ID or phone number");
  await session.screenshot(path.join(shots, "print-preview-masked.png"));
});
