/** Project archives (项目档案): the 导出项目档案 button on the programme and operator lists. */
export default {
  export: "导出项目档案",
  exportHint: "生成一个压缩包：目录 PDF、全部文书（现场打印，可核验）、照片和扫描件原件，以及用于核对完整性的清单。",
  saved: "已导出项目档案：{files} 个文件（打印件 {printed} 份、原件 {attachments} 个，共 {pages} 页），保存到 {path}",
  missing: "本机没有 {count} 个附件，未收入档案（已在目录中列出）。",
};
