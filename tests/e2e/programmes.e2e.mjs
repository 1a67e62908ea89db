// End to end: a county that is not the demo runs its own plan. 霍邱县 (341522) is set up with the
// CLI — two townships, four villages, a household with a member, two service stations inspected
// under its own station preset, one station's monthly service records, a three-day training
// course with the member signed in at every half-day. In the app the clerk sees every target
// computed on the programme page, edits the programme, adopts another county's preset as a
// template under its own name and year, sees the course counted 1 人次 / 3 人天, finds the
// member on the household page and records a station's month. Screens at 1366×768.
// Run by `make e2e`: node tests/e2e/programmes.e2e.mjs <fieldbook-desktop> <fieldbook CLI>
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
const work = mkdtempSync(path.join(tmpdir(), "fieldbook-e2e-programmes-"));
const db = path.join(work, "huoqiu.db");
const fb = (args, input) =>
  JSON.parse(execFileSync(cli, ["--db", db, "--officer", "张伟", ...args, "--json"], input ? { input: JSON.stringify(input) } : {}));

/** A resident ID of 霍邱县 with a valid check digit (GB 11643). */
function residentId(birth, sequence) {
  const body = `341522${birth}${String(sequence).padStart(3, "0")}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, d, i) => s + Number(d) * weights[i], 0);
  return body + "10X98765432"[sum % 11];
}

// ---- 霍邱县 from the CLI -------------------------------------------------------------------
fb(["county", "create", "--code", "341522", "--name", "霍邱县"]);
execFileSync(cli, ["--db", db, "officer", "set", "张伟"]);
fb(["places", "add-township", "--code", "341522100", "--name", "城关镇"]);
fb(["places", "add-township", "--code", "341522101", "--name", "冯井镇"]);
for (const [township, code, name, poor] of [
  ["城关镇", "341522100201", "东湖村", true],
  ["城关镇", "341522100202", "西湖村", false],
  ["冯井镇", "341522101201", "冯井村", true],
  ["冯井镇", "341522101202", "新店村", false],
]) {
  fb(["places", "add", "--township", township, "--code", code, "--name", name, ...(poor ? ["--poor"] : [])]);
}
const villages = fb(["places", "list"]);
const villageId = (name) => (villages.rows ?? villages).find((v) => v.name === name).id;

const head = fb(["households", "add"], {
  headName: "王大山",
  idNumber: residentId("19700301", 11),
  size: 3,
  villageId: villageId("东湖村"),
  villageGroup: "一组",
  category: "general",
});
const memberId = residentId("19950612", 22);
fb(["households", "member-add"], {
  householdId: head.record?.id ?? head.id,
  name: "王小花",
  idNumber: memberId,
  relation: "child",
});

const station = (name, village) =>
  fb(["operators", "add"], { kind: "service_station", name, personInCharge: "李强", villageId: villageId(village) });
const east = station("东湖村电商服务站", "东湖村");
const fengjing = station("冯井村电商服务站", "冯井村");
const idOf = (saved) => saved.record?.id ?? saved.id;

const stations = fb(["programmes", "add", "--preset", "huoqiu-2019-service-station", "--year", "2020"]);
assert.equal(stations.name, "霍邱县2020年村级电商服务站点", "the preset takes the year into its name");
const { settings } = fb(["programmes", "show", stations.id]);
const observations = [...settings.criteria.eligibility, ...settings.criteria.scored].map((item) => ({
  key: item.key,
  value:
    item.valueType === "boolean"
      ? { kind: "bool", value: true }
      : item.threshold
        ? { kind: "number", value: item.threshold }
        : { kind: "text", value: "有" },
}));
for (const operator of [east, fengjing]) {
  fb(["inspections", "add"], {
    operatorId: idOf(operator),
    programmeId: stations.id,
    stage: "preliminary",
    date: "2020-03-02",
    inspectors: ["王芳", "李明", "赵刚"].map((name) => ({ name, unit: "霍邱县商务局" })),
    observations,
  });
}
for (const [month, value] of [["2020-01", "2600.00"], ["2020-02", "2400.00"]]) {
  fb(["stations", "months", "add"], { stationId: idOf(east), month, serviceValue: value, parcels: 40, billsPaid: 12 });
}

const training = fb(["programmes", "add", "--preset", "huoqiu-2019-training", "--year", "2020"]);
const course = fb(["training", "add"], {
  programmeId: training.id,
  kind: "county",
  title: "霍邱县电商技能提升班",
  organiser: "霍邱县商务局",
  provider: "霍邱县电商公共服务中心",
  venue: "县电商产业园",
  townshipId: null,
  startDate: "2020-05-11",
  endDate: "2020-05-13",
  halfDays: "both",
  trainers: ["周老师"],
  outline: "网店运营、直播带货",
  plannedHeadcount: 40,
  audience: "poor_household",
});
const courseId = idOf(course);
const slots = ["2020-05-11", "2020-05-12", "2020-05-13"].flatMap((d) => [`${d} am`, `${d} pm`]);
fb(
  ["attendance", "add"],
  slots.map((slot) => ({
    sessionId: courseId,
    slot,
    name: "王小花",
    idNumber: memberId,
    phone: "",
    signed: true,
    sheetPage: "第1页",
  })),
);

await scenario("programmes", { shots, work }, async ({ step, start }) => {
  const session = await start(application, ["--db", db]);
  await session.cmd("POST", "/window/rect", { width: 1366, height: 768 });
  const nav = async (label) => session.click(await session.findByText("[data-testid=nav] .el-menu-item", label));
  const openRow = async (table, text) => {
    const row = await session.findByText(`${table} tr.el-table__row`, text);
    await session.settle();
    await session.click((await session.findAllIn(row, "td .cell"))[0]);
  };

  step("the station programme's targets, computed from the records");
  await nav("项目设置");
  await openRow("[data-testid=programmes]", "霍邱县2020年村级电商服务站点");
  await session.opened("[data-testid=programme-detail]");
  const progress = await session.findByText("[data-testid=programme-progress]", "覆盖");
  const text = await session.text(progress);
  // Two stations in four villages: 50 % against the 60 % goal. One of the two stations averages
  // 2,500 yuan a month (Jan–Feb): 50 % against 80 %.
  assert.match(text, /50/, `coverage and stations reaching 2,000 yuan:\n${text}`);
  assert.ok(!text.includes("成县"), "nothing of the demo county");
  const statuses = await session.findAll("[data-testid=programme-progress] [data-testid=target-status]");
  assert.ok(statuses.length >= 2, "every target judged");
  await session.screenshot(path.join(shots, "programme-progress.png"));

  step("edit the programme: a new name and 2,200 yuan per village, saved as a new version");
  await session.click((await session.findAll("[data-testid=edit-programme]"))[0]);
  await session.opened("[data-testid=programme-edit-dialog]");
  const [nameInput] = await session.findAll("input[data-testid=programme-edit-name], [data-testid=programme-edit-name] input");
  await session.type(nameInput, "霍邱县2020年村级电商服务站点建设");
  const [amount] = await session.findAll("input[data-testid=subsidy-amount], [data-testid=subsidy-amount] input");
  await session.type(amount, "2200.00");
  await session.screenshot(path.join(shots, "programme-edit-1366.png"));
  await session.click((await session.findAll("[data-testid=save-programme-edit]"))[0]);
  await session.findByText("[data-testid=programme-name]", "霍邱县2020年村级电商服务站点建设");
  await session.findByText("[data-testid=per-village-year]", "每村每年 2200.00 元");
  const edited = fb(["programmes", "show", stations.id]);
  assert.equal(edited.name, "霍邱县2020年村级电商服务站点建设");
  assert.equal(edited.settings.subsidy.amount, "2200.00");
  const close = await waitFor("the drawer's close button", () => session.visible(".el-drawer__close-btn"));
  await session.click(close);
  await session.settle();

  step("another county's preset, as a template, takes 霍邱县's name and the chosen year");
  await session.click((await session.findAll("[data-testid=add-programme]"))[0]);
  await session.opened("[data-testid=programme-dialog]");
  await session.pick("[data-testid=programme-dialog] [data-testid=field-preset]", "模板：来自成县", "示范店");
  await session.fill("[data-testid=programme-dialog] [data-testid=field-year]", "2021");
  await session.click((await session.findAll("[data-testid=save-programme]"))[0]);
  await session.findByText("[data-testid=programmes] tr.el-table__row", "霍邱县2021年电商扶贫示范店");

  step("the special fund of 2020 by category, with the caps its programmes set");
  await session.pick("[data-testid=fund-shares-year]", "2020 年");
  await session.findByText("[data-testid=fund-shares-categories]", "公共服务体系");
  const caps = await session.text(await session.findByText("[data-testid=fund-shares-caps]", "15%"));
  // The stations' budget against the training's: public services far above the 15 % cap.
  assert.match(caps, /不符合/, caps);
  await session.screenshot(path.join(shots, "programmes-fund-shares.png"));

  step("a three-day course: the member counts 1 人次, 3 人天, poor");
  await nav("培训签到");
  await session.pick("[data-testid=training-programme]", "霍邱县2020年农村电子商务培训");
  const times = await session.findByText("[data-testid=progress-person-times]", "培训人次");
  assert.match(await session.text(times), /培训人次\s*1\b/);
  const persons = await session.text(await session.findByText("[data-testid=progress-persons]", "人天"));
  assert.match(persons, /1\s*人（3 人天）/, persons);
  await session.findByText("[data-testid=training-by-audience]", "贫困户");
  const audience = await session.text((await session.findAll("[data-testid=training-by-audience]"))[0]);
  assert.match(audience, /贫困户[\s\S]*\b1\b[\s\S]*\b3\b/, `1 人次 and 3 人天 under 贫困户:\n${audience}`);
  await session.findByText("[data-testid=training-counting]", "人次");
  await session.screenshot(path.join(shots, "training-counting.png"));

  step("the household page lists its member");
  await nav("建档立卡户");
  await openRow("[data-testid=households]", "王大山");
  await session.findByText("[data-testid=members-card]", "王小花");
  await session.screenshot(path.join(shots, "household-members.png"));

  step("a station's monthly service, recorded from the operators list");
  await nav("实施主体");
  const stationRow = await session.findByText("[data-testid=operators] tr.el-table__row", "东湖村电商服务站");
  await session.settle(600);
  await session.click((await session.findAllIn(stationRow, "[data-testid=station-months-open]"))[0]);
  await session.opened("[data-testid=station-months-dialog]");
  await session.findByText("[data-testid=station-months]", "2020-02");
  await session.fill("[data-testid=station-months-dialog] [data-testid=field-month]", "2020-03");
  await session.fill("[data-testid=station-months-dialog] [data-testid=field-serviceValue]", "2100.00");
  await session.click((await session.findAll("[data-testid=save-station-month]"))[0]);
  await session.findByText("[data-testid=station-months]", "2020-03");
  await session.screenshot(path.join(shots, "station-months.png"));
  const months = fb(["stations", "months", "--station", idOf(east)]);
  assert.equal(months.length, 3);
});
