import { afterEach, describe, expect, it, vi } from "vitest";
import { flushPromises } from "@vue/test-utils";
import { clearMocks } from "@tauri-apps/api/mocks";
import { ElMessageBox } from "element-plus";
import LifecycleActions from "../src/components/lifecycle/LifecycleActions.vue";
import VillagePicker from "../src/components/VillagePicker.vue";
import HouseholdDetailView from "../src/views/HouseholdDetailView.vue";
import type { Household, RecordState, TownshipSummary, Village } from "../src/bindings";
import { $, commandCalls, input, mountScreen, type } from "./helpers";

afterEach(() => {
  clearMocks();
  vi.restoreAllMocks();
  document.body.innerHTML = "";
});

const locked: RecordState = { kind: "agreement", id: "a1", status: "locked", voidReason: null };
const agreementProps = { kind: "agreement", id: "a1", status: "submitted", name: "HX-2019-003" };

describe("锁定: the county accepts a submitted record", () => {
  it("is offered on the county hub and locks after a confirmation saying what locking means", async () => {
    const confirm = vi.spyOn(ElMessageBox, "confirm").mockResolvedValue("confirm" as never);
    const { wrapper, calls } = await mountScreen(
      LifecycleActions,
      (cmd) => {
        if (cmd === "lock_record") return locked;
        throw new Error(`unexpected ${cmd}`);
      },
      agreementProps,
      { syncMode: "county" },
    );
    $("[data-testid=lock-record]").click();
    await flushPromises();
    expect(confirm).toHaveBeenCalledTimes(1);
    const message = String(confirm.mock.calls[0][0]);
    expect(message).toContain("HX-2019-003");
    expect(message).toContain("不能再修改或作废");
    expect(commandCalls(calls, "lock_record")).toEqual([{ kind: "agreement", id: "a1" }]);
    expect(wrapper.emitted("changed")).toEqual([[locked]]);
  });

  it("locks nothing when the confirmation is cancelled", async () => {
    vi.spyOn(ElMessageBox, "confirm").mockRejectedValue("cancel");
    const { wrapper, calls } = await mountScreen(LifecycleActions, () => locked, agreementProps, { syncMode: "county" });
    $("[data-testid=lock-record]").click();
    await flushPromises();
    expect(commandCalls(calls, "lock_record")).toEqual([]);
    expect(wrapper.emitted("changed")).toBeUndefined();
  });

  it("is not shown on a township laptop, nor for a draft on the hub", async () => {
    const onLaptop = await mountScreen(LifecycleActions, () => locked, agreementProps, { syncMode: "device" });
    expect(onLaptop.wrapper.find("[data-testid=void-record]").exists()).toBe(true);
    expect(onLaptop.wrapper.find("[data-testid=lock-record]").exists()).toBe(false);
    onLaptop.wrapper.unmount();

    const draft = await mountScreen(LifecycleActions, () => locked, { ...agreementProps, status: "draft" }, { syncMode: "county" });
    expect(draft.wrapper.find("[data-testid=submit-record]").exists()).toBe(true);
    expect(draft.wrapper.find("[data-testid=lock-record]").exists()).toBe(false);
  });
});

const household: Household = {
  id: "h7",
  headName: "赵春生",
  idNumber: "621227198001014321",
  idMasked: "621227********4321",
  size: 3,
  villageId: "v1",
  villageName: "石门村",
  townshipName: "伏家镇",
  villageGroup: "二组",
  category: "general",
  categoryLabel: "一般户",
  yearLifted: null,
  phone: "",
  notes: "",
  status: "draft",
};

function detailHandler(current: () => Household, more: (cmd: string, args: Record<string, unknown>) => unknown) {
  return (cmd: string, args: Record<string, unknown>) => {
    if (cmd === "household") return current();
    if (cmd === "household_links") return { links: [], incomeTotal: "0.00" };
    return more(cmd, args);
  };
}

describe("提交 / 作废 / 锁定 on a household's page", () => {
  it("submits a draft and shows the status the core answers, read again", async () => {
    vi.spyOn(ElMessageBox, "confirm").mockResolvedValue("confirm" as never);
    let current = household;
    const { wrapper, calls } = await mountScreen(
      HouseholdDetailView,
      detailHandler(
        () => current,
        (cmd) => {
          if (cmd !== "submit_record") throw new Error(`unexpected ${cmd}`);
          current = { ...household, status: "submitted" };
          return { kind: "household", id: "h7", status: "submitted", voidReason: null };
        },
      ),
      { id: "h7" },
    );
    await flushPromises();
    expect(wrapper.get("[data-testid=status]").text()).toBe("草稿");
    $("[data-testid=submit-record]").click();
    await flushPromises();
    expect(commandCalls(calls, "submit_record")).toEqual([{ kind: "household", id: "h7" }]);
    expect(commandCalls(calls, "household")).toHaveLength(2);
    expect(wrapper.get("[data-testid=status]").text()).toBe("已提交");
    expect(wrapper.find("[data-testid=submit-record]").exists()).toBe(false);
    expect(wrapper.find("[data-testid=edit-household]").exists()).toBe(true);
    // A laptop does not lock.
    expect(wrapper.find("[data-testid=lock-record]").exists()).toBe(false);
  });

  it("after 作废 shows the record read-only with the reason", async () => {
    const { wrapper } = await mountScreen(
      HouseholdDetailView,
      detailHandler(
        () => household,
        (cmd, args) => {
          if (cmd !== "void_record") throw new Error(`unexpected ${cmd}`);
          return { kind: "household", id: "h7", status: "voided", voidReason: args.reason };
        },
      ),
      { id: "h7" },
    );
    await flushPromises();
    $("[data-testid=void-record]").click();
    await flushPromises();
    type(input("[data-testid=field-reason]"), "重复登记");
    $("[data-testid=confirm-void]").click();
    await flushPromises();
    expect(wrapper.get("[data-testid=status]").text()).toBe("已作废");
    expect(wrapper.get("[data-testid=lifecycle-note]").text()).toContain("作废原因：重复登记");
    expect(wrapper.find("[data-testid=edit-household]").exists()).toBe(false);
    expect(wrapper.find("[data-testid=void-record]").exists()).toBe(false);
    // What the page showed stays: a voided record can no longer be read.
    expect(wrapper.get("[data-testid=household-id-number]").text()).toBe("621227198001014321");
  });

  it("locks a submitted household on the county hub, then offers no edit", async () => {
    vi.spyOn(ElMessageBox, "confirm").mockResolvedValue("confirm" as never);
    let current: Household = { ...household, status: "submitted" };
    const { wrapper } = await mountScreen(
      HouseholdDetailView,
      detailHandler(
        () => current,
        (cmd) => {
          if (cmd !== "lock_record") throw new Error(`unexpected ${cmd}`);
          current = { ...household, status: "locked" };
          return { kind: "household", id: "h7", status: "locked", voidReason: null };
        },
      ),
      { id: "h7" },
      { syncMode: "county" },
    );
    await flushPromises();
    $("[data-testid=lock-record]").click();
    await flushPromises();
    expect(wrapper.get("[data-testid=status]").text()).toBe("已锁定");
    expect(wrapper.get("[data-testid=lifecycle-note]").text()).toContain("县里已锁定");
    expect(wrapper.find("[data-testid=edit-household]").exists()).toBe(false);
    expect(wrapper.find("[data-testid=void-record]").exists()).toBe(false);
  });
});

describe("Village picker and retired places", () => {
  const townships: TownshipSummary[] = [
    { id: "t1", code: "621227100", name: "伏家镇", villageCount: 2, poorVillageCount: 0, retired: false },
    { id: "t2", code: "621227101", name: "江洛镇", villageCount: 1, poorVillageCount: 0, retired: true },
  ];
  const villages: Village[] = [
    { id: "v1", code: "621227100201", name: "石门村", townshipCode: "621227100", townshipName: "伏家镇", poor: false, retired: false },
    { id: "v2", code: "621227100202", name: "杨家庄村", townshipCode: "621227100", townshipName: "伏家镇", poor: false, retired: true },
  ];
  const handler = (cmd: string) => {
    if (cmd === "list_townships") return townships;
    if (cmd === "list_villages") return villages;
    throw new Error(`unexpected ${cmd}`);
  };

  /** The options an el-select shows once clicked open (Element Plus renders them in a popper). */
  async function optionsOf(testid: string): Promise<string[]> {
    const before = new Set(document.querySelectorAll(".el-select-dropdown__item"));
    $(`[data-testid=${testid}]`).click();
    await flushPromises();
    const select = $(`[data-testid=${testid}]`);
    const popper = document.getElementById(select.querySelector("[aria-controls]")?.getAttribute("aria-controls") ?? "");
    const items = popper
      ? [...popper.querySelectorAll<HTMLElement>(".el-select-dropdown__item")]
      : [...document.querySelectorAll<HTMLElement>(".el-select-dropdown__item")].filter((o) => !before.has(o));
    return items.map((o) => o.textContent!.trim());
  }

  it("offers no retired township or village for a new record", async () => {
    await mountScreen(VillagePicker, handler, { modelValue: null });
    await flushPromises();
    expect(await optionsOf("township-select")).toEqual(["伏家镇"]);
    const fujia = [...document.querySelectorAll<HTMLElement>(".el-select-dropdown__item")].find(
      (o) => o.textContent?.trim() === "伏家镇",
    );
    fujia!.click();
    await flushPromises();
    expect(await optionsOf("village-select")).toEqual(["石门村"]);
  });

  it("keeps the retired village a record already has, marked as retired", async () => {
    await mountScreen(VillagePicker, handler, { modelValue: "v2", hint: "伏家镇杨家庄村" });
    await flushPromises();
    expect(await optionsOf("village-select")).toEqual(["石门村", "杨家庄村（已停用）"]);
  });
});
