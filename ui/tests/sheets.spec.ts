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
      { row: 3, label: "张三", outcome: "new", problems: [] },
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
      },
    ],
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
});
