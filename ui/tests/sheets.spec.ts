import { afterEach, describe, expect, it } from "vitest";
import { flushPromises } from "@vue/test-utils";
import { clearMocks } from "@tauri-apps/api/mocks";
import ImportWizard from "../src/components/ImportWizard.vue";
import type { ImportMode, ImportReport } from "../src/bindings";
import { $, commandCalls, mountScreen } from "./helpers";

afterEach(() => {
  clearMocks();
  document.body.innerHTML = "";
});

function report(mode: ImportMode, written: boolean): ImportReport {
  return {
    kind: "households",
    mode,
    fileName: "户.xlsx",
    format: "xlsx",
    sheet: "Sheet1",
    headerRow: 2,
    columns: [
      { key: "headName", label: "户主姓名", required: true, column: "A", header: "户主姓名" },
      { key: "idNumber", label: "身份证号", required: true, column: "B", header: "身份证号码" },
    ],
    headers: [
      { column: "A", text: "户主姓名" },
      { column: "B", text: "身份证号码" },
    ],
    ignoredColumns: [],
    stamp: null,
    fileProblems: [],
    rows: [
      { row: 3, label: "张三", outcome: "new", problems: [], changes: [] },
      {
        row: 4,
        label: "李四",
        outcome: "error",
        problems: [
          {
            row: 4,
            column: "B",
            header: "身份证号",
            code: "ID_AS_NUMBER",
            message: "请把该列设置为文本格式后重新录入完整的 18 位号码。",
            severity: "error",
          },
        ],
        changes: [],
      },
    ],
    rowsLeftOut: 0,
    counts: { rows: 2, new: 1, updated: 0, unchanged: 0, errors: 1, warnings: 0 },
    written,
    summary: written ? "已导入 1 行" : "这是试导入，没有写入任何内容。",
  };
}

describe("Import wizard", () => {
  it("dry-runs the picked file, refuses import-all with an error row, imports the valid rows", async () => {
    const { calls } = await mountScreen(
      ImportWizard,
      (cmd, args) => {
        if (cmd !== "import_sheet") throw new Error(`unexpected ${cmd}`);
        const mode = (args.options as { mode: ImportMode }).mode;
        return report(mode, mode === "valid_only");
      },
      { kind: "households" },
    );
    const file = new File(["x"], "户.xlsx");
    const picker = $("[data-testid=sheet-file]") as HTMLInputElement;
    Object.defineProperty(picker, "files", { value: [file] });
    picker.dispatchEvent(new Event("change"));
    await flushPromises();
    await new Promise((r) => setTimeout(r, 50));
    await flushPromises();
    expect($("[data-testid=sheet-mapping]").textContent).toContain("表头在第 2 行");
    $("[data-testid=sheet-dry-run-button]").click();
    await flushPromises();
    const table = $("[data-testid=sheet-rows]");
    expect(table.textContent).toContain("ID_AS_NUMBER");
    expect(table.textContent).toContain("B 列");
    expect(($("[data-testid=sheet-import-all]") as HTMLButtonElement).disabled).toBe(true);
    expect($("[data-testid=sheet-all-refused]").textContent).toContain("不能“全部导入”");
    $("[data-testid=sheet-import-valid]").click();
    await flushPromises();
    const modes = commandCalls(calls, "import_sheet").map((a) => (a.options as { mode: string }).mode);
    expect(modes).toEqual(["dry_run", "dry_run", "valid_only"]);
    expect(commandCalls(calls, "import_sheet")[0].options).toMatchObject({ kind: "households", mapping: {} });
    expect(commandCalls(calls, "import_sheet")[1].options).toMatchObject({ mapping: { headName: "A", idNumber: "B" } });
    expect($("[data-testid=sheet-result-summary]").textContent).toContain("已导入 1 行");
  });

  it("shows each updated field old → new, and a renamed ID number as a warning on its row", async () => {
    const dry = report("dry_run", false);
    dry.rows = [
      {
        row: 3,
        label: "孙三",
        outcome: "update",
        problems: [
          {
            row: 3,
            column: "A",
            header: "户主姓名",
            code: "IMPORT_NAME_CHANGED",
            message: "按本行的身份证号（或代码）找到的农户是“钱二”，本行写作“孙三”：导入会把“钱二”改为“孙三”。",
            severity: "warning",
          },
        ],
        changes: [
          { entity: "household", field: "head_name", old: "钱二", new: "孙三" },
          { entity: "household", field: "village_id", old: "东村（621299100201）", new: "西村（621299100202）" },
          { entity: "household", field: "size", old: 4, new: 5 },
          { entity: "household", field: "id_number_rev", old: "a", new: "b" },
        ],
      },
    ];
    dry.counts = { rows: 1, new: 0, updated: 1, unchanged: 0, errors: 0, warnings: 1 };
    await mountScreen(ImportWizard, () => dry, { kind: "households" });
    const picker = $("[data-testid=sheet-file]") as HTMLInputElement;
    Object.defineProperty(picker, "files", { value: [new File(["x"], "户.xlsx")] });
    picker.dispatchEvent(new Event("change"));
    await flushPromises();
    await new Promise((r) => setTimeout(r, 50));
    await flushPromises();
    $("[data-testid=sheet-dry-run-button]").click();
    await flushPromises();
    const changes = Array.from(document.querySelectorAll("[data-testid=sheet-change]")).map((e) =>
      (e.textContent ?? "").replace(/\s+/g, " ").trim(),
    );
    expect(changes).toEqual([
      "户主姓名：钱二 → 孙三",
      "村：东村（621299100201） → 西村（621299100202）",
      "家庭人口：4 → 5",
    ]);
    const table = $("[data-testid=sheet-rows]").textContent ?? "";
    expect(table).toContain("IMPORT_NAME_CHANGED");
    expect(table).toContain("改为“孙三”");
    expect(($("[data-testid=sheet-import-all]") as HTMLButtonElement).disabled).toBe(false);
  });
});
