// End to end: two databases on one machine. The desktop app, as the 鸡峰镇 laptop, exports a
// sync file; the county imports it with the CLI (one field edited on both sides becomes a
// conflict); the county's receipt and reference package go back and the laptop's Sync page
// shows everything acknowledged; the county's app shows the conflict side by side and the
// clerk resolves it with a note. A household an older version let the officer register in
// another township's village is refused by the county and named in its receipt; the laptop's
// Sync page lists it, the officer voids it there, and the next batch imports.
// Run by `make e2e`: node tests/e2e/sync.e2e.mjs <fieldbook-desktop> <fieldbook CLI>
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
const work = mkdtempSync(path.join(tmpdir(), "fieldbook-e2e-sync-"));
const county = path.join(work, "county.db");
const laptop = path.join(work, "laptop.db");
const save = path.join(work, "save");
mkdirSync(save);
// The app saves the files it makes here (inherited through tauri-driver).
process.env.FIELDBOOK_SAVE_DIR = save;
const file = (name) => path.join(work, name);
const fb = (db, officer, args, input) =>
  JSON.parse(
    execFileSync(cli, ["--db", db, ...args, "--json"], {
      env: { ...process.env, FIELDBOOK_OFFICER: officer },
      input,
    }),
  );
const asCounty = (...args) => fb(county, "县办李娜", args);
const asLaptop = (...args) => fb(laptop, "王芳", args);

await scenario("sync", { shots, work }, async ({ step, start, quit }) => {
  let session;

  step("the county hub enrolls the 鸡峰镇 laptop, which adopts the county's register");
  execFileSync(cli, ["--db", county, "demo"]);
  asCounty("county", "init");
  const request = asLaptop("device", "request", "--out", file("request.json"));
  const answer = asCounty("county", "enroll", file("request.json"), "--township", "621221101", "--out", file("answer.json"));
  assert.equal(answer.deviceFingerprint, request.deviceFingerprint);
  asLaptop("device", "enroll", file("answer.json"));
  asCounty("sync", "package", "--device", request.deviceId, "--out", file("p0.fbpkg"));
  asLaptop("sync", "apply", file("p0.fbpkg"));

  step("the officer edits two households offline; the county renames one of them too");
  const [a, b] = asLaptop("households", "list", "--township", "鸡峰镇", "--limit", "2").rows;
  const edit = (who, id, change) => {
    const { household } = fb(who === "county" ? county : laptop, who === "county" ? "县办李娜" : "王芳", ["households", "show", id]);
    const input = { ...household, ...change };
    fb(who === "county" ? county : laptop, who === "county" ? "县办李娜" : "王芳", ["households", "edit", id], JSON.stringify(input));
  };
  edit("laptop", a.id, { phone: "13800138000" });
  edit("laptop", b.id, { headName: `${b.headName}甲` });
  edit("county", b.id, { headName: `${b.headName}乙` });

  step("an older version registered a household in a village of 宋坪乡 (another township)");
  // As that version wrote it: the village's rows as the county holds them, and the household
  // written while the laptop's own township check did not exist yet (sync mode read as none).
  const places = asCounty("places", "list", "--township", "宋坪乡");
  const away = (places.rows ?? places)[0];
  const sql = (statements) => execFileSync("sqlite3", [laptop], { input: statements });
  sql(`ATTACH '${county}' AS c;
       INSERT INTO township SELECT * FROM c.township WHERE id = (SELECT township_id FROM c.village WHERE id = '${away.id}');
       INSERT INTO village SELECT * FROM c.village WHERE id = '${away.id}';
       UPDATE sync_meta SET value = 'none' WHERE key = 'mode';`);
  const body = "62122119870307031";
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((total, d, i) => total + Number(d) * weights[i], 0);
  const stray = fb(
    laptop,
    "王芳",
    ["households", "add"],
    JSON.stringify({
      headName: "外乡户",
      idNumber: body + "10X98765432"[sum % 11],
      size: 2,
      villageId: away.id,
      category: "general",
    }),
  );
  const strayId = stray.record?.id ?? stray.id;
  sql("UPDATE sync_meta SET value = 'device' WHERE key = 'mode';");

  asLaptop("officer", "set", "王芳");
  session = await start(application, ["--db", laptop]);
  step("the laptop's Sync page lists the pending changes; 导出同步包");
  await session.click(await session.findByText("[data-testid=nav] .el-menu-item", "同步"));
  await session.findByText("[data-testid=sync-pending]", "农户");
  await session.click((await session.findAll("[data-testid=sync-export]"))[0]);
  await session.findByText("[data-testid=sync-result]", "保存在");
  const batch = await waitFor("the sync file", async () => readdirSync(save).find((f) => f.endsWith(".fbsync")));

  step("the county imports it with the CLI: a dry run, then the import; one conflict");
  const dry = asCounty("sync", "import", path.join(save, batch), "--dry-run");
  assert.equal(dry.dryRun, true);
  const report = asCounty("sync", "import", path.join(save, batch));
  assert.equal(report.outcome, "applied");
  assert.deepEqual(report.entities.household, dry.entities.household);
  assert.equal(report.entities.household.changed, 1);
  assert.equal(report.entities.household.conflicts, 1);
  assert.deepEqual(
    report.refused.map((r) => [r.recordId, r.code]),
    [[strayId, "SYNC_OTHER_TOWNSHIP"]],
  );
  assert.equal(asCounty("sync", "import", path.join(save, batch)).outcome, "duplicate");
  const conflicts = asCounty("conflicts", "list");
  assert.equal(conflicts.length, 1);
  assert.equal(conflicts[0].county, `${b.headName}乙`);

  step("the receipt and reference package go back; the laptop applies them in the app");
  asCounty("sync", "package", "--device", request.deviceId, "--out", file("p1.fbpkg"));
  const [picker] = await session.findAll("[data-testid=sync-apply-file]");
  await session.cmd("POST", `/element/${picker}/value`, { text: file("p1.fbpkg") });
  await session.findByText("[data-testid=sync-result]", "已应用");
  await session.findByText("[data-testid=sync-all-acked]", "全部修改县里都已确认");
  const receipt = await session.text((await session.findAll("[data-testid=sync-last-receipt]"))[0]);
  assert.notEqual(receipt, "尚无");
  await session.settle(3500); // the messages fade
  await session.screenshot(path.join(shots, "sync-device.png"));
  const status = asLaptop("sync", "status");
  assert.deepEqual(status.pending, {});
  assert.equal(status.ackedSeq, report.seqTo);

  step("the Sync page lists the household the county refused; the officer voids it there");
  const refusedRow = await session.findByText("[data-testid=sync-refused] tr.el-table__row", strayId.slice(0, 8));
  const refusedText = await session.text(refusedRow);
  assert.ok(refusedText.includes("其他乡镇") && refusedText.includes("改到本乡镇的村"), refusedText);
  await session.settle();
  await session.screenshot(path.join(shots, "sync-refused.png"));
  await session.click((await session.findAll("[data-testid=sync-refused-void]"))[0]);
  await session.opened("[data-testid=void-dialog]");
  const [reason] = await session.findAll("[data-testid=field-reason] textarea");
  await session.type(reason, "录错乡镇，该户属宋坪乡");
  await session.click((await session.findAll("[data-testid=confirm-void]"))[0]);
  await waitFor("the refused list emptied", async () => (await session.count("[data-testid=sync-refused]")) === 0);
  assert.deepEqual(asLaptop("sync", "refused"), []);

  step("the next batch imports: the void is acknowledged and nothing waits");
  await session.settle(3500); // the messages fade
  await session.click((await session.findAll("[data-testid=sync-export]"))[0]);
  const second = await waitFor("the second sync file", async () =>
    readdirSync(save).find((f) => f.endsWith(".fbsync") && f !== batch),
  );
  const again = asCounty("sync", "import", path.join(save, second));
  assert.equal(again.outcome, "applied");
  asCounty("sync", "package", "--device", request.deviceId, "--out", file("p2.fbpkg"));
  const [picker2] = await session.findAll("[data-testid=sync-apply-file]");
  await session.cmd("POST", `/element/${picker2}/value`, { text: file("p2.fbpkg") });
  await waitFor("everything acknowledged", async () => {
    const now = asLaptop("sync", "status");
    return Object.keys(now.pending).length === 0 && now.ackedSeq === again.seqTo;
  });
  await quit();

  step("the county's app shows the conflict side by side; the clerk resolves it with a note");
  session = await start(application, ["--db", county]);
  await session.click(await session.findByText("[data-testid=nav] .el-menu-item", "同步"));
  await session.click(await session.findByText("[data-testid=sync-county] .el-tabs__item", "冲突审核"));
  const row = await session.findByText("[data-testid=sync-conflict-table] tr.el-table__row", `${b.headName}乙`);
  const cells = await session.text(row);
  assert.ok(cells.includes(b.headName) && cells.includes(`${b.headName}甲`), cells);
  await session.settle();
  await session.screenshot(path.join(shots, "sync-county-conflicts.png"));
  await session.click((await session.findAll("[data-testid=sync-resolve]"))[0]);
  await session.opened("[data-testid=sync-resolve-dialog]");
  await session.settle();
  await session.click(await session.findByText("[data-testid=sync-resolve-dialog] .el-radio", "设备的值"));
  await session.fill("[data-testid=sync-note]", "经核对户口本，以设备为准");
  await session.click((await session.findAll("[data-testid=sync-resolve-save]"))[0]);
  await waitFor("the conflict resolved", async () => asCounty("conflicts", "list").length === 0);
  const { household } = fb(county, "县办李娜", ["households", "show", b.id]);
  assert.equal(household.headName, `${b.headName}甲`);
  assert.equal(asCounty("verify-log").firstBroken, null);
  assert.equal(asLaptop("verify-log").firstBroken, null);
});
