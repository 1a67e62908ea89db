// End to end: an officer opens a training session and signs 30 people in at the door by ID
// number and Enter: the register fills each name; poor households are recognised from the register.
// Run by `make e2e`: node tests/e2e/training.e2e.mjs <fieldbook-desktop> <fieldbook CLI>
import { execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync } from "node:fs";
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
const fieldbook = (...args) => JSON.parse(execFileSync(cli, ["--db", db, ...args, "--json"]));

execFileSync(cli, ["--db", db, "demo"]);
// Thirty registered household heads of 王磨镇, with their full ID numbers from the register.
const people = fieldbook("households", "list", "--township", "王磨镇", "--limit", "30").rows.map((row) => {
  const { household } = fieldbook("households", "show", row.id);
  return { name: household.headName, idNumber: household.idNumber };
});
assert.equal(people.length, 30);
const TITLE = "王磨镇电商技能培训（第二期）";

await scenario("training", { shots, work }, async ({ step, start, quit }) => {
  let session;

  session = await start(application, ["--db", db]);
  step("open a training session for 王磨镇");
  await session.click(await session.findByText("[data-testid=nav] .el-menu-item", "培训签到"));
  await session.findByText("[data-testid=training-sessions] tr.el-table__row", "鸡峰镇电商技能培训");
  await session.click((await session.findAll("[data-testid=add-training]"))[0]);
  await session.opened("[data-testid=training-dialog]");
  const dialog = "[data-testid=training-dialog]";
  await session.fill(`${dialog} [data-testid=field-title]`, TITLE);
  await session.fill(`${dialog} [data-testid=field-venue]`, "王磨镇人民政府会议室");
  await session.pick(`${dialog} [data-testid=field-townshipId]`, "王磨镇");
  await session.fill(`${dialog} [data-testid=field-startDate]`, "2019-08-20", { enter: true });
  await session.fill(`${dialog} [data-testid=field-endDate]`, "2019-08-20", { enter: true });
  await session.fill(`${dialog} [data-testid=field-plannedHeadcount]`, "40");
  await session.click((await session.findAll("[data-testid=save-training]"))[0]);
  const row = await session.findByText("[data-testid=training-sessions] tr.el-table__row", TITLE);
  await session.settle();
  await session.click((await session.findAllIn(row, "td .cell"))[0]);
  await session.findByText("[data-testid=signin-title]", TITLE);

  step("sign 30 people in: ID and Enter, the register fills the name and signs them in");
  const [id] = await session.findAll("[data-testid=signin-id]");
  const nameShown = () =>
    session.cmd("POST", "/execute/sync", {
      script:
        "const e = document.querySelector('[data-testid=signin-name]');" +
        "return (e.tagName === 'INPUT' ? e : e.querySelector('input')).value;",
      args: [],
    });
  for (const [i, person] of people.entries()) {
    await session.cmd("POST", `/element/${id}/value`, { text: person.idNumber });
    // The desk looks the ID up as soon as it is complete and fills the name from the register.
    await waitFor(`${person.name} filled in`, async () => (await nameShown()) === person.name);
    await session.cmd("POST", `/element/${id}/value`, { text: "\uE007" });
    await session.findByText("[data-testid=signin-count]", `${i + 1} 人`);
  }
  await session.findByText("[data-testid=signin-list]", people[29].name);
  await session.screenshot(path.join(shots, "training.png"));

  step("the register recognised them, and the log is intact");
  const sessions = fieldbook("training", "list");
  const mine = sessions.find((s) => s.title === TITLE);
  assert.equal(mine.personTimes, 30);
  assert.equal(mine.poorPersonTimes, 30, "all thirty are registered households");
  const check = fieldbook("verify-log");
  assert.equal(check.firstBroken, null);
});
