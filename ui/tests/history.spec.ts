import { describe, expect, it } from "vitest";
import { flushPromises, mount } from "@vue/test-utils";
import ElementPlus from "element-plus";
import HistoryDrawer from "../src/components/HistoryDrawer.vue";
import { makeI18n } from "../src/i18n";
import { historyValue } from "../src/format/labels";
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
    expect(historyValue("agreement", "modes", '["protective_purchase","employment"]', t, te)).toBe(
      "保护价收购、务工就业",
    );
    expect(historyValue("inspection", "inspectors", '[{"name":"陈志强","unit":"县商务局"},{"name":"马丽","unit":""}]', t, te)).toBe(
      "陈志强（县商务局）、马丽",
    );
    expect(historyValue("training_session", "trainers", '["张明","李婷"]', t, te)).toBe("张明、李婷");
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
});
