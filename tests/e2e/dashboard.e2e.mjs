// End to end: 首页, the home dashboard, on the county hub and on a township laptop. The hub holds
// the demo county's records (programmes with their targets, inspections, training, funds) and
// has enrolled a 鸡峰镇 laptop whose first batch it imported with the CLI. In the app the
// county's dashboard shows the gauges, the bars by township, the monthly line and when each
// township last sent a batch; a click on 合格 opens the inspections list filtered as the figure
// counts, and the list holds exactly that many rows. The laptop's dashboard is 鸡峰镇's alone,
// with its own last sync instead of the townships' panel. Screens at 1366×768.
// (The core's tests check every panel against its list in 托里县, a county set up from scratch.)
// Run by `make e2e`: node tests/e2e/dashboard.e2e.mjs <fieldbook-desktop> <fieldbook CLI>
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import assert from "node:assert/strict";
import { scenario, waitFor } from "./webdriver.mjs";

const application = path.resolve(process.argv[2] ?? "target/debug/fieldbook-desktop");
const cli = path.resolve(process.argv[3] ?? "target/debug/fieldbook");
const shots = path.resolve("target/e2e");
mkdirSync(shots, { recursive: true });
const work = mkdtempSync(path.join(tmpdir(), "fieldbook-e2e-dashboard-"));
const county = path.join(work, "county.db");
const laptop = path.join(work, "laptop.db");
const file = (name) => path.join(work, name);
const fb = (db, officer, args) =>
  JSON.parse(execFileSync(cli, ["--db", db, ...args, "--json"], { env: { ...process.env, FIELDBOOK_OFFICER: officer } }));
const asCounty = (...args) => fb(county, "县办李娜", args);
const asLaptop = (...args) => fb(laptop, "王芳", args);

// ---- the hub and a 鸡峰镇 laptop, from the CLI ----------------------------------------------
execFileSync(cli, ["--db", county, "demo"], { stdio: ["ignore", "ignore", "inherit"] });
asCounty("county", "init");
const request = asLaptop("device", "request", "--out", file("request.json"));
asCounty("county", "enroll", file("request.json"), "--township", "621221101", "--out", file("answer.json"));
asLaptop("device", "enroll", file("answer.json"));
asCounty("sync", "package", "--device", request.deviceId, "--out", file("p0.fbpkg"));
asLaptop("sync", "apply", file("p0.fbpkg"));
const [household] = asLaptop("households", "list", "--limit", "1").rows;
const { household: record } = asLaptop("households", "show", household.id);
execFileSync(cli, ["--db", laptop, "households", "edit", household.id, "--json"], {
  env: { ...process.env, FIELDBOOK_OFFICER: "王芳" },
  input: JSON.stringify({ ...record, phone: "13800138000" }),
});
asLaptop("sync", "export", "--out", file("b1.fbsync"));
asCounty("sync", "import", file("b1.fbsync"));

execFileSync(cli, ["--db", county, "officer", "set", "县办李娜"]);
execFileSync(cli, ["--db", laptop, "officer", "set", "王芳"]);

const hub = asCounty("dashboard");
const own = asLaptop("dashboard");
assert.equal(own.scope, "township");
assert.equal(own.townshipName, "鸡峰镇");

/** The number shown in a figure (its first line). */
async function figure(session, testid) {
  const [el] = await session.findAll(`[data-testid=${testid}] .figure-value`);
  return Number((await session.text(el)).trim());
}

await scenario("dashboard", { shots, work }, async ({ step, start }) => {
  step("the county's 首页: targets, funds, inspections, training, townships and their batches");
  let session = await start(application, ["--db", county]);
  await session.cmd("POST", "/window/rect", { width: 1366, height: 768 });
  await session.findByText("[data-testid=nav] .el-menu-item", "首页");
  await waitFor("the programme gauges", async () => (await session.count("[data-testid=dashboard-programme-targets]")) === hub.programmes.length);
  await session.findByText("[data-testid=township-batches]", "鸡峰镇");
  const passed = await figure(session, "fig-inspections-passed");
  assert.equal(passed, hub.inspections.passed.count, "the app shows the core's figure");
  assert.ok(passed > 0, "the demo has accepted shops");
  await session.settle(800);
  await session.screenshot(path.join(shots, "dashboard-county.png"));

  step("合格 clicks through to the inspections it counts, the same number of rows");
  await session.click((await session.findAll("[data-testid=fig-inspections-passed]"))[0]);
  await session.findByText("[data-testid=drill-tag]", "合格");
  await waitFor(`${passed} inspections listed`, async () => (await session.count("[data-testid=inspections] tr.el-table__row")) === passed);
  await session.findByText("[data-testid=inspections]", `（${passed}）`);
  await session.settle();
  await session.screenshot(path.join(shots, "dashboard-clickthrough.png"));

  step("a township laptop's 首页: 鸡峰镇 alone, with its own last sync");
  session = await start(application, ["--db", laptop]);
  await session.cmd("POST", "/window/rect", { width: 1366, height: 768 });
  await session.findByText("[data-testid=dashboard]", "鸡峰镇工作进展");
  await session.findByText("[data-testid=own-sync]", "最近导出");
  assert.equal(await session.count("[data-testid=township-batches]"), 0, "no townships' panel on a laptop");
  assert.equal(await session.count("[data-testid=dashboard-township]"), 0, "no township filter on a laptop");
  assert.equal(await figure(session, "fig-inspections-passed"), own.inspections.passed.count);
  await session.settle(800);
  await session.screenshot(path.join(shots, "dashboard-township.png"));
});
