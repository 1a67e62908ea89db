// End to end: backups in a county that is not the demo. 积石山县 (622927), started from the CLI
// with an officer and a township, has never been backed up: the shell shows the reminder. The
// officer follows it to 同步, presses 立即备份 (FIELDBOOK_SAVE_DIR stands in for the save
// dialog); the file exists, the card says when and where, the reminder is gone, and the CLI
// verifies the file. Screenshot at 1366×768: `backup.png`.
// Run: node tests/e2e/backup.e2e.mjs <fieldbook-desktop> <fieldbook CLI>
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import assert from "node:assert/strict";
import { scenario, waitFor } from "./webdriver.mjs";

const application = path.resolve(process.argv[2] ?? "target/debug/fieldbook-desktop");
const cli = path.resolve(process.argv[3] ?? "target/debug/fieldbook");
const shots = path.resolve("target/e2e");
mkdirSync(shots, { recursive: true });
const work = mkdtempSync(path.join(tmpdir(), "fieldbook-e2e-backup-"));
const save = path.join(work, "save");
mkdirSync(save);
process.env.FIELDBOOK_SAVE_DIR = save;
const db = path.join(work, "jishishan.db");
const fb = (args) => JSON.parse(execFileSync(cli, ["--db", db, ...args, "--json"]));

fb(["county", "create", "--code", "622927", "--name", "积石山县"]);
execFileSync(cli, ["--db", db, "officer", "set", "马丽"]);
fb(["places", "add-township", "--code", "622927100", "--name", "吹麻滩镇"]);

await scenario("backup", { shots, work }, async ({ step, start }) => {
  step("a county never backed up is reminded in the shell");
  const session = await start(application, ["--db", db]);
  await session.findByText("[data-testid=backup-reminder]", "没有备份");

  step("the reminder leads to 同步, where 立即备份 saves one file");
  await session.click((await session.findAll("[data-testid=backup-reminder-go]"))[0]);
  await session.opened("[data-testid=backup-card]");
  await session.findByText("[data-testid=backup-last]", "从未备份");
  await session.click((await session.findAll("[data-testid=backup-now]"))[0]);
  await session.findByText("[data-testid=backup-last-file]", "台账备份-积石山县-");
  const files = await waitFor("the backup file", async () => {
    const found = readdirSync(save).filter((f) => f.endsWith(".zip"));
    return found.length ? found : null;
  });
  assert.equal(files.length, 1, `one backup file: ${files}`);
  const file = path.join(save, files[0]);
  assert.ok(existsSync(file));
  assert.ok(!readdirSync(save).some((f) => f.endsWith(".part")), "no partial file left");

  step("the reminder is gone, and the CLI finds the backup sound");
  await waitFor("the reminder to go", async () => (await session.count("[data-testid=backup-reminder]")) === 0);
  const checked = fb(["backup", "verify", file]);
  assert.equal(checked.manifest.county.name, "积石山县");
  assert.equal(checked.manifest.tables.township, 1);
  await session.cmd("POST", "/execute/sync", {
    script: "document.querySelector('[data-testid=backup-card]').scrollIntoView();",
    args: [],
  });
  await session.settle();
  await session.screenshot(path.join(shots, "backup.png"));
});
