import type zh from "./stats.zh-CN";

/** The statistics report on the Sheets screen. */
const en: typeof zh = {
  title: "Statistics report",
  kind: "Period",
  kinds: { month: "Monthly", quarter: "Quarterly", year: "Yearly", days: "Dates" },
  period: "Period",
  quarter: "Q{n}",
  month: "Month {n}",
  dates: "Dates",
  from: "From",
  to: "To",
  programme: "Programme",
  allProgrammes: "All programmes",
  township: "Township",
  wholeCounty: "Whole county",
  show: "Make the report",
  exportExcel: "Export Excel",
  printPdf: "Print PDF",
  saved: "Report exported",
  total: "Total",
  caption: "Period: {period} ({from} to {to}), compared with {previous}.",
  previous: "before {value}",
  growth: "change {change}, growth {rate}",
  findingsLater: "Integrity findings are not counted yet: shown as “—”.",
  figures: {
    operators_accepted: "Operators accepted",
    stations_accepted: "Stations accepted",
    households_linked: "Households linked",
    ledger_income: "Ledger income (yuan)",
    person_times: "Training person-times",
    poor_person_times: "Poor person-times",
    funds_awarded: "Funds awarded (yuan)",
    funds_paid: "Funds paid (yuan)",
    findings: "Findings",
  },
};

export default en;
