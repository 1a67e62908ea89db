// End to end: the county hub set up, a laptop enrolled and then revoked, all from the desktop.
// The demo county's database, not yet set up for sync, offers both paths on the Sync page; the clerk sets it up as the
// county hub (the dialog says what that does, then shows the county's fingerprint) and enrolls a
// 鸡峰镇 laptop from its request file (the laptop side runs the CLI); its first batch imports;
// the clerk revokes it from the device list (the confirmation names it), the list shows it
// 已注销 with the date, and its next batch is refused, nothing written.
// Run by `make e2e`: node tests/e2e/sync-county.e2e.mjs <fieldbook-desktop> <fieldbook CLI>
import { execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import assert from "node:assert/strict";
import { loadDemo, scenario, waitFor } from "./webdriver.mjs";

const application = path.resolve(process.argv[2] ?? "target/debug/fieldbook-desktop");
const cli = path.resolve(process.argv[3] ?? "target/debug/fieldbook");
const shots = path.resolve("target/e2e");
mkdirSync(shots, { recursive: true });
const work = mkdtempSync(path.join(tmpdir(), "fieldbook-e2e-county-"));
const county = path.join(work, "county.db");
const laptop = path.join(work, "laptop.db");
const save = path.join(work, "save");
mkdirSync(save);
process.env.FIELDBOOK_SAVE_DIR = save;
const file = (name) => path.join(work, name);
/** Runs the CLI with --json; answers [exit code, parsed stdout]. */
const run = (db, officer, args, input) => {
  try {
    const out = execFileSync(cli, ["--db", db, ...args, "--json"], {
      env: { ...process.env, FIELDBOOK_OFFICER: officer },
      input,
      stdio: ["pipe", "pipe", "pipe"],
    });
    return [0, JSON.parse(out)];
  } catch (error) {
    if (error.status === undefined) throw error;
    return [error.status, JSON.parse(error.stdout.toString() || "null")];
  }
};
const ok = (db, officer, args, input) => {
  const [code, out] = run(db, officer, args, input);
  assert.equal(code, 0, JSON.stringify(out));
  return out;
};
const asCounty = (...args) => ok(county, "县办李娜", args);
const asLaptop = (...args) => ok(laptop, "王芳", args);
const editOnLaptop = (id, change) => {
  const { household } = asLaptop("households", "show", id);
  ok(laptop, "王芳", ["households", "edit", id], JSON.stringify({ ...household, ...change }));
};

await scenario("sync-county", { shots, work }, async ({ step, start }) => {
  step("the demo county's database, not set up for sync: the Sync page offers both paths");
  loadDemo(cli, county);
  const session = await start(application, ["--db", county]);
  await session.click(await session.findByText("[data-testid=nav] .el-menu-item", "同步"));
  await session.findByText("[data-testid=sync-device-setup]", "本机是乡镇设备：申请登记");
  await session.findByText("[data-testid=sync-county-setup]", "本机是县电商中心：初始化县级中心");
  assert.equal(asCounty("sync", "status").mode, "none");

  step("初始化县级中心: the dialog says what it does; once confirmed it shows the county's fingerprint");
  await session.click((await session.findAll("[data-testid=sync-county-init]"))[0]);
  await session.opened("[data-testid=sync-county-init-dialog]");
  const dialog = await session.findByText("[data-testid=sync-county-init-dialog]", "签名密钥和加密密钥");
  const explained = await session.text(dialog);
  for (const words of ["不能撤销", "备份", county]) assert.ok(explained.includes(words), explained);
  await session.click((await session.findAll("[data-testid=sync-county-init-understood]"))[0]);
  await session.screenshot(path.join(shots, "sync-county-init-confirm.png"));
  await session.click((await session.findAll("[data-testid=sync-county-init-confirm]"))[0]);
  const shown = await session.text(await session.findByText("[data-testid=sync-county-fingerprint]", "-"));
  const status = asCounty("sync", "status");
  assert.equal(status.mode, "county");
  assert.equal(status.countyFingerprint, shown.trim());
  await session.screenshot(path.join(shots, "sync-county-init.png"));
  await session.click((await session.findAll("[data-testid=sync-county-init-done]"))[0]);
  await session.findByText("[data-testid=sync-county-header-fingerprint]", shown.trim());

  step("登记设备: the clerk reads the 鸡峰镇 laptop's request, checks its fingerprint and enrolls it");
  const request = asLaptop("device", "request", "--out", file("request.json"));
  await session.click(await session.findByText("[data-testid=sync-county] .el-tabs__item", "已登记设备"));
  const [requestPicker] = await session.findAll("[data-testid=sync-request-file]");
  await session.cmd("POST", `/element/${requestPicker}/value`, { text: file("request.json") });
  await session.opened("[data-testid=sync-enroll-dialog]");
  await session.findByText("[data-testid=sync-request-fingerprint]", request.deviceFingerprint);
  await session.findByText("[data-testid=sync-enroll-dialog]", "王芳");
  await session.pick("[data-testid=sync-enroll-township]", "鸡峰镇");
  await session.click((await session.findAll("[data-testid=sync-enroll-checked]"))[0]);
  await session.screenshot(path.join(shots, "sync-county-enroll-check.png"));
  await session.click((await session.findAll("[data-testid=sync-enroll-confirm]"))[0]);
  const saved = await session.text(await session.findByText("[data-testid=sync-enroll-answer]", "保存在"));
  await session.findByText("[data-testid=sync-enroll-county-fingerprint]", shown.trim());
  await session.screenshot(path.join(shots, "sync-county-enroll.png"));
  await session.click((await session.findAll("[data-testid=sync-enroll-done]"))[0]);
  await session.findByText("[data-testid=sync-devices] td", "王芳");
  const answer = await waitFor("the answer file", async () => readdirSync(save).find((f) => f.startsWith("登记答复")));
  assert.ok(saved.includes(answer), saved);

  step("the laptop applies the answer (CLI) and pins the county; its first batch imports");
  const enrolled = asLaptop("device", "enroll", path.join(save, answer));
  assert.equal(enrolled.countyFingerprint, shown.trim(), "the laptop pins the fingerprint the clerk read out");
  assert.equal(enrolled.townshipCode, "621221101");
  asCounty("sync", "package", "--device", request.deviceId, "--out", file("p0.fbpkg"));
  asLaptop("sync", "apply", file("p0.fbpkg"));
  const [a, b] = asLaptop("households", "list", "--township", "鸡峰镇", "--limit", "2").rows;
  editOnLaptop(a.id, { phone: "13800138000" });
  asLaptop("sync", "export", "--out", file("b1.fbsync"));
  assert.equal(asCounty("sync", "import", file("b1.fbsync")).outcome, "applied");

  step("注销 from the device list: the confirmation names the device, township and officer");
  await session.click(await session.findByText("[data-testid=sync-county] .el-tabs__item", "导入同步包"));
  await session.click(await session.findByText("[data-testid=sync-county] .el-tabs__item", "已登记设备"));
  await session.findByText("[data-testid=sync-devices] td", "王芳");
  await session.click((await session.findAll("[data-testid=sync-revoke]"))[0]);
  await session.opened("[data-testid=sync-revoke-dialog]");
  const question = await session.text(await session.findByText("[data-testid=sync-revoke-question]", "鸡峰镇"));
  for (const words of ["王芳", request.deviceId.slice(0, 8), request.deviceFingerprint]) {
    assert.ok(question.includes(words), question);
  }
  await session.findByText("[data-testid=sync-revoke-dialog]", "一律拒收");
  await session.screenshot(path.join(shots, "sync-county-revoke-confirm.png"));
  await session.click((await session.findAll("[data-testid=sync-revoke-confirm]"))[0]);
  await session.findByText("[data-testid=sync-device-status]", "已注销");
  const [device] = asCounty("county", "devices");
  assert.equal(device.status, "revoked");
  assert.ok(device.revokedAt, "revokedAt set");
  const y = new Date(device.revokedAt);
  const date = `${y.getFullYear()}年${y.getMonth() + 1}月${y.getDate()}日`;
  await session.findByText("[data-testid=sync-device-status]", `已注销 ${date}`);
  assert.equal((await session.findAll("[data-testid=sync-revoke]")).length, 0, "no 注销 for a revoked device");
  await session.settle(3500); // the message fades
  await session.screenshot(path.join(shots, "sync-county-revoke.png"));

  step("the revoked laptop's next batch is refused, in the app and by the CLI; nothing written");
  editOnLaptop(b.id, { notes: "注销后的修改" });
  asLaptop("sync", "export", "--out", file("b2.fbsync"));
  const before = asCounty("households", "show", b.id).household;
  await session.click(await session.findByText("[data-testid=sync-county] .el-tabs__item", "导入同步包"));
  const [picker] = await session.findAll("[data-testid=sync-batch-file]");
  await session.cmd("POST", `/element/${picker}/value`, { text: file("b2.fbsync") });
  await session.findByText("[data-testid=sync-error]", "已注销");
  assert.equal((await session.findAll("[data-testid=sync-confirm-import]")).length, 0);
  const [code, refused] = run(county, "县办李娜", ["sync", "import", file("b2.fbsync")]);
  assert.equal(code, 1);
  assert.equal(refused.error.code, "SYNC_DEVICE_REVOKED");
  assert.deepEqual(asCounty("households", "show", b.id).household, before);
  await waitFor("the county log intact", async () => asCounty("verify-log").firstBroken === null);
});
