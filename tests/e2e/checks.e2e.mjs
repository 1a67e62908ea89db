// End to end: the county imports two township laptops' batches; the same ID number signed in at
// 鸡峰镇 in the morning and at 宋坪乡 that afternoon is ONE finding, raised by the checks the
// import runs. The clerk opens 核查, reads the finding with its evidence (both sessions, the
// masked ID, the threshold, why it matters) and marks it explained with a note (说明情况).
// Then 回访: the clerk draws a 鸡峰镇 call-back sample, records that the first household denies
// (with the note the core requires), prints the call list, and finds the F11 denial among the
// findings. Last 核查设置: the clerk raises the shared-phone threshold and adds a product season
// that wraps over the new year, and saves both. The laptops' side runs the CLI, as in
// sync.e2e.mjs.
// Run by `make e2e`: node tests/e2e/checks.e2e.mjs <fieldbook-desktop> <fieldbook CLI>
import { execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import assert from "node:assert/strict";
import { loadDemo, scenario, waitFor } from "./webdriver.mjs";

const application = path.resolve(process.argv[2] ?? "target/debug/fieldbook-desktop");
const cli = path.resolve(process.argv[3] ?? "target/debug/fieldbook");
const shots = path.resolve("target/e2e");
mkdirSync(shots, { recursive: true });
const work = mkdtempSync(path.join(tmpdir(), "fieldbook-e2e-checks-"));
const county = path.join(work, "county.db");
const save = path.join(work, "save");
mkdirSync(save);
process.env.FIELDBOOK_SAVE_DIR = save;
const file = (name) => path.join(work, name);
const fb = (db, officer, args, input) =>
  JSON.parse(
    execFileSync(cli, ["--db", db, ...args, "--json"], {
      env: { ...process.env, FIELDBOOK_OFFICER: officer },
      input: input === undefined ? undefined : JSON.stringify(input),
    }),
  );
const asCounty = (...args) => fb(county, "县办李娜", args);
const idOf = (saved) => saved.record?.id ?? saved.id;

/** A valid 18-digit ID number of 成县 (621221) with its check character. */
function idNumber(body17) {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body17].reduce((total, d, i) => total + Number(d) * weights[i], 0);
  return body17 + "10X98765432"[sum % 11];
}
const TRAINEE = idNumber("62122119900512031");

/** Enrolls a laptop for a township and gives it the county's register. */
function laptopFor(name, code, officer) {
  const db = file(`${name}.db`);
  const request = fb(db, officer, ["device", "request", "--out", file(`${name}-request.json`)]);
  asCounty("county", "enroll", file(`${name}-request.json`), "--township", code, "--out", file(`${name}-answer.json`));
  fb(db, officer, ["device", "enroll", file(`${name}-answer.json`)]);
  asCounty("sync", "package", "--device", request.deviceId, "--out", file(`${name}-p0.fbpkg`));
  fb(db, officer, ["sync", "apply", file(`${name}-p0.fbpkg`)]);
  return db;
}

/** A half-day session in the laptop's township on 2026-03-02 and the trainee signed in. */
function signIn(db, officer, code, half) {
  const township = fb(db, officer, ["places", "townships"]).find((t) => t.code === code);
  const programme = fb(db, officer, ["programmes", "list"]).find((p) => p.kind === "training");
  const session = fb(db, officer, ["training", "add"], {
    programmeId: programme.id,
    kind: "township_onsite",
    title: `${township.name}电商培训`,
    organiser: "成县商务局",
    provider: "成县电商公共服务中心",
    venue: `${township.name}政府会议室`,
    townshipId: township.id,
    startDate: "2026-03-02",
    endDate: "2026-03-02",
    halfDays: half,
    trainers: ["周老师"],
    outline: "网店运营",
    plannedHeadcount: 30,
    audience: null,
  });
  fb(db, officer, ["attendance", "add"], {
    sessionId: idOf(session),
    slot: `2026-03-02 ${half}`,
    name: "赵红梅",
    idNumber: TRAINEE,
    phone: "",
    signed: true,
    sheetPage: "第1页",
  });
  fb(db, officer, ["sync", "export", "--out", file(`${code}.fbsync`)]);
  return file(`${code}.fbsync`);
}

await scenario("checks", { shots, work }, async ({ step, start }) => {
  step("the county enrolls a 鸡峰镇 and a 宋坪乡 laptop; the same person signs in at both on one day");
  loadDemo(cli, county);
  asCounty("county", "init");
  const jifeng = laptopFor("jifeng", "621221101", "王芳");
  const songping = laptopFor("songping", "621221102", "李明");
  const morning = signIn(jifeng, "王芳", "621221101", "am");
  const afternoon = signIn(songping, "李明", "621221102", "pm");

  step("the county imports both batches; the import runs the checks across townships");
  for (const batch of [morning, afternoon]) assert.equal(asCounty("sync", "import", batch).outcome, "applied");
  const found = asCounty("check", "list", "--check", "F3_TWO_TOWNSHIPS_ONE_DAY").filter((f) => f.summary.includes("赵红梅"));
  assert.equal(found.length, 1, JSON.stringify(found));
  const [finding] = found;
  assert.deepEqual(finding.townships.map((t) => t.name).sort(), ["宋坪乡", "鸡峰镇"].sort());
  assert.equal(finding.status, "open");

  step("核查: the finding with its evidence beside the list");
  asCounty("officer", "set", "县办李娜");
  const session = await start(application, ["--db", county]);
  await session.cmd("POST", "/window/rect", { width: 1366, height: 768 });
  await session.click(await session.findByText("[data-testid=nav] .el-menu-item", "核查"));
  await session.pick("[data-testid=filter-check]", "F3");
  const row = await session.findByText("[data-testid=findings] tr.el-table__row", "赵红梅");
  await session.settle();
  await session.click((await session.findAllIn(row, "td .cell"))[0]);
  const detail = await session.text(await session.findByText("[data-testid=finding-detail]", "赵红梅"));
  for (const words of ["同一", "鸡峰镇电商培训", "宋坪乡电商培训", "上午", "下午", "031X", "为什么重要"]) {
    assert.ok(detail.includes(words), `${words} missing from ${detail}`);
  }
  assert.ok(!detail.includes(TRAINEE), "the full ID is not shown");
  await session.screenshot(path.join(shots, "checks-1366x768.png"));

  step("说明情况: the note is required; with it the finding is explained, by the officer");
  await session.click((await session.findAll("[data-testid=review-explain]"))[0]);
  await session.opened("[data-testid=review-dialog]");
  await session.click((await session.findAll("[data-testid=review-save]"))[0]);
  await session.findByText("[data-testid=field-note] .el-form-item__error", "说明");
  const [note] = await session.findAll("[data-testid=field-note] textarea");
  await session.type(note, "已电话回访：本人上午在鸡峰镇参训，下午由家人代签，已责令宋坪乡更正签到表。");
  await session.click((await session.findAll("[data-testid=review-save]"))[0]);
  await session.findByText("[data-testid=finding-status]", "已说明");
  await session.findByText("[data-testid=finding-review]", "已电话回访");
  await session.settle(3500); // the message fades
  await session.screenshot(path.join(shots, "checks-review.png"));
  const after = asCounty("check", "show", finding.id);
  assert.equal(after.status, "explained");
  assert.equal(after.decidedBy, "县办李娜");
  assert.ok(after.note.startsWith("已电话回访"));

  step("回访: draw a 鸡峰镇 sample at the county's share (10 %)");
  await session.click(await session.findByText("[data-testid=checks-tabs] .el-tabs__item", "回访"));
  await session.opened("[data-testid=callbacks-panel]");
  await waitFor("the county's share", async () => {
    const [share] = await session.findAll("[data-testid=callback-share] input");
    return share && (await session.cmd("GET", `/element/${share}/property/value`)) === "0.1";
  });
  await session.pick("[data-testid=callback-township]", "鸡峰镇");
  await session.click((await session.findAll("[data-testid=callback-draw]"))[0]);
  await session.findByText("[data-testid=callback-title]", "鸡峰镇");
  const [firstItem] = await session.findAll("[data-testid=callback-item]");
  const head = (await session.text(firstItem)).match(/^1\. (\S+)/)?.[1];
  assert.ok(head, "the first household's head");
  const itemText = await session.text(firstItem);
  assert.match(itemText, /\d{6}\*{8}\w{4}/, "the ID is masked");
  const drawn = asCounty("callbacks", "list", "--township", "621221101");
  assert.equal(drawn.length, 1);
  assert.equal(drawn[0].share, "0.1");
  assert.equal(drawn[0].items.length, Math.max(1, Math.ceil(drawn[0].population / 10)));

  step("record the first call: a denial needs a note; with it the call is recorded");
  await session.click((await session.findAllIn(firstItem, "[data-testid=callback-record]"))[0]);
  await session.opened("[data-testid=callback-dialog]");
  await session.click((await session.findAll("[data-testid=outcome-denies] .el-radio-button__inner"))[0]);
  await session.click((await session.findAll("[data-testid=callback-save]"))[0]);
  await session.findByText("[data-testid=field-note] .el-form-item__error", "否认什么");
  const [callNote] = await session.findAll("[data-testid=field-note] textarea");
  await session.type(callNote, "户主说没有签过带贫协议，也没有收到分红。");
  await session.click((await session.findAll("[data-testid=callback-save]"))[0]);
  await session.findByText("[data-testid=callback-outcome-tag]", "否认");
  await session.findByText("[data-testid=callback-call]", "没有签过带贫协议");
  await session.settle(3500); // the message fades
  await session.screenshot(path.join(shots, "checks-callbacks.png"));

  step("打印回访清单: the call list saved as a PDF");
  await session.click((await session.findAll("[data-testid=print-callbacks]"))[0]);
  await session.opened("[data-testid=print-dialog]");
  await waitFor("preview pages", async () => (await session.count("[data-testid=print-page] svg")) >= 1);
  await session.click((await session.findAll("[data-testid=print-save]"))[0]);
  await session.findByText("[data-testid=print-saved]", save);
  const pdfs = readdirSync(save).filter((name) => name.endsWith(".pdf"));
  assert.equal(pdfs.length, 1, JSON.stringify(pdfs));
  const pdf = readFileSync(path.join(save, pdfs[0]));
  assert.ok(pdf.length > 1000 && pdf.subarray(0, 5).toString() === "%PDF-", `${pdfs[0]}: ${pdf.length} bytes`);
  await session.click((await session.findAll("[data-testid=print-dialog] .el-dialog__headerbtn"))[0]);
  await session.settle();

  step("核查发现: the denial is an open F11 finding");
  await session.click(await session.findByText("[data-testid=checks-tabs] .el-tabs__item", "核查发现"));
  await session.pick("[data-testid=filter-check]", "F11");
  const denial = await session.findByText("[data-testid=findings] tr.el-table__row", head);
  assert.ok((await session.text(denial)).includes("没有签过带贫协议"));
  const stored = asCounty("check", "list", "--check", "F11_CALLBACK_DENIED");
  assert.equal(stored.length, 1);
  assert.equal(stored[0].status, "open");
  assert.equal(stored[0].records.find((r) => r.kind === "callback_call")?.label.startsWith(`回访：${head}`), true);

  step("核查设置: raise the shared-phone threshold, add a season over the new year, save");
  await session.click(await session.findByText("[data-testid=checks-tabs] .el-tabs__item", "核查设置"));
  await session.opened("[data-testid=check-settings]");
  await session.findByText("[data-testid=field-traineesPerPhone]", "默认 3 人");
  await session.fill("[data-testid=field-traineesPerPhone]", "5", { enter: true });
  await session.click((await session.findAll("[data-testid=add-season]"))[0]);
  // The new row is the last; an el-input carries its test id on the input itself.
  const last = async (id) => (await session.findAll(`input[data-testid=${id}], [data-testid=${id}] input`)).at(-1);
  await session.type(await last("season-product"), "冬储白菜");
  await session.type(await last("season-from"), "11-15");
  await session.type(await last("season-to"), "02-28");
  await session.findByText("[data-testid=season-wraps]", "跨年");
  await session.click((await session.findAll("[data-testid=check-settings-save]"))[0]);
  await session.findByText("[data-testid=check-settings-saved]", "下次核查");
  await session.settle(3500); // the message fades
  await session.screenshot(path.join(shots, "checks-settings.png"));
  assert.equal(asCounty("check", "thresholds").traineesPerPhone, 5);
  const winter = asCounty("check", "seasons").find((s) => s.product === "冬储白菜");
  assert.deepEqual(winter, { product: "冬储白菜", from: "11-15", to: "02-28" });
});
