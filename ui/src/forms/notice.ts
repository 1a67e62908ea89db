import type { NoticeEntry } from "../bindings";

/** The notice form's list as the Rust side takes it. No rules: it checks every entry. */

/** One list line per row: 名称，村组，帮扶内容 (commas or tabs, as pasted from a sheet). */
export function parseEntries(text: string): NoticeEntry[] {
  return text
    .split("\n")
    .map((line) => line.split(/[,，\t]/).map((s) => s.trim()))
    .filter((cells) => cells[0])
    .map(([name, place, benefit]) => ({ name, place: place ?? "", benefit: benefit ?? "", idNumber: "", phone: "" }));
}
