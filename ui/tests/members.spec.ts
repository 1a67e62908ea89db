import { afterEach, describe, expect, it, vi } from "vitest";
import { flushPromises } from "@vue/test-utils";
import { clearMocks } from "@tauri-apps/api/mocks";
import { ElMessageBox } from "element-plus";
import SignInView from "../src/views/SignInView.vue";
import HouseholdDetailView from "../src/views/HouseholdDetailView.vue";
import type {
  AttendanceRow,
  Household,
  HouseholdMember,
  RegisterPerson,
  Saved,
  TrainingSession,
} from "../src/bindings";
import { autofillName, completeId } from "../src/forms/signin";
import { $, commandCalls, input, mountScreen, type, type Handler } from "./helpers";

// 托里县 (654224), not the demo county.
const session: TrainingSession = {
  id: "s1",
  programmeId: "p1",
  programmeName: "托里县2021年电商技能培训",
  kind: "township_onsite",
  kindLabel: "乡镇下沉式培训",
  title: "托里镇电商服务站长培训班",
  organiser: "托里县商务局",
  provider: "",
  venue: "托里镇政府",
  townshipId: "t1",
  townshipName: "托里镇",
  startDate: "2021-06-01",
  endDate: "2021-06-01",
  days: 1,
  slots: [
    { slot: "2021-06-01 am", label: "2021年6月1日上午", personTimes: 0, poorPersonTimes: 0 },
    { slot: "2021-06-01 pm", label: "2021年6月1日下午", personTimes: 0, poorPersonTimes: 0 },
  ],
  halfDays: "both",
  trainers: ["王老师"],
  outline: "",
  plannedHeadcount: 30,
  sheetPhotos: [],
  audience: "station_keeper",
  personTimes: 0,
  distinctPersons: 0,
  poorPersonTimes: 0,
  personDays: 0,
  status: "draft",
};

const spouse: RegisterPerson = {
  name: "古丽",
  sex: "female",
  birthDate: "1980-01-01",
  relation: "spouse",
  householdId: "h1",
  headName: "阿力木",
  townshipId: "t1",
  villageId: "v1",
  villageName: "克孜勒吐村",
  categoryLabel: "一般贫困户",
};

function row(extra: Partial<AttendanceRow> = {}): AttendanceRow {
  return {
    id: "a1",
    sessionId: "s1",
    slot: "2021-06-01 am",
    slotLabel: "2021年6月1日上午",
    name: "古丽娜",
    sex: "female",
    sexLabel: "女",
    idMasked: "654224********0028",
    age: 41,
    phone: "",
    townshipId: "t1",
    townshipName: "托里镇",
    villageId: "v1",
    villageName: "克孜勒吐村",
    poor: false,
    householdId: "h1",
    registerLabel: "姓名与登记册不符（待核实）",
    nameMismatch: true,
    audience: "station_keeper",
    signed: true,
    sheetPage: "",
    status: "draft",
    ...extra,
  };
}

afterEach(() => {
  clearMocks();
  vi.restoreAllMocks();
  document.body.innerHTML = "";
});

function signIn(extra: Handler, rows: AttendanceRow[] = []) {
  return mountScreen(
    SignInView,
    (cmd, args) => {
      const answer = extra(cmd, args);
      if (answer !== undefined) return answer;
      if (cmd === "training_session") return session;
      if (cmd === "attendance") return rows;
      throw new Error(`unexpected ${cmd}`);
    },
    { id: "s1" },
  );
}

describe("The sign-in desk's register lookup", () => {
  it("asks once the ID is complete, as the core reads it", () => {
    expect(completeId("65422419800101002")).toBeNull();
    expect(completeId("654224 19800101002x")).toBe("65422419800101002X");
    expect(completeId("６５４２２４１９８００１０１００２８")).toBe("654224198001010028");
    expect(completeId("65422419800101002Y")).toBeNull();
  });

  it("fills the name only while the officer has not typed one", () => {
    expect(autofillName("", null, spouse)).toBe("古丽");
    expect(autofillName("古丽娜", null, spouse)).toBe("古丽娜");
    // Another ID after a fill: the fill is replaced, or cleared when the register has no one.
    expect(autofillName("古丽", "古丽", { ...spouse, name: "阿力木" })).toBe("阿力木");
    expect(autofillName("古丽", "古丽", null)).toBe("");
    expect(autofillName("", null, null)).toBe("");
  });

  it("fills the name from the register when a member's ID is typed, and sends the chosen audience", async () => {
    const saved: Saved<AttendanceRow> = {
      record: row({ name: "古丽", poor: true, nameMismatch: false, registerLabel: "一般贫困户" }),
      warnings: [],
    };
    const { calls } = await signIn((cmd) => {
      if (cmd === "register_person") return spouse;
      if (cmd === "add_attendance") return saved;
      return undefined;
    });
    await flushPromises();
    const name = input("[data-testid=signin-name]");
    type(input("[data-testid=signin-id]"), "654224198001010028");
    await flushPromises();
    expect(commandCalls(calls, "register_person")).toEqual([{ idNumber: "654224198001010028" }]);
    expect(name.value).toBe("古丽");
    expect($("[data-testid=signin-registered]").textContent).toContain("古丽（配偶，阿力木户，克孜勒吐村，一般贫困户）");

    $("[data-testid=signin-submit]").click();
    await flushPromises();
    expect(commandCalls(calls, "add_attendance")[0].input).toMatchObject({
      name: "古丽",
      idNumber: "654224198001010028",
      audience: "station_keeper",
    });
    // The session's 人次 and 人天 are read again from the core after the sign-in.
    expect(commandCalls(calls, "training_session").length).toBeGreaterThan(1);
  });

  it("keeps a name typed first, so the core can warn that it differs", async () => {
    await signIn((cmd) => (cmd === "register_person" ? spouse : undefined));
    await flushPromises();
    const name = input("[data-testid=signin-name]");
    type(name, "古丽娜");
    type(input("[data-testid=signin-id]"), "654224198001010028");
    await flushPromises();
    expect(name.value).toBe("古丽娜");
  });
});

describe("A registered ID under another name", () => {
  it("is marked on the list and counts poor once someone confirms it is the same person", async () => {
    const confirm = vi.spyOn(ElMessageBox, "confirm").mockResolvedValue("confirm" as never);
    const confirmed = [row({ poor: true, nameMismatch: false, registerLabel: "一般贫困户" })];
    const { calls } = await signIn((cmd) => (cmd === "confirm_attendance_name" ? confirmed : undefined), [row()]);
    await flushPromises();
    const list = $("[data-testid=signin-list]");
    expect($("[data-testid=name-mismatch]", list).textContent?.trim()).toBe("姓名与登记册不符（待核实）");

    $("[data-testid=confirm-name]", list).click();
    await flushPromises();
    expect(confirm).toHaveBeenCalledTimes(1);
    expect(commandCalls(calls, "confirm_attendance_name")).toEqual([{ id: "a1" }]);
    expect($("[data-testid=poor-tag]", list).textContent?.trim()).toBe("脱贫户");
    expect(list.querySelector("[data-testid=confirm-name]")).toBeNull();
  });
});

describe("Household members", () => {
  const household: Household = {
    id: "h1",
    headName: "阿力木",
    idNumber: "654224198001010011",
    idMasked: "654224********0011",
    size: 4,
    villageId: "v1",
    villageName: "克孜勒吐村",
    townshipName: "托里镇",
    villageGroup: "一组",
    category: "general",
    categoryLabel: "一般贫困户",
    yearLifted: null,
    phone: "",
    notes: "",
    status: "draft",
  };
  const member: HouseholdMember = {
    id: "m1",
    householdId: "h1",
    name: "古丽",
    idMasked: "654224********0028",
    relation: "spouse",
    sex: "female",
    birthDate: "1980-01-01",
    status: "draft",
  };

  it("lists them on the household's page and adds one with its relation", async () => {
    const added: Saved<HouseholdMember> = {
      record: { ...member, id: "m2", name: "努尔", relation: "child", sex: "male", birthDate: "2001-01-01" },
      warnings: [],
    };
    const { calls } = await mountScreen(
      HouseholdDetailView,
      (cmd) => {
        if (cmd === "household") return household;
        if (cmd === "household_links") return { links: [], incomeTotal: "0.00" };
        if (cmd === "household_members") return [member];
        if (cmd === "add_household_member") return added;
        throw new Error(`unexpected ${cmd}`);
      },
      { id: "h1" },
    );
    await flushPromises();
    const members = $("[data-testid=household-members]");
    expect(members.textContent).toContain("古丽");
    expect(members.textContent).toContain("配偶");
    expect(members.textContent).toContain("654224********0028");
    expect(members.textContent).not.toContain("654224198001010028");

    $("[data-testid=add-member]").click();
    await flushPromises();
    const dialog = $("[data-testid=member-dialog]");
    type(input("[data-testid=field-name]", dialog), "努尔");
    type(input("[data-testid=field-idNumber]", dialog), "654224200101010013");
    $("[data-testid=save-member]").click();
    await flushPromises();
    expect(commandCalls(calls, "add_household_member")).toEqual([
      { input: { householdId: "h1", name: "努尔", idNumber: "654224200101010013", relation: "child" } },
    ]);
    expect(commandCalls(calls, "household_members")).toHaveLength(2);
  });
});
