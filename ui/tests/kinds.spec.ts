import { afterEach, describe, expect, it, vi } from "vitest";
import { flushPromises } from "@vue/test-utils";
import { clearMocks } from "@tauri-apps/api/mocks";
import KindsCard from "../src/components/KindsCard.vue";
import ProgrammeEditDialog from "../src/components/ProgrammeEditDialog.vue";
import type { KindOption, Preset, Programme } from "../src/bindings";
import { $, commandCalls, input, mountScreen, type } from "./helpers";

function kind(list: "programme" | "operator", code: string, label: string, extra: Partial<KindOption> = {}): KindOption {
  return {
    id: `${list}/${code}`,
    list,
    code,
    label,
    sort: 1,
    subject: list === "programme" ? "operator" : null,
    requiresOnlineShop: false,
    retired: false,
    status: "draft",
    ...extra,
  };
}

const kinds: KindOption[] = [
  kind("programme", "demo_shop", "电商扶贫示范店"),
  kind("programme", "herders_training", "牧民电商培训", { subject: "training" }),
  kind("operator", "demo_shop", "电商扶贫示范店", { requiresOnlineShop: true }),
  kind("operator", "cooperative", "合作社", { retired: true }),
];

afterEach(() => {
  clearMocks();
  document.body.innerHTML = "";
});

describe("County kinds", () => {
  it("lists each list by the core's labels and adds a kind on the hub, a refusal under its field", async () => {
    const refusal = {
      code: "KIND_CODE",
      field: "code",
      message: "类型代码“Parcel Point”只能用小写英文字母开头",
      errors: [{ code: "KIND_CODE", field: "code", message: "类型代码“Parcel Point”只能用小写英文字母开头" }],
    };
    let refuse = true;
    const { calls } = await mountScreen(KindsCard, (cmd, args) => {
      if (cmd === "kind_options") return kinds;
      if (cmd === "kinds_can_change") return true;
      if (cmd === "add_kind") {
        if (refuse) throw refusal;
        const i = args.input as { code: string; label: string };
        return kind("operator", i.code, i.label);
      }
      throw new Error(`unexpected ${cmd}`);
    });
    await flushPromises();
    const table = $("[data-testid=kinds-table]");
    expect(table.textContent).toContain("牧民电商培训");
    expect(table.textContent).toContain("培训");
    expect(table.textContent).not.toContain("合作社");

    ($("[data-testid=kinds-list]").querySelectorAll("label")[1] as HTMLElement).click();
    await flushPromises();
    expect($("[data-testid=kinds-table]").textContent).toContain("合作社");
    expect($("[data-testid=kinds-table]").textContent).toContain("已停用");

    type(input("[data-testid=kind-code]"), "Parcel Point");
    type(input("[data-testid=kind-label]"), "快递驿站");
    $("[data-testid=kind-add]").click();
    await flushPromises();
    // Element Plus shows a form item's error after a 100 ms debounce.
    await vi.waitFor(() => {
      expect($("[data-testid=field-code] .el-form-item__error").textContent).toContain("只能用小写英文字母开头");
    });

    refuse = false;
    type(input("[data-testid=kind-code]"), "parcel_point");
    $("[data-testid=kind-add]").click();
    await flushPromises();
    const adds = commandCalls(calls, "add_kind");
    expect(adds[adds.length - 1]).toEqual({
      input: { list: "operator", code: "parcel_point", label: "快递驿站", subject: null, requiresOnlineShop: false },
    });
  });

  it("is read-only on a township laptop", async () => {
    await mountScreen(KindsCard, (cmd) => {
      if (cmd === "kind_options") return kinds;
      if (cmd === "kinds_can_change") return false;
      throw new Error(`unexpected ${cmd}`);
    });
    await flushPromises();
    expect($("[data-testid=kinds]").textContent).toContain("随参考数据包发到本机");
    expect(document.querySelector("[data-testid=kind-add]")).toBeNull();
    expect(document.querySelector("[data-testid=kind-rename]")).toBeNull();
  });
});

const settings: Preset = {
  code: "tuoli-2020-demo-shop",
  name: "托里县2020年电商扶贫示范店",
  year: 2020,
  kind: "demo_shop",
  subsidy: {
    rule: "per_village_class",
    classes: [{ key: "poor", label: "贫困村", amount: "5400.00", amountMax: null, count: 3, annual: false, requirement: "" }],
  },
  tranches: [
    { label: "第一次拨付", percent: "80", onAcceptance: false },
    { label: "验收达标后拨付剩余资金", percent: "20", onAcceptance: true },
  ],
  targets: [
    { key: "shops", label: "示范店", metric: "operators_accepted", params: {}, quantity: 3, unit: "个", atMost: false, requirement: "" },
  ],
  criteria: { eligibility: [], scored: [], scoredMin: 0 },
  contractShareMin: null,
  recheckShareMin: null,
  rates: null,
  source: null,
  fund: null,
};

const programme: Programme = {
  id: "p1",
  presetCode: settings.code,
  name: settings.name,
  year: 2020,
  kind: "demo_shop",
  kindLabel: "电商扶贫示范店",
  subject: "operator",
  settings,
  status: "draft",
};

describe("Programme editing", () => {
  it("saves the edited settings as JSON and shows each refusal under its JSON path", async () => {
    const refusal = {
      code: "PROGRAMME_TRANCHES",
      field: "tranches[0].percent",
      message: "“第一次拨付”的比例应大于 0%、不超过 100%，现在是 120%。",
      errors: [
        { code: "PROGRAMME_TRANCHES", field: "tranches[0].percent", message: "“第一次拨付”的比例应大于 0%、不超过 100%，现在是 120%。" },
        { code: "PROGRAMME_SCORED_MIN", field: "criteria.scoredMin", message: "评选标准共 0 项，要求至少达标 2 项无法满足。" },
        { code: "PROGRAMME_ITEM", field: "criteria.eligibility[3].label", message: "条目要写明名称。" },
      ],
    };
    let refuse = true;
    const { calls } = await mountScreen(
      ProgrammeEditDialog,
      (cmd) => {
        if (cmd === "kind_options") return kinds.filter((k) => k.list === "programme");
        if (cmd === "save_programme_json") {
          if (refuse) throw refusal;
          return programme;
        }
        throw new Error(`unexpected ${cmd}`);
      },
      { programme },
    );
    await flushPromises();
    type(input("[data-testid=tranche-percent-0]"), "120");
    $("[data-testid=save-programme-edit]").click();
    await flushPromises();
    await vi.waitFor(() => {
      expect($('[data-testid="field-tranches[0].percent"] .el-form-item__error').textContent).toContain("不超过 100%");
      expect($('[data-testid="field-criteria.scoredMin"] .el-form-item__error').textContent).toContain("无法满足");
    });
    // A problem of no field on the form is listed with its path.
    expect($("[data-testid=programme-problems]").textContent).toContain("criteria.eligibility[3].label");

    refuse = false;
    type(input("[data-testid=tranche-percent-0]"), "80");
    type(input("[data-testid=programme-edit-name]"), "托里县2020年示范店");
    $("[data-testid=save-programme-edit]").click();
    await flushPromises();
    const saves = commandCalls(calls, "save_programme_json");
    const sent = saves[saves.length - 1] as { id: string; json: string };
    expect(sent.id).toBe("p1");
    const json = JSON.parse(sent.json) as Preset;
    expect(json.name).toBe("托里县2020年示范店");
    expect(json.tranches[0].percent).toBe("80");
  });
});
