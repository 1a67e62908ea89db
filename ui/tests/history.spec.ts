import { describe, expect, it } from "vitest";
import { flushPromises, mount } from "@vue/test-utils";
import ElementPlus from "element-plus";
import HistoryDrawer from "../src/components/HistoryDrawer.vue";
import { makeI18n } from "../src/i18n";
import { historyFieldLabel, historyValue } from "../src/format/labels";
import type { HistoryEntry } from "../src/bindings";
import { $ } from "./helpers";

function entry(seq: number, entity: string, op: string, fields: HistoryEntry["fields"]): HistoryEntry {
  return { seq, entity, op, at: "2019-12-09 10:00:00", officer: "王芳", device: "d1", fields };
}

describe("History values", () => {
  const i18n = makeI18n("zh-CN");
  const t = (key: string) => i18n.global.t(key);
  const te = (key: string) => i18n.global.te(key);

  it("labels coded fields by the record type, lists item by item", () => {
    expect(historyValue("inspection", "stage", "acceptance", t, te)).toBe("县级验收");
    expect(historyValue("inspection", "conclusion", "rectify", t, te)).toBe("限期整改");
    expect(historyValue("operator", "kind", "enterprise", t, te)).toBe("电商企业");
    expect(historyValue("programme", "kind", "enterprise", t, te)).toBe("电商企业及扶贫车间");
    expect(historyValue("training_session", "kind", "county", t, te)).toBe("县级集中培训");
    expect(historyValue("household", "category", "dibao", t, te)).toBe("低保贫困户");
    expect(historyValue("agreement", "price_rule", "market_plus", t, te)).toBe("高于市场价(%)");
    expect(historyValue("agreement", "status", "submitted", t, te)).toBe("已提交");
    // An inspection's checklist comes from the core as whole lines (its programme's labels).
    expect(historyValue("inspection", "observations", ["统一门牌：是", "年销售额：85518.95"], t, te)).toBe(
      "统一门牌：是\n年销售额：85518.95",
    );
    expect(historyValue("agreement", "modes", '["protective_purchase","employment"]', t, te)).toBe(
      "保护价收购、务工就业",
    );
    expect(historyValue("inspection", "inspectors", '[{"name":"陈志强","unit":"县商务局"},{"name":"马丽","unit":""}]', t, te)).toBe(
      "陈志强（县商务局）\n马丽",
    );
    expect(historyValue("training_session", "trainers", '["张明","李婷"]', t, te)).toBe("张明、李婷");
  });

  it("writes dates, money, yes/no and half-days as the screens do", () => {
    expect(historyValue("notice", "start_date", "2019-08-12", t, te)).toBe("2019年8月12日");
    expect(historyValue("ledger_entry", "amount", "1234.5", t, te)).toBe("¥1,234.50");
    expect(historyValue("inspection", "investment", "56000.00", t, te)).toBe("¥56,000.00");
    expect(historyValue("agreement", "target_income", "1000", t, te)).toBe("¥1,000.00");
    expect(historyValue("village", "poor", 1, t, te)).toBe("是");
    expect(historyValue("attendance", "signed", 0, t, te)).toBe("否");
    expect(historyValue("attendance", "slot", "2019-06-03 am", t, te)).toBe("2019年6月3日 上午");
    expect(historyValue("training_session", "slots", '["2019-06-03 am","2019-06-03 pm"]', t, te)).toBe(
      "2019年6月3日 上午、2019年6月3日 下午",
    );
  });

  it("shows a list one line an item, a notice's rows without ID or phone numbers", () => {
    const entries = JSON.stringify([
      { name: "李秀英", place: "宋坪村三组", benefit: "参加电商培训 2 天", idNumber: "62122119800101123X", phone: "13893912345" },
      { name: "赵建军", place: "宋坪村一组", benefit: "参加电商培训 1 天", idNumber: "", phone: "" },
    ]);
    const shown = historyValue("notice", "entries", entries, t, te);
    expect(shown).toBe("李秀英　宋坪村三组　参加电商培训 2 天\n赵建军　宋坪村一组　参加电商培训 1 天");
    expect(shown).not.toMatch(/6212|1389/);
    expect(historyValue("inspection", "rectification", '[{"item":"补挂标牌","deadline":"2019-12-01"}]', t, te)).toBe(
      "补挂标牌（2019年12月1日前）",
    );
    expect(historyValue("notice", "places", '["长沟村村委会公示栏","成县人民政府网站"]', t, te)).toBe(
      "长沟村村委会公示栏、成县人民政府网站",
    );
  });

  it("labels fields by the record type first, and every column the core keeps", () => {
    expect(historyFieldLabel("notice", "title", t, te)).toBe("公示标题");
    expect(historyFieldLabel("training_session", "title", t, te)).toBe("培训名称");
    expect(historyFieldLabel("inspection", "investment", t, te)).toBe("投资额");
    expect(historyFieldLabel("notice_objection", "notice_id", t, te)).toBe("公示");
    expect(historyFieldLabel("notice", "privacy", t, te)).toBe("");
  });

  it("leaves other values as they are", () => {
    expect(historyValue("village", "name", "金鸡村", t, te)).toBe("金鸡村");
    expect(historyValue("village", "township_id", "鸡峰镇（621221101）", t, te)).toBe("鸡峰镇（621221101）");
    expect(historyValue("household", "notes", "[未核实", t, te)).toBe("[未核实");
    expect(historyValue("household", "size", 6, t, te)).toBe("6");
    expect(historyValue("household", "phone", null, t, te)).toBe("（空）");
    expect(historyValue("operator", "kind", "new_kind", t, te)).toBe("new_kind");
  });
});

describe("History drawer", () => {
  it("shows labels, not codes, for an inspection's stage, conclusion and status", async () => {
    const entries = [
      entry(1, "inspection", "create", { stage: [null, "preliminary"], conclusion: [null, "rectify"], status: [null, "draft"] }),
      entry(2, "inspection", "update", { conclusion: ["rectify", "pass"], status: ["draft", "submitted"] }),
    ];
    const wrapper = mount(HistoryDrawer, {
      props: { title: "变更记录", load: () => Promise.resolve(entries) },
      global: { plugins: [ElementPlus, makeI18n("zh-CN")] },
      attachTo: document.body,
    });
    await flushPromises();
    const text = $("[data-testid=history]").textContent ?? "";
    expect(text).toContain("乡镇初验");
    expect(text).toMatch(/限期整改\s*→\s*合格/);
    expect(text).toMatch(/草稿\s*→\s*已提交/);
    expect(text).not.toMatch(/rectify|preliminary|submitted/);
    wrapper.unmount();
  });

  it("reads a notice's changes as the screen: labels, dates, the list line by line", async () => {
    const entries = [
      entry(1, "notice", "update", {
        title: ["旧标题", "新标题"],
        start_date: ["2019-08-12", "2019-08-15"],
        entries: ["[]", JSON.stringify([{ name: "张三", place: "长沟村一组", benefit: "县级验收合格" }])],
        subject: ["shop_list", "acceptance_result"],
      }),
    ];
    const wrapper = mount(HistoryDrawer, {
      props: { title: "变更记录", load: () => Promise.resolve(entries) },
      global: { plugins: [ElementPlus, makeI18n("zh-CN")] },
      attachTo: document.body,
    });
    await flushPromises();
    const text = $("[data-testid=history]").textContent ?? "";
    expect(text).toContain("公示标题");
    expect(text).toMatch(/2019年8月12日\s*→\s*2019年8月15日/);
    expect(text).toContain("张三　长沟村一组　县级验收合格");
    expect(text).toMatch(/扶持对象名单\s*→\s*验收结果/);
    expect(text).not.toMatch(/start_date|acceptance_result|\[\]|"name"/);
    wrapper.unmount();
  });
});
