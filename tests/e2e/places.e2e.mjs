// End to end: the real built desktop app under Xvfb, driven through tauri-driver and
// WebKitWebDriver. Run by `make e2e`: node tests/e2e/places.e2e.mjs <fieldbook-desktop> <fieldbook CLI>
import { mkdtempSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import assert from "node:assert/strict";
import { loadDemo, scenario, waitFor } from "./webdriver.mjs";

const application = path.resolve(process.argv[2] ?? "target/debug/fieldbook-desktop");
const cli = path.resolve(process.argv[3] ?? "target/debug/fieldbook");
const shots = path.resolve("target/e2e");
mkdirSync(shots, { recursive: true });
const work = mkdtempSync(path.join(tmpdir(), "fieldbook-e2e-"));
const db = path.join(work, "fieldbook.db");

const TOWNSHIP_ROWS = "[data-testid=townships] tr.el-table__row";
const VILLAGE_ROWS = "[data-testid=villages] tr.el-table__row";
const NEW_CODE = "621221101228";

async function openJifeng(session) {
  // The app opens on 首页; the places screen is the menu's second entry.
  await session.click(await session.findByText("[data-testid=nav] .el-menu-item", "乡镇和村"));
  await waitFor("17 townships", async () => (await session.count(TOWNSHIP_ROWS)) === 17);
  // WebKitWebDriver cannot click a <tr> ("not interactable"); its first cell works.
  const row = await session.findByText(TOWNSHIP_ROWS, "鸡峰镇");
  await session.click((await session.findAllIn(row, "td .cell"))[0]);
}

async function villageRows(session, expected) {
  await waitFor(`${expected} villages of 鸡峰镇`, async () => (await session.count(VILLAGE_ROWS)) === expected);
}

async function fillDialog(session, code, name) {
  const dialog = "[data-testid=village-dialog]";
  const [codeInput] = await session.findAll(`${dialog} [data-testid=field-code] input`);
  const [nameInput] = await session.findAll(`${dialog} [data-testid=field-name] input`);
  await session.type(codeInput, code);
  await session.type(nameInput, name);
  await session.click((await session.findAll(`${dialog} [data-testid=save-village]`))[0]);
}

await scenario("places", { shots, work }, async ({ step, start, quit }) => {
  let session;

  step("the demo county's database opens with its banner");
  loadDemo(cli, db);
  session = await start(application, ["--db", db]);
  assert.equal(await session.title(), "Fieldbook 乡镇电商帮扶台账");
  await session.findByText("[data-testid=demo-banner]", "演示数据");
  await openJifeng(session);
  await villageRows(session, 27);
  await session.findByText("[data-testid=villages-title]", "鸡峰镇的村（27）");
  await session.findByText("[data-testid=places-summary]", "17 个乡镇，124 个村，其中贫困村 104 个");

  step("the officer signs in by name");
  await session.click((await session.findAll("[data-testid=officer]"))[0]);
  await session.opened("[data-testid=field-officer] input");
  await session.type((await session.findAll("[data-testid=field-officer] input"))[0], "王芳");
  await session.click((await session.findAll("[data-testid=save-officer]"))[0]);
  await session.findByText("[data-testid=officer]", "经办人：王芳");

  step("a duplicate code is refused by the Rust side, next to the code field");
  await session.click((await session.findAll("[data-testid=add-village]"))[0]);
  await session.opened("[data-testid=village-dialog] [data-testid=field-code] input");
  await fillDialog(session, "621221101201", "金鸡村");
  await session.findByText(
    "[data-testid=field-code] .el-form-item__error",
    "村代码 621221101201 已被 鸡峰镇长沟村 使用",
  );
  await session.screenshot(path.join(shots, "places-refused.png"));

  step("an empty name is refused next to the name field");
  await fillDialog(session, NEW_CODE, "");
  await session.findByText("[data-testid=field-name] .el-form-item__error", "村名不能为空");

  step("a valid village is added");
  await fillDialog(session, NEW_CODE, "金鸡村");
  await villageRows(session, 28);
  await session.findByText(VILLAGE_ROWS, "金鸡村");

  step("the new village is edited: renamed and marked non-poor");
  const row = await session.findByText(VILLAGE_ROWS, NEW_CODE);
  await session.click((await session.findAllIn(row, "[data-testid=edit-village]"))[0]);
  await session.opened("[data-testid=village-dialog]");
  const [nonPoor] = await session.findAll("[data-testid=village-dialog] .el-radio:nth-of-type(2)");
  await session.click(nonPoor);
  await fillDialog(session, NEW_CODE, "金鸡新村");
  await session.findByText(VILLAGE_ROWS, "金鸡新村");

  step("the village's history shows both changes, old → new");
  const edited = await session.findByText(VILLAGE_ROWS, NEW_CODE);
  await session.click((await session.findAllIn(edited, "[data-testid=village-history]"))[0]);
  const history = await session.findByText("[data-testid=history]", "修改");
  const historyText = await session.text(history);
  assert.match(historyText, /新建/);
  assert.match(historyText, /王芳/);
  assert.match(historyText, /所属乡镇\s*鸡峰镇（621221101）/);
  assert.match(historyText, /名称\s*金鸡村\s*→\s*金鸡新村/);
  await session.screenshot(path.join(shots, "history.png"));
  await quit();

  step("after a restart the change is still there");
  session = await start(application, ["--db", db]);
  await session.findByText("[data-testid=officer]", "经办人：王芳");
  await openJifeng(session);
  await villageRows(session, 28);
  const kept = await session.findByText(VILLAGE_ROWS, NEW_CODE);
  const keptText = await session.text(kept);
  assert.match(keptText, /金鸡新村/);
  assert.match(keptText, /非贫困村/);
  await session.cmd("POST", "/execute/sync", {
    script: "arguments[0].scrollIntoView({ block: 'center' });",
    args: [{ "element-6066-11e4-a52e-4f735466cecf": kept }],
  });
  await session.screenshot(path.join(shots, "places.png"));

  step("every section in the navigation opens its screen");
  await session.click(await session.findByText("[data-testid=nav] .el-menu-item", "同步"));
  await session.findByText("[data-testid=sync-page]", "本机同步状态");
  await quit();
});
