// End to end: encryption at rest in the desktop app, in 积石山县 (622927), not the demo county.
// The first run creates the user's database encrypted with the passphrase chosen there (a weak
// one refused under its field, what a forgotten one costs said before); restarted, the app asks
// for the passphrase before anything of the register shows (a wrong one says so); the idle lock
// (FIELDBOOK_IDLE_LOCK_SECONDS here, the county's minutes otherwise) covers everything and
// unlocking returns to the same page; the file holds no ID number or name in clear. Then a
// 积石山县 register made plain by the CLI: the 台账未加密 banner's 立即加密 converts it in place
// (the plain copy beside it deleted; the CLI now needs the passphrase), 修改口令 refuses a wrong
// current passphrase under its field and then changes it, and only the new one opens it again.
// Run by `make e2e`: node tests/e2e/encryption.e2e.mjs <fieldbook-desktop> <fieldbook CLI>
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import assert from "node:assert/strict";
import { scenario, waitFor } from "./webdriver.mjs";

const application = path.resolve(process.argv[2] ?? "target/debug/fieldbook-desktop");
const cli = path.resolve(process.argv[3] ?? "target/debug/fieldbook");
const shots = path.resolve("target/e2e");
mkdirSync(shots, { recursive: true });
const work = mkdtempSync(path.join(tmpdir(), "fieldbook-e2e-encryption-"));
const db = path.join(work, "fieldbook.db");
const PASSPHRASE = "积石山县台账二〇二六";
// The app reads it at start; tauri-driver passes its environment on to the app. Long enough
// that no step of the scenario idles into it, short enough to wait for.
const IDLE_SECONDS = 15;
process.env.FIELDBOOK_IDLE_LOCK_SECONDS = String(IDLE_SECONDS);

/** The CLI on the encrypted database, with its passphrase (FIELDBOOK_PASSPHRASE). */
const fb = (args, input) =>
  JSON.parse(
    execFileSync(cli, ["--db", db, "--officer", "马海", ...args, "--json"], {
      env: { ...process.env, FIELDBOOK_PASSPHRASE: PASSPHRASE },
      ...(input ? { input: JSON.stringify(input) } : {}),
    }),
  );

/** A resident ID of 积石山县 with a valid check digit (GB 11643). */
function residentId(birth, sequence) {
  const body = `622927${birth}${String(sequence).padStart(3, "0")}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, d, i) => s + Number(d) * weights[i], 0);
  return body + "10X98765432"[sum % 11];
}
const idNumber = residentId("19780415", 31);
const headName = "韩阿卜杜";

const bodyText = (session) => session.cmd("POST", "/execute/sync", { script: "return document.body.innerText;", args: [] });

async function unlockWith(session, passphrase) {
  await session.fill("[data-testid=field-passphrase]", passphrase);
  await session.click((await session.findAll("[data-testid=unlock-open]"))[0]);
}

await scenario("encryption", { shots, work }, async ({ step, start, quit }) => {
  let session;

  step("first run, 县电商中心: the passphrase is asked twice and what forgetting it costs is said first");
  session = await start(application, ["--db", db]);
  await waitFor("the first-run screen", async () => (await session.count("[data-testid=first-run]")) === 1);
  await session.click((await session.findAll("[data-testid=role-county]"))[0]);
  await session.fill("[data-testid=first-run] .officer-form", "马海");
  const cost = await session.text(await session.findByText("[data-testid=passphrase-cost]", "无法恢复"));
  assert.match(cost, /重新向县电商中心登记/);
  assert.match(cost, /还没有同步给县里的记录会丢失/);
  const [next] = await session.findAll("[data-testid=first-run-next]");
  assert.equal(await session.cmd("GET", `/element/${next}/enabled`), false, "no database before the cost is acknowledged");
  await session.click((await session.findAll("[data-testid=passphrase-understood]"))[0]);

  step("a weak passphrase is refused under its field, and nothing is created");
  await session.fill("[data-testid=field-passphrase]", "12345678");
  await session.fill("[data-testid=field-passphraseAgain]", "12345678");
  await session.click(next);
  await session.findByText("[data-testid=field-passphrase] .el-form-item__error", "连续的数字");
  assert.deepEqual(readdirSync(work), [], "a refused passphrase creates no file");

  step("the chosen passphrase creates the database encrypted; 积石山县 starts in it");
  await session.fill("[data-testid=field-passphrase]", PASSPHRASE);
  await session.fill("[data-testid=field-passphraseAgain]", PASSPHRASE);
  await session.click(next);
  await session.fill("[data-testid=field-name]", "积石山县");
  await session.fill("[data-testid=field-code]", "622927");
  await session.click((await session.findAll("[data-testid=county-create]"))[0]);
  await session.findByText("[data-testid=county-created]", "积石山县（622927）");
  await session.type((await session.findAll("input[data-testid=township-code]"))[0], "622927100");
  await session.type((await session.findAll("input[data-testid=township-name]"))[0], "吹麻滩镇");
  await session.click((await session.findAll("[data-testid=township-add]"))[0]);
  await waitFor("the township", async () => (await session.count("[data-testid=setup-townships] tr.el-table__row")) === 1);
  await session.click((await session.findAll("[data-testid=county-finish]"))[0]);
  await session.findByText("[data-testid=county-fingerprint]", "");
  await session.click((await session.findAll("[data-testid=first-run-done]"))[0]);
  await session.findByText("[data-testid=county]", "积石山县 · 622927");
  assert.equal(await session.count("[data-testid=not-encrypted-banner]"), 0);
  await quit();

  step("the CLI reads it only with the passphrase; a household with an ID number goes in");
  const refused = (() => {
    try {
      execFileSync(cli, ["--db", db, "info", "--json"], { env: { ...process.env, FIELDBOOK_PASSPHRASE: "" }, stdio: "pipe" });
      return null;
    } catch (error) {
      return JSON.parse(error.stdout.toString());
    }
  })();
  assert.equal(refused?.error?.code, "STORE_NOT_A_DATABASE", JSON.stringify(refused));
  fb(["places", "add", "--township", "吹麻滩镇", "--code", "622927100201", "--name", "大河家村", "--poor"]);
  const villages = fb(["places", "list"]);
  const village = (villages.rows ?? villages).find((v) => v.name === "大河家村");
  fb(["households", "add"], { headName, idNumber, size: 4, villageId: village.id, villageGroup: "二组", category: "general" });

  step("restarted, the app asks for the passphrase before anything of the register shows");
  session = await start(application, ["--db", db]);
  await waitFor("the unlock screen", async () => (await session.count("[data-testid=unlock]")) === 1);
  assert.equal(await session.count("[data-testid=nav]"), 0, "no menu behind the unlock screen");
  const locked = await bodyText(session);
  assert.ok(locked.includes(db), "the unlock screen names the database");
  assert.ok(!locked.includes("积石山县") && !locked.includes(headName), `the register shows:\n${locked}`);
  await session.screenshot(path.join(shots, "unlock.png"));

  step("a wrong passphrase says so and lets the officer try again");
  await unlockWith(session, "积石山县台账二〇二七");
  await session.findByText("[data-testid=field-passphrase] .el-form-item__error", "口令");
  assert.equal(await session.count("[data-testid=nav]"), 0);
  await unlockWith(session, PASSPHRASE);
  await session.findByText("[data-testid=county]", "积石山县 · 622927");

  step("on the households screen, the idle lock covers everything after the delay");
  await session.click(await session.findByText("[data-testid=nav] .el-menu-item", "建档立卡户"));
  await session.findByText("body", headName);
  await waitFor("the idle lock", async () => (await session.count("[data-testid=unlock]")) === 1, (IDLE_SECONDS + 30) * 1000);
  assert.equal(await session.count("[data-testid=nav]"), 0);
  await session.settle(); // the header's county tag leaves with a transition
  const covered = await bodyText(session);
  assert.ok(!covered.includes(headName) && !covered.includes("积石山县"), `the register shows behind the lock:\n${covered}`);
  await session.findByText("[data-testid=unlock]", "无人操作");
  await session.screenshot(path.join(shots, "idle-lock.png"));

  step("unlocking returns to the same page");
  await unlockWith(session, PASSPHRASE);
  await session.findByText("body", headName);
  const hash = await session.cmd("POST", "/execute/sync", { script: "return location.hash;", args: [] });
  assert.match(hash, /households/);
  await quit();

  step("the database file holds no ID number and no name in clear");
  for (const file of readdirSync(work).filter((f) => f.startsWith("fieldbook.db"))) {
    const bytes = readFileSync(path.join(work, file));
    for (const secret of [idNumber, headName, "积石山县"]) {
      assert.equal(bytes.indexOf(Buffer.from(secret, "utf8")), -1, `${file} holds ${secret} in clear`);
    }
  }
  // A register made by the CLI, plain (as before encryption): converted from the banner.
  const plainDb = path.join(work, "cli.db");
  const CONVERTED = "积石山县大河家二〇二六";
  const CHANGED = "积石山县新口令二〇二七";
  const onPlain = (args, { passphrase = "", input } = {}) =>
    JSON.parse(
      execFileSync(cli, ["--db", plainDb, "--officer", "马海", ...args, "--json"], {
        env: { ...process.env, FIELDBOOK_PASSPHRASE: passphrase },
        ...(input ? { input: JSON.stringify(input) } : {}),
      }),
    );
  /** The CLI's refusal without `passphrase` (its JSON error), or null when it opened. */
  const cliRefusal = (passphrase) => {
    try {
      execFileSync(cli, ["--db", plainDb, "info", "--json"], { env: { ...process.env, FIELDBOOK_PASSPHRASE: passphrase }, stdio: "pipe" });
      return null;
    } catch (error) {
      return JSON.parse(error.stdout.toString());
    }
  };
  /** Whether the register's files (the database and its journals) hold `secret` in clear. */
  const inClear = (secret) =>
    readdirSync(work)
      .filter((f) => f.startsWith("cli.db") && !f.endsWith(".bak"))
      .some((f) => readFileSync(path.join(work, f)).indexOf(Buffer.from(secret, "utf8")) !== -1);
  const plainId = residentId("19850612", 47);
  const plainHead = "马尕西木";

  step("a 积石山县 register made by the CLI is plain, with a plain copy an upgrade left beside it");
  onPlain(["county", "create", "--code", "622927", "--name", "积石山县"]);
  onPlain(["officer", "set", "马海"]);
  onPlain(["places", "add-township", "--code", "622927101", "--name", "大河家镇"]);
  onPlain(["places", "add", "--township", "大河家镇", "--code", "622927101201", "--name", "大河村"]);
  const plainVillages = onPlain(["places", "list"]);
  const plainVillage = (plainVillages.rows ?? plainVillages).find((v) => v.name === "大河村");
  onPlain(["households", "add"], {
    input: { headName: plainHead, idNumber: plainId, size: 3, villageId: plainVillage.id, villageGroup: "一组", category: "general" },
  });
  assert.ok(inClear(plainId), "the plain register shows the ID number");
  const plainCopy = `${plainDb}.v24.bak`;
  copyFileSync(plainDb, plainCopy);

  step("the banner's 立即加密 opens the dialog: nothing before 我已了解, a weak passphrase refused");
  session = await start(application, ["--db", plainDb]);
  await session.findByText("[data-testid=not-encrypted-banner]", "台账未加密");
  await session.click((await session.findAll("[data-testid=encrypt-now]"))[0]);
  await session.opened("[data-testid=encrypt-dialog]");
  const [encryptSave] = await session.findAll("[data-testid=encrypt-save]");
  assert.equal(await session.cmd("GET", `/element/${encryptSave}/enabled`), false, "nothing before the cost is acknowledged");
  await session.findByText("[data-testid=encrypt-dialog]", "同样的身份证号");
  const [removeCopies] = await session.findAll("[data-testid=encrypt-remove-copies] input");
  assert.equal(await session.cmd("GET", `/element/${removeCopies}/selected`), true, "the plain copies go by default");
  await session.fill("[data-testid=field-passphrase]", "12345678");
  await session.fill("[data-testid=field-passphraseAgain]", "12345678");
  await session.click((await session.findAll("[data-testid=passphrase-understood]"))[0]);
  await session.click(encryptSave);
  await session.findByText("[data-testid=field-passphrase] .el-form-item__error", "连续的数字");
  assert.ok(inClear(plainId), "a refused passphrase converts nothing");
  assert.equal(await session.count("[data-testid=not-encrypted-banner]"), 1);

  step("the chosen passphrase converts the register in place: the banner goes");
  await session.fill("[data-testid=field-passphrase]", CONVERTED);
  await session.fill("[data-testid=field-passphraseAgain]", CONVERTED);
  await session.screenshot(path.join(shots, "encrypt-dialog.png"));
  await session.click(encryptSave);
  await waitFor("the banner to go", async () => (await session.count("[data-testid=not-encrypted-banner]")) === 0);
  await session.findByText("[data-testid=county]", "积石山县 · 622927");

  step("on disk no ID number, the plain copy deleted, and the CLI needs FIELDBOOK_PASSPHRASE");
  for (const secret of [plainId, plainHead]) assert.ok(!inClear(secret), `the converted register holds ${secret} in clear`);
  assert.ok(!existsSync(plainCopy), "the plain copy was deleted");
  assert.equal(cliRefusal("")?.error?.code, "STORE_NOT_A_DATABASE");
  assert.equal(onPlain(["info"], { passphrase: CONVERTED }).county.name, "积石山县");

  step("修改口令 (同步): a wrong current passphrase is refused under its field, then it changes");
  await session.click(await session.findByText("[data-testid=nav] .el-menu-item", "同步"));
  const changeButton = await waitFor("the 台账加密 card", async () => {
    const [found] = await session.findAll("[data-testid=encryption-change]");
    if (found) return found;
    // On the county hub the card is under 县级设置.
    const tab = await session.visible(".el-tabs__item", "县级设置");
    if (tab) await session.click(tab);
    return null;
  });
  await session.findByText("[data-testid=encryption-status]", "已加密");
  await session.click(changeButton);
  await session.opened("[data-testid=change-passphrase-dialog]");
  await session.fill("[data-testid=field-current]", "积石山县大河家二〇二五");
  await session.fill("[data-testid=field-passphrase]", CHANGED);
  await session.fill("[data-testid=field-passphraseAgain]", CHANGED);
  const [changeSave] = await session.findAll("[data-testid=change-passphrase-save]");
  await session.click(changeSave);
  await session.findByText("[data-testid=field-current] .el-form-item__error", "当前口令不对");
  assert.equal(onPlain(["info"], { passphrase: CONVERTED }).county.name, "积石山县", "a refused change keeps the passphrase");
  await session.fill("[data-testid=field-current]", CONVERTED);
  await session.click(changeSave);
  await waitFor("the dialog to close", async () => (await session.visible("[data-testid=change-passphrase-dialog]")) === null);
  assert.equal(cliRefusal(CONVERTED)?.error?.code, "STORE_PASSPHRASE_WRONG", "the old passphrase no longer opens it");
  assert.equal(onPlain(["info"], { passphrase: CHANGED }).county.name, "积石山县");

  step("the idle lock applies to the converted register; restarted, only the new passphrase opens it");
  await waitFor("the idle lock", async () => (await session.count("[data-testid=unlock]")) === 1, (IDLE_SECONDS + 30) * 1000);
  await quit();
  session = await start(application, ["--db", plainDb]);
  await waitFor("the unlock screen", async () => (await session.count("[data-testid=unlock]")) === 1);
  await unlockWith(session, CONVERTED);
  await session.findByText("[data-testid=field-passphrase] .el-form-item__error", "口令");
  await unlockWith(session, CHANGED);
  await session.findByText("[data-testid=county]", "积石山县 · 622927");
  assert.equal(await session.count("[data-testid=not-encrypted-banner]"), 0);
  await quit();
});
