/** Project archives: the "Export project archive" button on the programme and operator lists. */
export default {
  export: "Export archive",
  exportHint: "One zip: an index PDF, every document (printed now, verifiable), photos and scans as stored, and a manifest to check a copy is complete.",
  saved: "Archive exported: {files} files ({printed} printed, {attachments} attachments, {pages} pages), saved to {path}",
  missing: "{count} attachments are not on this device and were left out (listed in the index).",
};
