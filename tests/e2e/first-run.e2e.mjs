// End to end: the first run of a county that is not the demo. 托里县 (654224) sets up its hub
// from a division-code file; a 托里镇 laptop enrolls with it and takes its places from the
// county's package; the demo opens in a database of its own, with its banner, and leaves the
// user's database as it was. Screens are checked at 1366×768 (the agreement dialog) and the
// history drawer reads like the screen. The hub's and the laptop's databases are created
// encrypted at first run (the passphrase typed there; the CLI reads them with
// FIELDBOOK_PASSPHRASE); the one made by the CLI stays plain and says 台账未加密.
// Run by `make e2e`: node tests/e2e/first-run.e2e.mjs <fieldbook-desktop> <fieldbook CLI>
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import assert from "node:assert/strict";
import { scenario, waitFor } from "./webdriver.mjs";

const application = path.resolve(process.argv[2] ?? "target/debug/fieldbook-desktop");
const cli = path.resolve(process.argv[3] ?? "target/debug/fieldbook");
const shots = path.resolve("target/e2e");
mkdirSync(shots, { recursive: true });
const work = mkdtempSync(path.join(tmpdir(), "fieldbook-e2e-first-run-"));
const save = path.join(work, "save");
mkdirSync(save);
process.env.FIELDBOOK_SAVE_DIR = save;
const hubDb = path.join(work, "county.db");
const laptopDb = path.join(work, "laptop.db");
const ownDb = path.join(work, "mine.db");
// The passphrase the first run sets on the hub's and the laptop's databases.
const PASSPHRASE = "托里县台账二〇二六";
const encrypted = new Set([hubDb, laptopDb]);
const fb = (db, args) =>
  JSON.parse(
    execFileSync(cli, ["--db", db, ...args, "--json"], {
      env: { ...process.env, FIELDBOOK_PASSPHRASE: encrypted.has(db) ? PASSPHRASE : "" },
    }),
  );

// 托里县's townships and villages as the official 统计用区划代码 list gives them.
const divisionFile = path.join(work, "托里县统计用区划代码.csv");
writeFileSync(
  divisionFile,
  "\uFEFF" +
    [
      "统计用区划代码,名称,乡镇,是否贫困村,县",
      "654224100201,托里村,托里镇,否,托里县",
      "654224100202,萨孜村,托里镇,是,托里县",
      "654224101201,铁厂沟村,铁厂沟镇,否,托里县",
      "654224101202,哈图村,铁厂沟镇,是,托里县",
      "654224200201,乌雪特村,乌雪特乡,是,托里县",
    ].join("\r\n"),
);

/** Nothing on the page names the demo county. */
async function noDemoCounty(session) {
  const text = await session.cmd("POST", "/execute/sync", { script: "return document.body.innerText;", args: [] });
  assert.ok(!text.includes("成县"), `the page names 成县:\n${text.slice(0, 400)}`);
}

async function chooseRole(session, role, officer) {
  await waitFor("the first-run screen", async () => (await session.count("[data-testid=first-run]")) === 1);
  await session.click((await session.findAll(`[data-testid=role-${role}]`))[0]);
  if (officer) await session.fill("[data-testid=first-run] .officer-form", officer);
  if (role !== "demo") {
    // A new database is created encrypted: the passphrase twice, after what forgetting it costs.
    await session.fill("[data-testid=field-passphrase]", PASSPHRASE);
    await session.fill("[data-testid=field-passphraseAgain]", PASSPHRASE);
    await session.click((await session.findAll("[data-testid=passphrase-understood]"))[0]);
  }
  await session.click((await session.findAll("[data-testid=first-run-next]"))[0]);
}

async function pickFile(session, testid, file) {
  const [input] = await waitFor(testid, async () => {
    const found = await session.findAll(`[data-testid=${testid}]`);
    return found.length ? found : null;
  });
  await session.cmd("POST", `/element/${input}/value`, { text: file });
}

await scenario("first-run", { shots, work }, async ({ step, start, quit }) => {
  let session;

  step("an empty database asks who the computer is for; 县电商中心 and the officer's name");
  session = await start(application, ["--db", hubDb]);
  assert.equal(await session.count("[data-testid=nav]"), 0, "no menu before the set-up");
  await chooseRole(session, "county", "李娜");

  step("托里县 (654224): a wrong code is refused under its field, then the county starts");
  await session.fill("[data-testid=field-name]", "托里县");
  await session.fill("[data-testid=field-code]", "65422");
  await session.click((await session.findAll("[data-testid=county-create]"))[0]);
  await session.findByText("[data-testid=field-code] .el-form-item__error", "6");
  await session.fill("[data-testid=field-code]", "654224");
  await session.click((await session.findAll("[data-testid=county-create]"))[0]);
  await session.findByText("[data-testid=county-created]", "托里县（654224）");

  step("its villages come from the division-code file");
  await session.click((await session.findAll("[data-testid=county-import-places]"))[0]);
  await session.opened(".el-dialog");
  await pickFile(session, "sheet-file", divisionFile);
  await session.click(await waitFor("dry run", async () => (await session.findAll("[data-testid=sheet-dry-run-button]"))[0]));
  await session.findByText("[data-testid=sheet-summary]", "新增 5");
  await session.click((await session.findAll("[data-testid=sheet-import-all]"))[0]);
  await session.findByText("[data-testid=sheet-result-summary]", "已导入 5 行");
  await session.click(await session.findByText(".el-dialog__footer button", "完成"));
  await waitFor("3 townships", async () => (await session.count("[data-testid=setup-townships] tr.el-table__row")) === 3);

  step("the hub's keys; the places screen is 托里县's, with no 成县 anywhere");
  await session.click((await session.findAll("[data-testid=county-finish]"))[0]);
  await session.findByText("[data-testid=county-fingerprint]", "");
  await session.click((await session.findAll("[data-testid=first-run-done]"))[0]);
  await session.findByText("[data-testid=county]", "托里县 · 654224");
  await waitFor("3 townships", async () => (await session.count("[data-testid=townships] tr.el-table__row")) === 3);
  await noDemoCounty(session);
  await session.screenshot(path.join(shots, "first-run-county.png"));
  for (const section of ["建档立卡户", "带贫协议", "同步"]) {
    await session.click(await session.findByText("[data-testid=nav] .el-menu-item", section));
    await session.settle();
    await noDemoCounty(session);
  }
  const info = fb(hubDb, ["info"]);
  assert.equal(info.county.name, "托里县");
  await quit();

  step("a 托里镇 laptop: 乡镇电脑, the enrollment request, the county's answer");
  session = await start(application, ["--db", laptopDb]);
  await chooseRole(session, "laptop", "王芳");
  await session.click(await waitFor("request", async () => (await session.findAll("[data-testid=laptop-request]"))[0]));
  const fingerprint = await session.text(await session.findByText("[data-testid=laptop-fingerprint]", ""));
  const request = await waitFor("the request file", async () => readdirSync(save).find((f) => f.startsWith("设备登记申请")));
  const answer = fb(hubDb, ["county", "enroll", path.join(save, request), "--township", "654224100", "--out", path.join(work, "answer.json")]);
  assert.equal(answer.deviceFingerprint, fingerprint.trim());
  await pickFile(session, "laptop-answer-file", path.join(work, "answer.json"));
  await session.findByText("[data-testid=laptop-enrolled]", "托里镇");
  await session.settle();
  await session.screenshot(path.join(shots, "first-run-laptop.png"));

  step("the county's package brings 托里镇's villages");
  fb(hubDb, ["sync", "package", "--device", answer.deviceId, "--out", path.join(work, "p0.fbpkg")]);
  await pickFile(session, "laptop-package-file", path.join(work, "p0.fbpkg"));
  await session.findByText("[data-testid=county]", "托里县 · 654224");
  await session.findByText("[data-testid=townships]", "托里镇");
  await noDemoCounty(session);
  await quit();

  step("看演示 opens the demo in a database of its own, with its banner on every screen");
  session = await start(application, ["--db", ownDb]);
  await chooseRole(session, "demo");
  // The app builds the whole demo county (17 townships, their registers and records) in a debug
  // build: seconds on an idle machine, far more on a loaded one, so this wait is long.
  await session.findByText("[data-testid=demo-banner]", "演示数据", 120000);
  await session.findByText("[data-testid=county]", "成县");
  await waitFor("17 townships", async () => (await session.count("[data-testid=townships] tr.el-table__row")) === 17);
  await session.screenshot(path.join(shots, "demo-banner.png"));
  await session.click(await session.findByText("[data-testid=nav] .el-menu-item", "培训签到"));
  await session.findByText("[data-testid=demo-banner]", "演示数据");

  step("at 1366×768 the new agreement dialog shows its save button");
  await session.cmd("POST", "/window/rect", { width: 1366, height: 768 });
  await session.click(await session.findByText("[data-testid=nav] .el-menu-item", "带贫协议"));
  await session.click((await waitFor("add", async () => (await session.findAll("[data-testid=add-agreement]"))[0])));
  await session.opened("[data-testid=agreement-dialog]");
  await session.settle();
  const [saveButton] = await session.findAll("[data-testid=save-agreement]");
  const fits = await session.cmd("POST", "/execute/sync", {
    script: "const r = arguments[0].getBoundingClientRect(); return [r.bottom, window.innerHeight];",
    args: [{ "element-6066-11e4-a52e-4f735466cecf": saveButton }],
  });
  assert.ok(fits[0] <= fits[1], `the save button ends at ${fits[0]} px, below the window's ${fits[1]} px`);
  await session.screenshot(path.join(shots, "agreement-dialog-1366.png"));
  await session.click(await session.findByText("[data-testid=agreement-dialog] .el-dialog__footer button", "取消"));
  await waitFor("the dialog closed", async () => (await session.visible(".el-overlay")) === null);

  step("an inspection's history reads like the screen");
  const demoDb = path.join(work, "mine-demo.db");
  // A passed inspection: the demo also holds a failed one (its plaque missing), since the money
  // loop recovers a shop's subsidy.
  const inspection = fb(demoDb, ["inspections", "list"]).find((i) => i.conclusion === "pass");
  await session.cmd("POST", "/execute/sync", { script: `location.hash = "#/inspections/${inspection.id}";`, args: [] });
  const historyButton = await waitFor("history", async () => (await session.findAll("[data-testid=inspection-history]"))[0]);
  await waitFor("the record loaded", async () => (await session.visible(".el-loading-mask")) === null);
  await session.click(historyButton);
  const drawer = await session.findByText("[data-testid=history]", "统一门牌：是");
  const history = await session.text(drawer);
  for (const raw of ["pass", "acceptance", "market_plus", "investment", "[\"", "bool", "true", "office"]) {
    assert.ok(!history.includes(raw), `the history shows ${raw}:\n${history.slice(0, 600)}`);
  }
  assert.doesNotMatch(history, /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}/, "the history shows an id instead of a name");
  await session.screenshot(path.join(shots, "history-readable.png"));

  step("退出演示 returns to the user's own database, untouched");
  await session.cmd("POST", "/execute/sync", { script: "document.querySelector('.el-drawer__close-btn')?.click();", args: [] });
  await session.settle();
  await session.click((await session.findAll("[data-testid=leave-demo]"))[0]);
  await waitFor("the first-run screen", async () => (await session.count("[data-testid=first-run]")) === 1);
  assert.equal(fb(ownDb, ["info"]).county, null, "nothing of the demo entered the user's database");
  await quit();

  step("a county started from the CLI asks for the officer's name before work starts");
  const cliDb = path.join(work, "cli-county.db");
  fb(cliDb, ["county", "create", "--code", "621227", "--name", "徽县"]);
  session = await start(application, ["--db", cliDb]);
  await session.findByText("[data-testid=not-encrypted-banner]", "台账未加密");
  await session.opened("[data-testid=field-officer] input");
  await session.type((await session.findAll("[data-testid=field-officer] input"))[0], "赵敏");
  await session.click((await session.findAll("[data-testid=save-officer]"))[0]);
  await session.findByText("[data-testid=officer]", "经办人：赵敏");
  assert.equal(fb(cliDb, ["officer", "show"]).officer, "赵敏");
});
