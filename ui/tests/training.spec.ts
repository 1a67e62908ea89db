import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { flushPromises } from "@vue/test-utils";
import { clearMocks } from "@tauri-apps/api/mocks";
import { ElMessageBox } from "element-plus";
import TrainingView from "../src/views/TrainingView.vue";
import SignInView from "../src/views/SignInView.vue";
import type {
  AttendanceRow,
  ProgrammeSummary,
  Saved,
  TownshipSummary,
  TrainingSession,
  TrainingSessionSummary,
  TrainingTotals,
} from "../src/bindings";
import { slotsSetting, splitTrainers } from "../src/forms/training";
import { $, commandCalls, input, mountScreen, type, type Handler } from "./helpers";

// jsdom has no canvas: the chart module is replaced by a recorder of what would be drawn.
const chart = vi.hoisted(() => ({
  setOption: vi.fn(),
  resize: vi.fn(),
  dispose: vi.fn(),
}));
vi.mock("../src/format/chart", () => ({ createChart: vi.fn(() => chart) }));

const trainingProgramme: ProgrammeSummary = {
  id: "p9",
  name: "成县2019年电商技能培训",
  year: 2019,
  kind: "training",
  subject: "training",
  kindLabel: "电商技能培训",
  tranches: "80% / 20%",
  rule: "全部 5 项资格条件",
};

const shopProgramme: ProgrammeSummary = {
  id: "p1",
  name: "电商扶贫示范店",
  year: 2019,
  kind: "demo_shop",
  subject: "operator",
  kindLabel: "电商扶贫示范店",
  tranches: "80% / 20%",
  rule: "3 项资格条件",
};

const townships: TownshipSummary[] = [
  { id: "t1", code: "621221101", name: "鸡峰镇", villageCount: 20, poorVillageCount: 12, retired: false },
  { id: "t2", code: "621221102", name: "陈院镇", villageCount: 15, poorVillageCount: 9, retired: false },
];

const session: TrainingSession = {
  id: "s1",
  programmeId: "p9",
  programmeName: "成县2019年电商技能培训",
  kind: "township_onsite",
  kindLabel: "乡镇下沉式培训",
  title: "鸡峰镇电商技能培训班",
  organiser: "成县商务局",
  provider: "陇南电商学院",
  venue: "鸡峰镇政府会议室",
  townshipId: "t1",
  townshipName: "鸡峰镇",
  startDate: "2019-06-03",
  endDate: "2019-06-03",
  days: 1,
  slots: [
    { slot: "2019-06-03 am", label: "2019年6月3日上午", personTimes: 0, poorPersonTimes: 0 },
    { slot: "2019-06-03 pm", label: "2019年6月3日下午", personTimes: 0, poorPersonTimes: 0 },
  ],
  halfDays: "both",
  trainers: ["李老师"],
  outline: "网店开设与运营",
  plannedHeadcount: 50,
  sheetPhotos: [],
  audience: "poor_household",
  personTimes: 0,
  distinctPersons: 0,
  poorPersonTimes: 0,
  personDays: 0,
  status: "draft",
};

function attendanceRow(extra: Partial<AttendanceRow> = {}): AttendanceRow {
  return {
    id: "a1",
    sessionId: "s1",
    slot: "2019-06-03 am",
    slotLabel: "2019年6月3日上午",
    name: "张三",
    sex: "female",
    sexLabel: "女",
    idMasked: "621221********4321",
    age: 39,
    phone: "",
    townshipId: "t1",
    townshipName: "鸡峰镇",
    villageId: "v1",
    villageName: "长沟村",
    poor: true,
    householdId: "h2",
    registerLabel: "脱贫户",
    nameMismatch: false,
    audience: "poor_household",
    signed: true,
    sheetPage: "",
    status: "draft",
    ...extra,
  };
}

beforeEach(() => {
  chart.setOption.mockClear();
  chart.resize.mockClear();
  chart.dispose.mockClear();
});

afterEach(() => {
  clearMocks();
  vi.restoreAllMocks();
  document.body.innerHTML = "";
});

function enter(el: HTMLElement) {
  el.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true, cancelable: true }));
}

function signIn(extra: Handler = () => undefined, rows: AttendanceRow[] = []) {
  return mountScreen(
    SignInView,
    (cmd, args) => {
      const answer = extra(cmd, args);
      if (answer !== undefined) return answer;
      if (cmd === "training_session") return session;
      if (cmd === "attendance") return rows;
      if (cmd === "register_person") return null;
      throw new Error(`unexpected ${cmd}`);
    },
    { id: "s1" },
  );
}

function listRows(): HTMLElement[] {
  return [...document.body.querySelectorAll<HTMLElement>("[data-testid=signin-list] tr.el-table__row")];
}

describe("Sign-in at the door", () => {
  it("ID, Enter, name, Enter signs in, clears both fields and returns to the ID", async () => {
    const saved: Saved<AttendanceRow> = { record: attendanceRow(), warnings: [] };
    const { calls } = await signIn((cmd) => (cmd === "add_attendance" ? saved : undefined));
    await flushPromises();

    expect($("[data-testid=signin-title]").textContent).toBe("鸡峰镇电商技能培训班");
    expect($("[data-testid=signin-dates]").textContent).toBe("2019年6月3日");
    expect($("[data-testid=signin-township]").textContent).toBe("鸡峰镇");
    expect($("[data-testid=signin-planned]").textContent).toBe("50 人");
    expect($("[data-testid=signin-slots]").textContent).toContain("2019年6月3日上午（0）");
    expect($("[data-testid=signin-slots]").textContent).toContain("2019年6月3日下午（0）");
    expect(($("[data-testid=signin-slots] input[value='2019-06-03 am']") as HTMLInputElement).checked).toBe(true);
    expect($("[data-testid=signin-count]").textContent).toBe("本时段已签到 0 人");

    const id = input("[data-testid=signin-id]");
    const name = input("[data-testid=signin-name]");
    expect(document.activeElement).toBe(id);

    type(id, "621221198001014321");
    enter(id);
    await flushPromises();
    expect(document.activeElement).toBe(name);
    expect(commandCalls(calls, "add_attendance")).toHaveLength(0);

    type(name, "张三");
    enter(name);
    await flushPromises();

    expect(commandCalls(calls, "add_attendance")).toEqual([
      {
        input: {
          sessionId: "s1",
          slot: "2019-06-03 am",
          name: "张三",
          idNumber: "621221198001014321",
          phone: "",
          townshipId: null,
          villageId: null,
          signed: true,
          sheetPage: "",
          audience: "poor_household",
        },
      },
    ]);
    expect(id.value).toBe("");
    expect(name.value).toBe("");
    expect(document.activeElement).toBe(id);
    expect($("[data-testid=signin-count]").textContent).toBe("本时段已签到 1 人");
    expect($("[data-testid=signin-slots]").textContent).toContain("2019年6月3日上午（1）");
    const [row] = listRows();
    expect(row.textContent).toContain("张三");
    expect(row.textContent).toContain("621221********4321");
    expect($("[data-testid=poor-tag]", row).textContent?.trim()).toBe("脱贫户");
    expect($("[data-testid=signin-last]").textContent).toContain("已签到：张三 621221********4321");
    expect(document.body.querySelector("[data-testid=signin-warning]")).toBeNull();
    expect(document.body.querySelector("[data-testid=signin-error]")).toBeNull();

    // The next person, in the afternoon slot; with the name first typed, Enter in the ID submits.
    ($("[data-testid=signin-slots] input[value='2019-06-03 pm']") as HTMLInputElement).click();
    await flushPromises();
    expect(document.activeElement).toBe(id);
    expect($("[data-testid=signin-count]").textContent).toBe("本时段已签到 0 人");
    type(name, "李四");
    type(id, "621221198502020012");
    type(input("[data-testid=signin-phone]"), "13800001234");
    enter(id);
    await flushPromises();
    const second = commandCalls(calls, "add_attendance")[1].input as Record<string, unknown>;
    expect(second).toMatchObject({ slot: "2019-06-03 pm", name: "李四", idNumber: "621221198502020012", phone: "13800001234" });
  });

  it("shows an overlap warning in yellow for the row just added, naming the other session", async () => {
    const warning = {
      code: "ATTENDANCE_OVERLAP",
      field: "idNumber",
      message: "张三在同一时段（2019年6月3日上午）还签到了培训“陈院镇电商技能培训班”（陈院镇）。同一人不可能同时参加两期培训，请核实。",
    };
    const row = attendanceRow({ poor: false, householdId: null, registerLabel: "不在登记册" });
    await signIn((cmd) => (cmd === "add_attendance" ? { record: row, warnings: [warning] } : undefined));
    await flushPromises();
    const id = input("[data-testid=signin-id]");
    type(id, "621221198001014321");
    type(input("[data-testid=signin-name]"), "张三");
    enter(input("[data-testid=signin-name]"));
    await flushPromises();

    const shown = $("[data-testid=signin-warning]");
    expect(shown.textContent).toContain("陈院镇电商技能培训班");
    expect(shown.querySelector(".el-alert--warning")).toBeTruthy();
    expect(document.activeElement).toBe(id);
    const [listed] = listRows();
    expect(listed.textContent).toContain("不在登记册");
    expect(listed.querySelector("[data-testid=poor-tag]")).toBeNull();
    expect(listed.querySelector(".field-warning")?.textContent).toBe(warning.message);
  });

  it("shows an ID refusal in red under the ID field and keeps what was typed", async () => {
    const refusal = { code: "INVALID_ID_NUMBER", field: "idNumber", message: "身份证号校验位不对，请核对。" };
    const { calls } = await signIn((cmd) => (cmd === "add_attendance" ? Promise.reject(refusal) : undefined));
    await flushPromises();
    const id = input("[data-testid=signin-id]");
    const name = input("[data-testid=signin-name]");
    type(id, "621221198001014320");
    type(name, "张三");
    enter(name);
    await flushPromises();
    expect(commandCalls(calls, "add_attendance")).toHaveLength(1);
    expect($("[data-testid=signin-error]").textContent?.trim()).toBe(refusal.message);
    expect(id.value).toBe("621221198001014320");
    expect(name.value).toBe("张三");
    expect(document.activeElement).toBe(id);
    expect(listRows()).toHaveLength(0);
    expect($("[data-testid=signin-count]").textContent).toBe("本时段已签到 0 人");
  });

  it("lists the newest first and undoes a sign-in after confirmation", async () => {
    const confirm = vi.spyOn(ElMessageBox, "confirm").mockResolvedValue("confirm" as never);
    const rows = [
      attendanceRow(),
      attendanceRow({ id: "a2", name: "李四", idMasked: "621221********0012", sex: "male", sexLabel: "男", poor: false, householdId: null, registerLabel: "不在登记册" }),
      attendanceRow({ id: "a3", name: "王五", slot: "2019-06-03 pm", slotLabel: "2019年6月3日下午" }),
    ];
    const { calls } = await signIn((cmd) => (cmd === "remove_attendance" ? null : undefined), rows);
    await flushPromises();
    expect($("[data-testid=signin-count]").textContent).toBe("本时段已签到 2 人");
    let listed = listRows();
    expect(listed).toHaveLength(2);
    expect(listed[0].textContent).toContain("李四");
    expect(listed[0].querySelector("td")?.textContent?.trim()).toBe("2");
    expect(listed[1].textContent).toContain("张三");

    $("[data-testid=undo-attendance]", listed[0]).click();
    await flushPromises();
    expect(confirm).toHaveBeenCalledTimes(1);
    expect(commandCalls(calls, "remove_attendance")).toEqual([{ id: "a2" }]);
    listed = listRows();
    expect(listed).toHaveLength(1);
    expect(listed[0].textContent).toContain("张三");
    expect($("[data-testid=signin-count]").textContent).toBe("本时段已签到 1 人");
    expect(document.activeElement).toBe(input("[data-testid=signin-id]"));
  });

  it("does not undo when the confirmation is cancelled", async () => {
    vi.spyOn(ElMessageBox, "confirm").mockRejectedValue("cancel");
    const { calls } = await signIn(() => undefined, [attendanceRow()]);
    await flushPromises();
    $("[data-testid=undo-attendance]").click();
    await flushPromises();
    expect(commandCalls(calls, "remove_attendance")).toHaveLength(0);
    expect(listRows()).toHaveLength(1);
  });

  it("uploads a sign-in sheet photo as base64 and shows a reused photo in yellow", async () => {
    const warning = { code: "TRAINING_PHOTO_REUSED", field: "sheetPhotos", message: "同一张照片已用于另一期培训。" };
    const { calls } = await signIn((cmd) =>
      cmd === "attach_sign_in_sheet" ? { record: { ...session, sheetPhotos: ["ab".repeat(32)] }, warnings: [warning] } : undefined,
    );
    await flushPromises();
    expect($("[data-testid=sheet-count]").textContent?.trim()).toBe("尚未上传");
    const picker = $("[data-testid=sheet-input]") as HTMLInputElement;
    const file = new File(["\xff\xd8\xff\xe0"], "签到表1.jpg", { type: "image/jpeg" });
    Object.defineProperty(picker, "files", { value: [file], configurable: true });
    picker.dispatchEvent(new Event("change"));
    await vi.waitFor(() => expect(commandCalls(calls, "attach_sign_in_sheet")).toHaveLength(1));
    await flushPromises();
    const [sent] = commandCalls(calls, "attach_sign_in_sheet");
    expect(sent.sessionId).toBe("s1");
    expect(sent.fileName).toBe("签到表1.jpg");
    expect(typeof sent.contentBase64).toBe("string");
    await vi.waitFor(() => expect($("[data-testid=sheet-count]").textContent?.trim()).toBe("已上传 1 张"));
    expect($("[data-testid=sheet-warning]").textContent?.trim()).toBe(warning.message);
  });

  it("edits the session: its values come back as they were, slots by their half-days", async () => {
    const { calls } = await signIn((cmd) => {
      if (cmd === "list_programmes") return [shopProgramme, trainingProgramme];
      if (cmd === "list_townships") return townships;
      if (cmd === "update_training_session") return { record: { ...session, plannedHeadcount: 60 }, warnings: [] };
      return undefined;
    });
    await flushPromises();
    $("[data-testid=edit-training]").click();
    await flushPromises();
    const dialog = $("[data-testid=training-dialog]");
    expect(input("[data-testid=field-title]", dialog).value).toBe("鸡峰镇电商技能培训班");
    expect(input("[data-testid=field-trainers]", dialog).value).toBe("李老师");
    const headcount = input("[data-testid=field-plannedHeadcount]", dialog);
    type(headcount, "60");
    headcount.dispatchEvent(new Event("change"));
    await flushPromises();
    $("[data-testid=save-training]").click();
    await flushPromises();
    const [call] = commandCalls(calls, "update_training_session");
    expect(call.id).toBe("s1");
    expect(call.input).toMatchObject({
      programmeId: "p9",
      townshipId: "t1",
      startDate: "2019-06-03",
      endDate: "2019-06-03",
      halfDays: "both",
      slots: null,
      trainers: ["李老师"],
      plannedHeadcount: 60,
    });
  });

  it("opens the session's history", async () => {
    const { calls } = await signIn((cmd) => (cmd === "record_history" ? [] : undefined));
    await flushPromises();
    $("[data-testid=training-history]").click();
    await flushPromises();
    expect(commandCalls(calls, "record_history")).toEqual([{ entity: "training_session", id: "s1" }]);
    expect($("[data-testid=history]")).toBeTruthy();
  });
});

const summaries: TrainingSessionSummary[] = [
  {
    id: "s1",
    programmeId: "p9",
    kind: "township_onsite",
    kindLabel: "乡镇下沉式培训",
    title: "鸡峰镇电商技能培训班",
    townshipName: "鸡峰镇",
    startDate: "2019-06-03",
    endDate: "2019-06-03",
    slotCount: 2,
    plannedHeadcount: 50,
    personTimes: 86,
    poorPersonTimes: 40,
    status: "draft",
  },
  {
    id: "s2",
    programmeId: "p9",
    kind: "county",
    kindLabel: "县级集中培训",
    title: "全县电商能力提升培训（第一期）",
    townshipName: "",
    startDate: "2019-07-01",
    endDate: "2019-07-03",
    slotCount: 6,
    plannedHeadcount: 100,
    personTimes: 540,
    poorPersonTimes: 200,
    status: "draft",
  },
];

const totals: TrainingTotals = {
  programmeId: "p9",
  programmeName: "成县2019年电商技能培训",
  sessions: 2,
  heldSessions: 2,
  personTimes: 626,
  distinctPersons: 180,
  poorPersonTimes: 240,
  poorPersons: 70,
  personDays: "313",
  cost: "58300.00",
  byTownship: [
    { townshipId: "t1", townshipName: "鸡峰镇", sessions: 1, personTimes: 86, poorPersonTimes: 40 },
    { townshipId: null, townshipName: "县级（未指定乡镇）", sessions: 1, personTimes: 540, poorPersonTimes: 200 },
  ],
  byKind: [
    { kind: "township_onsite", kindLabel: "乡镇下沉式培训", sessions: 1, heldSessions: 1, personTimes: 86, poorPersonTimes: 40, personDays: "43.0", rateKey: "general", rate: "100.00", cost: "4300.00", shortestHeldDays: 1 },
    { kind: "county", kindLabel: "县级集中培训", sessions: 1, heldSessions: 1, personTimes: 540, poorPersonTimes: 200, personDays: "270.0", rateKey: "skills", rate: "200.00", cost: "54000.00", shortestHeldDays: 3 },
    { kind: "field_trip", kindLabel: "实地考察观摩培训", sessions: 0, heldSessions: 0, personTimes: 0, poorPersonTimes: 0, personDays: "0.0", rateKey: "study_trip", rate: "300.00", cost: "0.00", shortestHeldDays: 0 },
  ],
  byAudience: [
    { audience: "township_staff", personTimes: 26, poorPersonTimes: 0, personDays: 78, persons: 26, poorPersons: 0 },
    { audience: "poor_household", personTimes: 600, poorPersonTimes: 240, personDays: 235, persons: 600, poorPersons: 240 },
  ],
  targets: [
    { key: "person_times", label: "培训人次", unit: "人次", target: 1000, achieved: 626, met: false, requirement: "完成1000人次以上" },
    { key: "county_sessions", label: "县级集中培训", unit: "期", target: 1, achieved: 1, met: true, requirement: "开展集中能力提升培训" },
    { key: "satisfaction", label: "满意度", unit: "%", target: 90, achieved: null, met: null, requirement: "学员满意度" },
  ],
};

function trainingScreen(extra: Handler = () => undefined) {
  return mountScreen(TrainingView, (cmd, args) => {
    const answer = extra(cmd, args);
    if (answer !== undefined) return answer;
    if (cmd === "list_programmes") return [shopProgramme, trainingProgramme];
    if (cmd === "list_training_sessions") return summaries;
    if (cmd === "training_totals") return totals;
    if (cmd === "list_townships") return townships;
    throw new Error(`unexpected ${cmd}`);
  });
}

function option(text: string): HTMLElement {
  const found = [...document.body.querySelectorAll<HTMLElement>(".el-select-dropdown__item")].find(
    (o) => o.textContent?.trim() === text,
  );
  if (!found) throw new Error(`no option ${text}`);
  return found;
}

function target(key: string): HTMLElement {
  return $(`[data-testid=training-target][data-target-key=${key}]`);
}

describe("Training programme screen", () => {
  it("lists the training programme's sessions and its progress against the targets", async () => {
    const { calls, router } = await trainingScreen();
    await flushPromises();
    expect(commandCalls(calls, "list_training_sessions")).toEqual([{ programmeId: "p9", status: null }]);
    expect(commandCalls(calls, "training_totals")).toEqual([{ programmeId: "p9" }]);
    // Only training programmes are offered.
    expect(() => option("2019 电商扶贫示范店")).toThrow();
    expect(option("2019 成县2019年电商技能培训")).toBeTruthy();

    const rows = [...document.body.querySelectorAll<HTMLElement>("[data-testid=training-sessions] tr.el-table__row")];
    expect(rows).toHaveLength(2);
    expect(rows[0].textContent).toContain("鸡峰镇电商技能培训班");
    expect(rows[0].textContent).toContain("乡镇下沉式培训");
    expect(rows[0].textContent).toContain("2019年6月3日");
    expect(rows[0].textContent).toContain("86");
    expect(rows[1].textContent).toContain("2019年7月1日 至 2019年7月3日");
    expect(rows[1].textContent).toContain("县级");

    const panel = $("[data-testid=training-progress]");
    expect($("[data-testid=progress-person-times]", panel).textContent).toContain("626");
    expect($("[data-testid=progress-person-times]", panel).textContent).toContain("/ 1000 人次");
    expect($("[data-testid=progress-poor]", panel).textContent).toContain("240");
    expect($("[data-testid=progress-cost]", panel).textContent).toContain("58300.00");

    const personTimes = target("person_times");
    expect($("[data-testid=target-numbers]", personTimes).textContent?.trim()).toBe("626 / 1000 人次");
    expect($("[data-testid=target-status]", personTimes).textContent?.trim()).toBe("未完成");
    expect($("[data-testid=target-status]", personTimes).classList).toContain("el-tag--danger");
    expect(personTimes.querySelector(".el-progress")?.getAttribute("aria-valuenow")).toBe("62");
    const county = target("county_sessions");
    expect($("[data-testid=target-status]", county).textContent?.trim()).toBe("已完成");
    expect($("[data-testid=target-status]", county).classList).toContain("el-tag--success");
    expect(county.querySelector(".el-progress")?.classList).toContain("is-success");
    expect($("[data-testid=target-status]", target("satisfaction")).textContent?.trim()).toBe("不统计");

    // Person-times by audience, with how they are counted.
    const audiences = [...panel.querySelectorAll<HTMLElement>("[data-testid=training-by-audience] tr.el-table__row")];
    expect(audiences.map((r) => r.querySelector("td")?.textContent?.trim())).toEqual(["乡镇电商专干", "贫困户"]);
    expect(audiences[1].textContent).toContain("600");
    expect($("[data-testid=training-counting]", panel).textContent).toContain("每人参加一期培训计 1 人次");

    // The chart: person-times and poor person-times per township.
    await vi.waitFor(() => expect(chart.setOption).toHaveBeenCalled());
    const drawn = chart.setOption.mock.calls[chart.setOption.mock.calls.length - 1][0] as {
      xAxis: { data: string[] };
      series: { name: string; data: number[] }[];
    };
    expect(drawn.xAxis.data).toEqual(["鸡峰镇", "县级"]);
    expect(drawn.series.map((s) => s.name)).toEqual(["培训人次", "其中脱贫户人次"]);
    expect(drawn.series[0].data).toEqual([86, 540]);
    expect(drawn.series[1].data).toEqual([40, 200]);
    expect($("[data-testid=training-chart]")).toBeTruthy();

    await rows[0].querySelector("td")!.click();
    await flushPromises();
    expect(router.currentRoute.value.path).toBe("/training/s1");
  });

  it("disposes of the chart when the screen goes", async () => {
    const { wrapper } = await trainingScreen();
    await flushPromises();
    await vi.waitFor(() => expect(chart.setOption).toHaveBeenCalled());
    wrapper.unmount();
    expect(chart.dispose).toHaveBeenCalledTimes(1);
  });

  it("sends a new session's input from the dialog", async () => {
    const saved: Saved<TrainingSession> = { record: session, warnings: [] };
    const { calls } = await trainingScreen((cmd) => (cmd === "add_training_session" ? saved : undefined));
    await flushPromises();
    $("[data-testid=add-training]").click();
    await flushPromises();
    const dialog = $("[data-testid=training-dialog]");
    expect(commandCalls(calls, "list_townships")).toHaveLength(1);

    type(input("[data-testid=field-title]", dialog), "鸡峰镇电商技能培训班");
    type(input("[data-testid=field-organiser]", dialog), "成县商务局");
    type(input("[data-testid=field-provider]", dialog), "陇南电商学院");
    type(input("[data-testid=field-venue]", dialog), "鸡峰镇政府会议室");
    option("鸡峰镇").click();
    const start = input("[data-testid=field-startDate]", dialog);
    type(start, "2019-06-03");
    start.dispatchEvent(new Event("change"));
    await flushPromises();
    ($("[data-testid=field-halfDays] input[value=am]", dialog) as HTMLInputElement).click();
    type(input("[data-testid=field-trainers]", dialog), "李老师，王老师\n赵老师");
    type(input("[data-testid=field-outline]", dialog), "网店开设与运营");
    const headcount = input("[data-testid=field-plannedHeadcount]", dialog);
    type(headcount, "50");
    headcount.dispatchEvent(new Event("change"));
    await flushPromises();
    $("[data-testid=save-training]").click();
    await flushPromises();

    expect(commandCalls(calls, "add_training_session")).toEqual([
      {
        input: {
          programmeId: "p9",
          kind: "township_onsite",
          title: "鸡峰镇电商技能培训班",
          organiser: "成县商务局",
          provider: "陇南电商学院",
          venue: "鸡峰镇政府会议室",
          townshipId: "t1",
          startDate: "2019-06-03",
          endDate: "2019-06-03",
          halfDays: "am",
          slots: null,
          trainers: ["李老师", "王老师", "赵老师"],
          outline: "网店开设与运营",
          plannedHeadcount: 50,
          audience: "other",
        },
      },
    ]);
    await vi.waitFor(() => expect(document.body.querySelector("[data-testid=training-dialog]")).toBeNull());
    expect(commandCalls(calls, "list_training_sessions")).toHaveLength(2);
  });

  it("shows a refusal under the field it names", async () => {
    const refusal = { code: "TRAINING_TOWNSHIP", field: "townshipId", message: "乡镇下沉式培训须选择举办的乡镇。" };
    await trainingScreen((cmd) => (cmd === "add_training_session" ? Promise.reject(refusal) : undefined));
    await flushPromises();
    $("[data-testid=add-training]").click();
    await flushPromises();
    type(input("[data-testid=field-title]"), "鸡峰镇电商技能培训班");
    $("[data-testid=save-training]").click();
    await flushPromises();
    await vi.waitFor(() => {
      const error = document.body.querySelector("[data-testid=field-townshipId] .el-form-item__error");
      expect(error?.textContent?.trim()).toBe(refusal.message);
    });
    expect($("[data-testid=training-dialog]")).toBeTruthy();
    expect(document.body.querySelector("[data-testid=general-error]")).toBeNull();
  });
});

describe("Training helpers", () => {
  it("splits trainers on commas, 、 and new lines", () => {
    expect(splitTrainers("李老师, 王老师，赵老师\n\n钱老师、孙老师")).toEqual(["李老师", "王老师", "赵老师", "钱老师", "孙老师"]);
    expect(splitTrainers("  ")).toEqual([]);
  });

  it("offers a session back as the core says its slots were made", () => {
    const slots = (list: string[]) => list.map((slot) => ({ slot, label: slot, personTimes: 0, poorPersonTimes: 0 }));
    expect(slotsSetting({ halfDays: "pm", slots: slots(["2019-06-30 pm", "2019-07-01 pm"]) })).toEqual({ halfDays: "pm", custom: null });
    expect(slotsSetting({ halfDays: null, slots: slots(["2019-06-30 am", "2019-07-01 pm"]) })).toEqual({
      halfDays: "both",
      custom: ["2019-06-30 am", "2019-07-01 pm"],
    });
  });
});
