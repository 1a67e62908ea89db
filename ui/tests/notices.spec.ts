import { afterEach, describe, expect, it, vi } from "vitest";
import { flushPromises } from "@vue/test-utils";
import { clearMocks } from "@tauri-apps/api/mocks";
import NoticesView from "../src/views/NoticesView.vue";
import PrintView from "../src/views/PrintView.vue";
import NoticeListEditor from "../src/components/NoticeListEditor.vue";
import type { Notice, NoticeEntry, NoticeInput, NoticeSummary, Verification } from "../src/bindings";
import { $, commandCalls, input, mountScreen, type } from "./helpers";

const summary: NoticeSummary = {
  id: "n1",
  title: "关于鸡峰镇电商扶贫示范店验收结果的公示",
  subject: "acceptance_result",
  subjectLabel: "验收结果",
  issuer: "成县商务局",
  startDate: "2019-12-12",
  endDate: "2019-12-22",
  entries: 10,
  objections: 0,
  openObjections: 0,
  hasPhoto: false,
  status: "draft",
};

const notice: Notice = {
  id: "n1",
  title: summary.title,
  subject: "acceptance_result",
  subjectLabel: "验收结果",
  programmeId: null,
  programmeName: "",
  issuer: "成县商务局",
  places: ["鸡峰镇人民政府公示栏"],
  startDate: "2019-12-12",
  endDate: "2019-12-22",
  days: 10,
  phoneLocal: "0939-3212317",
  phoneNational: "12317",
  body: "",
  entries: [],
  masking: "none",
  photoSha256: null,
  objections: [],
  openObjections: 0,
  status: "draft",
  posted: false,
};

afterEach(() => {
  clearMocks();
  document.body.innerHTML = "";
});

describe("Notices screen", () => {
  it("lists notices, opens one and previews it as the pages that will print", async () => {
    const { calls } = await mountScreen(NoticesView, (cmd) => {
      if (cmd === "list_notices") return [summary];
      if (cmd === "notice") return notice;
      if (cmd === "preview_form") {
        return {
          stamp: { form: "notice", recordId: "n1", version: 7, contentHash: "x", hash: "ABCD-EF01-2345" },
          title: notice.title,
          pages: ['<svg xmlns="http://www.w3.org/2000/svg"><text>关于鸡峰镇</text></svg>'],
        };
      }
      return null;
    });
    await flushPromises();
    expect($("[data-testid=notice-list]").textContent).toContain("2019年12月12日");
    ($("[data-testid=notice-list] .el-table__row td") as HTMLElement).click();
    await flushPromises();
    expect($("[data-testid=notice-title]").textContent).toContain("验收结果的公示");
    expect($("[data-testid=notice-masking]").textContent).toContain("不印（本县设置）");
    $("[data-testid=print-notice]").click();
    await flushPromises();
    expect(commandCalls(calls, "preview_form")).toEqual([{ form: "notice", id: "n1" }]);
    expect($("[data-testid=print-stamp]").textContent).toContain("ABCD-EF01-2345");
    expect(document.querySelectorAll("[data-testid=print-page] svg").length).toBe(1);
  });

  it("shows the core's refusal of a short notice under the end date", async () => {
    await mountScreen(NoticesView, (cmd) => {
      if (cmd === "list_notices") return [];
      if (cmd === "add_notice") {
        throw { code: "NOTICE_TOO_SHORT", field: "endDate", message: "公示期不少于 10 天" };
      }
      return null;
    });
    await flushPromises();
    $("[data-testid=add-notice]").click();
    await flushPromises();
    type(input("[data-testid=field-endDate]"), "2019-08-21");
    $("[data-testid=save-notice]").click();
    await flushPromises();
    // Element Plus shows a form item's error after a 100 ms debounce.
    await vi.waitFor(() => {
      expect($("[data-testid=field-endDate] .el-form-item__error").textContent).toContain("公示期不少于 10 天");
    });
  });
});

function option(text: string): HTMLElement {
  const found = [...document.body.querySelectorAll<HTMLElement>(".el-select-dropdown__item")].find((o) =>
    o.textContent?.includes(text),
  );
  if (!found) throw new Error(`no option ${text}`);
  return found;
}

const built: NoticeEntry[] = [
  { name: "新城镇东村电商服务站", place: "东村", benefit: "县级验收合格", idNumber: "", phone: "" },
  { name: "新城镇西村电商服务站", place: "西村", benefit: "县级验收限期整改", idNumber: "", phone: "" },
];

describe("A notice's list", () => {
  it("shows the list in the detail and offers no editing once the notice is posted", async () => {
    const posted: Notice = { ...notice, entries: built, posted: true };
    await mountScreen(NoticesView, (cmd) => {
      if (cmd === "list_notices") return [summary];
      if (cmd === "notice") return posted;
      return null;
    });
    await flushPromises();
    ($("[data-testid=notice-list] .el-table__row td") as HTMLElement).click();
    await flushPromises();
    const rows = $("[data-testid=notice-entries]").textContent ?? "";
    expect(rows).toContain("新城镇东村电商服务站");
    expect(rows).toContain("县级验收限期整改");
    expect($("[data-testid=notice-posted]").textContent).toContain("已张贴");
    expect(document.querySelector("[data-testid=edit-notice]")).toBeNull();
  });

  it("edits a notice before it is posted: builds its list from the inspections and saves it", async () => {
    const { calls } = await mountScreen(NoticesView, (cmd) => {
      if (cmd === "list_notices") return [summary];
      if (cmd === "notice") return notice;
      if (cmd === "list_programmes") return [{ id: "p1", name: "电商服务站建设", year: 2020 }];
      if (cmd === "build_notice_list") return built;
      if (cmd === "update_notice") return { record: { ...notice, entries: built }, warnings: [] };
      return null;
    });
    await flushPromises();
    ($("[data-testid=notice-list] .el-table__row td") as HTMLElement).click();
    await flushPromises();
    $("[data-testid=edit-notice]").click();
    await flushPromises();
    expect(input("[data-testid=field-title]").value).toBe(notice.title);
    ($("[data-testid=field-hasList] input") as HTMLInputElement).click();
    await flushPromises();
    option("2020 电商服务站建设").click();
    await flushPromises();
    $("[data-testid=build-list]").click();
    await flushPromises();
    expect(commandCalls(calls, "build_notice_list")).toEqual([
      { source: { from: "inspections", programmeId: "p1", stage: "acceptance" } },
    ]);
    const rows = document.querySelectorAll("[data-testid=list-rows] .el-table__row");
    expect(rows.length).toBe(2);
    // The clerk corrects a row before saving.
    type(input(".el-table__row:nth-child(2) td:nth-child(4)", $("[data-testid=list-rows]")), "县级验收限期整改（已整改）");
    $("[data-testid=save-notice]").click();
    await flushPromises();
    const [call] = commandCalls(calls, "update_notice");
    expect(call.id).toBe("n1");
    const sent = call.input as NoticeInput;
    expect(sent.hasList).toBe(true);
    expect(sent.entries.map((e) => e.benefit)).toEqual(["县级验收合格", "县级验收限期整改（已整改）"]);
    expect(commandCalls(calls, "add_notice")).toEqual([]);
  });

  it("shows the core's refusal of a notice that promises a list it does not have", async () => {
    await mountScreen(NoticesView, (cmd) => {
      if (cmd === "list_notices") return [];
      if (cmd === "list_programmes") return [];
      if (cmd === "add_notice") {
        throw { code: "NOTICE_LIST_MISSING", field: "entries", message: "勾选了“附名单”，但名单是空的。" };
      }
      return null;
    });
    await flushPromises();
    $("[data-testid=add-notice]").click();
    await flushPromises();
    ($("[data-testid=field-hasList] input") as HTMLInputElement).click();
    $("[data-testid=save-notice]").click();
    await flushPromises();
    await vi.waitFor(() => {
      expect($("[data-testid=field-entries] .el-form-item__error").textContent).toContain("名单是空的");
    });
  });
});

describe("Notice numbers follow the county", () => {
  it("shows the county's setting in the new-notice form and sends no choice of its own", async () => {
    const { calls } = await mountScreen(NoticesView, (cmd) => {
      if (cmd === "list_notices") return [];
      if (cmd === "county_settings") {
        return { countyCode: "621221", countyName: "成县", noticeMasking: "masked", canChange: true };
      }
      if (cmd === "add_notice") return { record: { ...notice, masking: "masked" }, warnings: [] };
      return null;
    });
    await flushPromises();
    $("[data-testid=add-notice]").click();
    await flushPromises();
    expect($("[data-testid=notice-county-masking]").textContent).toContain("印脱敏号码（本县设置）");
    expect(document.querySelector("[data-testid=notice-dialog] .el-switch")).toBeNull();
    type(input("[data-testid=field-title]"), "关于长沟村示范店的公示");
    $("[data-testid=save-notice]").click();
    await flushPromises();
    const [call] = commandCalls(calls, "add_notice");
    expect(call.input).not.toHaveProperty("privacy");
  });
});

describe("Verification screen", () => {
  it("says whether a printed hash matches the current record", async () => {
    const answer: Verification = {
      status: "older",
      hash: "ABCD-EF01-2345",
      form: "notice",
      formLabel: "公示",
      recordId: "n1",
      printedVersion: 7,
      currentVersion: 9,
      printedAt: "2019-12-12 09:00",
      contentChanged: true,
      message: "这是旧版本：纸面为第 7 版",
    };
    const { calls } = await mountScreen(PrintView, (cmd) => (cmd === "verify_print" ? answer : null));
    type(input("[data-testid=verify-hash]"), "abcd-ef01-2345");
    $("[data-testid=verify-button]").click();
    await flushPromises();
    expect(commandCalls(calls, "verify_print")).toEqual([{ hash: "abcd-ef01-2345" }]);
    expect($("[data-testid=verify-result]").textContent).toContain("旧版本");
  });
});

describe("The chosen list (扶持对象名单)", () => {
  it("builds the chosen list from a programme's approved fund applications", async () => {
    const chosen: NoticeEntry[] = [
      { name: "克孜勒吐村电商服务站", place: "托里镇克孜勒吐村", benefit: "拟扶持：服务站点", idNumber: "", phone: "" },
    ];
    const { calls } = await mountScreen(
      NoticeListEditor,
      (cmd) => {
        if (cmd === "list_programmes") return [{ id: "p9", name: "村级电商服务站点", year: 2019 }];
        if (cmd === "build_notice_list") return chosen;
        return null;
      },
      { modelValue: [] },
    );
    await flushPromises();
    option("审定的扶持申报").click();
    await flushPromises();
    option("2019 村级电商服务站点").click();
    await flushPromises();
    expect(document.querySelector("[data-testid=list-session]")).toBeNull();
    $("[data-testid=build-list]").click();
    await flushPromises();
    expect(commandCalls(calls, "build_notice_list")).toEqual([{ source: { from: "applications", programmeId: "p9" } }]);
    expect($("[data-testid=list-rows]").querySelectorAll(".el-table__row").length).toBe(1);
  });
});
