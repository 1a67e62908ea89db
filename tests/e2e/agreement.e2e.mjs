// End to end: an officer registers a shop, opens a linkage agreement, picks ten households for
// its roster by typing their names, records three purchases, and reads the derived income.
// Run by `make e2e`: node tests/e2e/agreement.e2e.mjs <fieldbook-desktop> <fieldbook CLI>
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

// The demo county, loaded by the CLI (what the app does on a first start, minus the wait).
execFileSync(cli, ["--db", db, "demo"]);
const register = JSON.parse(
  execFileSync(cli, ["--db", db, "households", "list", "--township", "王磨镇", "--limit", "200", "--json"]),
);
const seen = new Set();
const picked = register.rows.filter((r) => !seen.has(r.headName) && seen.add(r.headName)).slice(0, 10);
assert.equal(picked.length, 10, "王磨镇 has ten households with distinct names");

const SHOP = "成县王磨镇E2E村电商扶贫示范店";
const NUMBER = "E2E-2019-001";
await scenario("agreement", { shots, work }, async ({ step, start, quit }) => {
  let session;

  session = await start(application, ["--db", db]);
  const nav = async (label) => {
    await session.click(await session.findByText("[data-testid=nav] .el-menu-item", label));
    await session.settle();
  };

  step("register the shop as an operator");
  await nav("实施主体");
  await session.click((await session.findAll("[data-testid=add-operator]"))[0]);
  await session.opened("[data-testid=operator-dialog]");
  await session.fill("[data-testid=operator-dialog] [data-testid=field-name]", SHOP);
  await session.fill("[data-testid=operator-dialog] [data-testid=field-personInCharge]", "李明");
  await session.fill("[data-testid=operator-dialog] [data-testid=field-phone]", "13809391234");
  await session.pick("[data-testid=operator-dialog] [data-testid=township-select]", "王磨镇");
  await session.pick("[data-testid=operator-dialog] [data-testid=village-select]", register.rows[0].place.replace("王磨镇", ""));
  await session.fill("[data-testid=operator-dialog] [data-testid=field-platform]", "拼多多");
  await session.fill("[data-testid=operator-dialog] [data-testid=field-shopUrl]", "https://shop.example.cn/e2e");
  await session.click((await session.findAll("[data-testid=save-operator]"))[0]);
  await session.findByText("[data-testid=operators] tr.el-table__row", SHOP);

  step("open a linkage agreement with it");
  await nav("带贫协议");
  await session.click((await session.findAll("[data-testid=add-agreement]"))[0]);
  await session.opened("[data-testid=agreement-dialog]");
  const dialog = "[data-testid=agreement-dialog]";
  await session.fill(`${dialog} [data-testid=field-number]`, NUMBER);
  await session.fill(`${dialog} [data-testid=field-year]`, "2019");
  await session.pick(`${dialog} [data-testid=field-programmeId]`, "成县2019年电商扶贫示范店");
  await session.pick(`${dialog} [data-testid=field-operatorId]`, SHOP, "E2E");
  await session.click(await session.visible(`${dialog} [data-testid=field-modes] .el-checkbox`, "保护价收购"));
  await session.click(await session.visible(`${dialog} [data-testid=field-priceRule] .el-radio`, "高于市场价"));
  await session.fill(`${dialog} [data-testid=field-priceValue]`, "10");
  await session.fill(`${dialog} [data-testid=field-targetHouseholds]`, "10");
  await session.fill(`${dialog} [data-testid=field-targetIncome]`, "1000");
  await session.fill(`${dialog} [data-testid=field-termStart]`, "2019-03-01", { enter: true });
  await session.fill(`${dialog} [data-testid=field-termEnd]`, "2019-12-31", { enter: true });
  await session.click((await session.findAll("[data-testid=save-agreement]"))[0]);
  await session.findByText("[data-testid=agreement-header]", NUMBER);
  await session.findByText("[data-testid=agreement-header]", "2019年3月1日 至 2019年12月31日");
  await session.findByText("[data-testid=demo-shop-rule]", "不足");

  step("pick ten households for the roster by typing their names");
  for (const [i, household] of picked.entries()) {
    await session.pick("[data-testid=roster-field-householdId]", household.idMasked, household.headName);
    await session.fill("[data-testid=roster-field-content]", "收购核桃");
    await session.click((await session.findAll("[data-testid=add-to-roster]"))[0]);
    await waitFor(`${i + 1} households on the roster`, async () =>
      (await session.count("[data-testid=roster] tr.el-table__row")) === i + 1,
    );
  }
  // The roster minimum is the linked programme's (成县: 10 households).
  await session.findByText("[data-testid=demo-shop-rule]", "符合项目“成县2019年电商扶贫示范店”不少于 10 户的要求");

  step("record three purchases in the ledger");
  await session.click(await session.findByText(".el-tabs__item", "帮扶台账"));
  await session.settle();
  const purchases = [
    [picked[0], "10", "2019-08-12"],
    [picked[0], "5.5", "2019-09-01"],
    [picked[1], "20", "2019-10-08"],
  ];
  for (const [i, [household, quantity, date]] of purchases.entries()) {
    await session.pick("[data-testid=ledger-field-householdId]", household.headName);
    await session.fill("[data-testid=ledger-field-date]", date, { enter: true });
    await session.fill("[data-testid=ledger-field-product]", "核桃");
    await session.fill("[data-testid=ledger-field-quantity]", quantity);
    await session.fill("[data-testid=ledger-field-unit]", "斤");
    await session.fill("[data-testid=ledger-field-unitPrice]", "12.50");
    await session.fill("[data-testid=ledger-field-marketPrice]", "11.00");
    await session.click((await session.findAll("[data-testid=add-ledger-entry]"))[0]);
    await waitFor(`${i + 1} ledger entries`, async () =>
      (await session.count("[data-testid=ledger] tr.el-table__row")) === i + 1,
    );
  }

  step("the income derived from the ledger is on screen");
  // (10 + 5.5 + 20) 斤 × 12.50 元 = 443.75 元 over 10 households: 44.38 元 each.
  const income = await session.findByText("[data-testid=agreement-income]", "443.75");
  assert.match(await session.text(income), /44\.38/);
  await session.screenshot(path.join(shots, "agreement-ledger.png"));
  await session.click(await session.findByText(".el-tabs__item", "花名册"));
  const first = await session.findByText("[data-testid=roster] tr.el-table__row", picked[0].headName);
  assert.match(await session.text(first), /193\.75/);
  await session.screenshot(path.join(shots, "agreement.png"));

  step("the household's page shows the same income");
  await nav("建档立卡户");
  const [search] = await session.findAll("[data-testid=household-search]");
  await session.type(search, picked[1].headName);
  await waitFor("the list filtered by name", async () => {
    const rows = await session.findAll("[data-testid=households] tr.el-table__row");
    const texts = await Promise.all(rows.map((r) => session.text(r)));
    return texts.length > 0 && texts.every((t) => t.includes(picked[1].headName));
  });
  await session.settle();
  const row = await session.findByText("[data-testid=households] tr.el-table__row", picked[1].idMasked);
  await session.click((await session.findAllIn(row, "td .cell"))[0]);
  const link = await session.findByText("[data-testid=household-links] tr.el-table__row", NUMBER);
  assert.match(await session.text(link), /250\.00/, "20 斤 × 12.50 元");
  await session.screenshot(path.join(shots, "household.png"));

  step("the change log is intact");
  const check = JSON.parse(execFileSync(cli, ["--db", db, "verify-log", "--json"]));
  assert.equal(check.firstBroken, null);
});
