//! Printing from the store: gathers a form's records, its version (the latest change-log seq
//! among the records it prints), prints it and notes it in the local print log, which
//! `verify_print` reads to tell a paper copy's hash apart: current, older version, or unknown.

use rusqlite::params;
use serde::Serialize;

use crate::domain::fund_plan::PlanSource;
use crate::domain::stats::StatsQuery;
use crate::domain::Invalid;
use crate::error::{Error, Result};
use crate::print::forms;
use crate::print::{self, Form, FormKind, Printed};
use crate::store::Query;
use crate::store::Store;
use crate::Code;

/// What a short hash from a paper copy says about the records now.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Verification {
    /// `current` | `older` | `unknown`
    pub status: String,
    pub hash: String,
    pub form: Option<FormKind>,
    pub form_label: String,
    pub record_id: String,
    pub printed_version: Option<i64>,
    pub current_version: Option<i64>,
    pub printed_at: String,
    /// Whether the printed content differs from what would print now.
    pub content_changed: bool,
    pub message: String,
}

/// The register records a session's trainees are matched against (`register_match`): the
/// households and members holding their ID numbers, and the households of those members.
const REGISTER_OF_SESSION_HOUSEHOLDS: &str = "SELECT id FROM household WHERE id_number IN
    (SELECT id_number FROM attendance WHERE session_id = ?1)";
const REGISTER_OF_SESSION_MEMBERS: &str = "SELECT id FROM household_member WHERE id_number IN
    (SELECT id_number FROM attendance WHERE session_id = ?1)";
const REGISTER_OF_SESSION_MEMBER_HOUSEHOLDS: &str = "SELECT household_id FROM household_member
    WHERE id_number IN (SELECT id_number FROM attendance WHERE session_id = ?1)";
/// The same for every session of a training programme.
const REGISTER_OF_PROGRAMME_HOUSEHOLDS: &str = "SELECT id FROM household WHERE id_number IN
    (SELECT a.id_number FROM attendance a JOIN training_session s ON s.id = a.session_id
     WHERE s.programme_id = ?1)";
const REGISTER_OF_PROGRAMME_MEMBERS: &str = "SELECT id FROM household_member WHERE id_number IN
    (SELECT a.id_number FROM attendance a JOIN training_session s ON s.id = a.session_id
     WHERE s.programme_id = ?1)";
const REGISTER_OF_PROGRAMME_MEMBER_HOUSEHOLDS: &str = "SELECT household_id FROM household_member
    WHERE id_number IN (SELECT a.id_number FROM attendance a JOIN training_session s
                        ON s.id = a.session_id WHERE s.programme_id = ?1)";

/// The fund records of a programme (`?1`): its awards, their operators, overrides, payments,
/// recovery orders, amounts recovered and bans, and the inspections and notices the gate reads.
const FUND_BOOK_OF_PROGRAMME: [&str; 10] = [
    "SELECT id FROM fund_award WHERE programme_id = ?1",
    "SELECT operator_id FROM fund_award WHERE programme_id = ?1",
    "SELECT o.id FROM fund_override o JOIN fund_award a ON a.id = o.award_id
     WHERE a.programme_id = ?1",
    "SELECT d.id FROM fund_disbursement d JOIN fund_award a ON a.id = d.award_id
     WHERE a.programme_id = ?1",
    "SELECT r.id FROM fund_recovery r JOIN fund_award a ON a.id = r.award_id
     WHERE a.programme_id = ?1",
    "SELECT x.id FROM fund_recovered x JOIN fund_recovery r ON r.id = x.recovery_id
     JOIN fund_award a ON a.id = r.award_id WHERE a.programme_id = ?1",
    "SELECT b.id FROM fund_ban b JOIN fund_award a ON a.operator_id = b.operator_id
     WHERE a.programme_id = ?1",
    "SELECT id FROM inspection WHERE programme_id = ?1",
    "SELECT id FROM notice WHERE programme_id = ?1",
    "SELECT o.id FROM notice_objection o JOIN notice n ON n.id = o.notice_id
     WHERE n.programme_id = ?1",
];

impl Store {
    /// Latest change-log seq of `id` and of the records `children` selects (SQL returning ids,
    /// `?1` bound to `id`).
    fn version_of(&self, id: &str, children: &[&str]) -> Result<i64> {
        let mut sql =
            String::from("SELECT coalesce(max(seq), 0) FROM change_log WHERE record_id = ?1");
        for c in children {
            sql.push_str(&format!(" OR record_id IN ({c})"));
        }
        Ok(self.conn.query_row(&sql, [id], |r| r.get(0))?)
    }

    /// Builds a form from the records as they are now (no PDF).
    pub fn form(&self, kind: FormKind, id: &str) -> Result<Form> {
        match kind {
            FormKind::Callbacks => {
                let sample = self.callback_sample(id)?;
                let version =
                    self.version_of(id, &["SELECT id FROM callback_call WHERE sample_id = ?1"])?;
                Ok(forms::callbacks::build(&sample, version))
            }
            FormKind::Acceptance => {
                let inspection = self.inspection(id)?;
                let programme = self.programme(&inspection.programme_id)?;
                let operator = self.operator(&inspection.operator_id)?;
                let version = self.version_of(
                    id,
                    &["SELECT id FROM inspection_photo WHERE inspection_id = ?1"],
                )?;
                Ok(forms::acceptance::build(
                    &forms::acceptance::AcceptanceData {
                        inspection: &inspection,
                        programme: &programme,
                        operator: &operator,
                    },
                    version,
                ))
            }
            FormKind::Notice => {
                let notice = self.notice(id)?;
                let version = self.version_of(
                    id,
                    // The county's masking setting decides what the list prints.
                    &[
                        "SELECT id FROM notice_objection WHERE notice_id = ?1",
                        "SELECT id FROM county",
                    ],
                )?;
                Ok(forms::notice::build(&notice, version))
            }
            FormKind::Roster | FormKind::Ledger => {
                let agreement = self.agreement(id)?;
                if kind == FormKind::Roster {
                    let rows = self.roster(id)?;
                    let version =
                        self.version_of(id, &["SELECT id FROM roster WHERE agreement_id = ?1"])?;
                    Ok(forms::roster::roster(&agreement, &rows, version))
                } else {
                    let rows = self.ledger(id)?;
                    let version = self
                        .version_of(id, &["SELECT id FROM ledger_entry WHERE agreement_id = ?1"])?;
                    Ok(forms::roster::ledger(&agreement, &rows, version))
                }
            }
            FormKind::Signin | FormKind::SigninBlank => {
                let session = self.training_session(id)?;
                let attendance = if kind == FormKind::Signin {
                    self.attendance(id)?
                } else {
                    Vec::new()
                };
                // The poor marks follow the register as it is now: its edits of these trainees'
                // households and members are versions of the sheet too.
                let version = self.version_of(
                    id,
                    &[
                        "SELECT id FROM attendance WHERE session_id = ?1",
                        REGISTER_OF_SESSION_HOUSEHOLDS,
                        REGISTER_OF_SESSION_MEMBERS,
                        REGISTER_OF_SESSION_MEMBER_HOUSEHOLDS,
                    ],
                )?;
                let mut form = forms::signin::build(&session, &attendance, version);
                form.kind = kind;
                Ok(form)
            }
            FormKind::FundPlan => {
                let plan = self.fund_plan(id)?;
                // The plan is computed from the places: their edits are versions of it too.
                let version =
                    self.version_of(id, &["SELECT id FROM village", "SELECT id FROM township"])?;
                Ok(forms::programme::fund_plan(id, &plan, version))
            }
            FormKind::FundPlanAwards => {
                let plan = self.fund_plan_from(id, PlanSource::Awards)?;
                // The awards and where their operators are: their edits are versions of it.
                let version = self.version_of(
                    id,
                    &[
                        "SELECT id FROM fund_award WHERE programme_id = ?1",
                        "SELECT o.id FROM operator o JOIN fund_award a ON a.operator_id = o.id
                           WHERE a.programme_id = ?1",
                        "SELECT id FROM village",
                        "SELECT id FROM township",
                    ],
                )?;
                Ok(forms::programme::fund_plan(id, &plan, version))
            }
            FormKind::TrainingSummary => {
                let totals = self.training_totals(id)?;
                let version = self.version_of(
                    id,
                    &[
                        "SELECT id FROM training_session WHERE programme_id = ?1",
                        "SELECT a.id FROM attendance a JOIN training_session s
                           ON s.id = a.session_id WHERE s.programme_id = ?1",
                        REGISTER_OF_PROGRAMME_HOUSEHOLDS,
                        REGISTER_OF_PROGRAMME_MEMBERS,
                        REGISTER_OF_PROGRAMME_MEMBER_HOUSEHOLDS,
                    ],
                )?;
                Ok(forms::programme::training_summary(&totals, version))
            }
            FormKind::Disbursements => {
                let programme = self.programme(id)?;
                let awards = self.fund_awards(id)?;
                let version = self.version_of(id, &FUND_BOOK_OF_PROGRAMME)?;
                Ok(forms::funds::disbursement_list(
                    id,
                    &programme.name,
                    &awards,
                    version,
                ))
            }
            FormKind::RecoveryNotice => {
                let recovery = self.fund_recovery(id)?;
                let ban = recovery
                    .ban_id
                    .as_deref()
                    .map(|ban| self.fund_ban(ban))
                    .transpose()?;
                let county = self.county()?.map(|c| c.name).unwrap_or_default();
                let version = self.version_of(
                    id,
                    &[
                        "SELECT id FROM fund_recovered WHERE recovery_id = ?1",
                        "SELECT id FROM fund_ban WHERE recovery_id = ?1",
                        "SELECT award_id FROM fund_recovery WHERE id = ?1",
                        "SELECT a.operator_id FROM fund_award a
                           JOIN fund_recovery r ON r.award_id = a.id WHERE r.id = ?1",
                        "SELECT id FROM county",
                    ],
                )?;
                Ok(forms::funds::recovery_notice(
                    &recovery,
                    ban.as_ref(),
                    &county,
                    version,
                ))
            }
            FormKind::FundStatus => {
                let status = self.fund_status(id)?;
                let version = self.version_of(id, &FUND_BOOK_OF_PROGRAMME)?;
                Ok(forms::funds::fund_status_form(&status, version))
            }
            FormKind::StatsReport => {
                let query = StatsQuery::from_record_id(id).ok_or_else(|| {
                    Invalid::new(
                        Code::PERIOD_INVALID,
                        "period",
                        format!("统计表“{id}”的期间无法识别：请按 2019-Q3 这样的期间重新打印。"),
                    )
                })?;
                let report = self.stats_report(&query)?;
                // A report counts from every kind of record: any change is a new version.
                let version: i64 = self.conn.query_row(
                    "SELECT coalesce(max(seq), 0) FROM change_log",
                    [],
                    |r| r.get(0),
                )?;
                Ok(forms::stats::stats_form(&report, id, version))
            }
            FormKind::Findings => self.findings_form(id),
            FormKind::Application => self.application_form(id),
        }
    }

    /// The 项目申报审批表 of an application: its reviews, the decision on it (its own fields),
    /// the award made on it and that award's payments, and the operator's name and code.
    fn application_form(&self, id: &str) -> Result<Form> {
        let application = self.fund_application(id)?;
        let operator = self.operator(&application.operator_id)?;
        let award = application
            .award_id
            .as_deref()
            .map(|award| self.fund_award(award))
            .transpose()?;
        let version = self.version_of(
            id,
            &[
                "SELECT id FROM fund_review WHERE application_id = ?1",
                "SELECT operator_id FROM fund_application WHERE id = ?1",
                "SELECT programme_id FROM fund_application WHERE id = ?1",
                "SELECT id FROM fund_award WHERE application_id = ?1",
                "SELECT d.id FROM fund_disbursement d JOIN fund_award a ON a.id = d.award_id
                 WHERE a.application_id = ?1",
            ],
        )?;
        Ok(forms::funds::application_form(
            &forms::funds::ApplicationFormData {
                application: &application,
                credit_code: &operator.credit_code,
                person_in_charge: &operator.person_in_charge,
                award: award.as_ref(),
            },
            version,
        ))
    }

    /// The 核查情况表 of the selection `id` names (`FindingsScope::record_id`).
    fn findings_form(&self, id: &str) -> Result<Form> {
        let scope = forms::findings::FindingsScope::parse(id).ok_or_else(|| {
            crate::domain::Invalid::new(
                Code::USAGE,
                "id",
                format!("“{id}”不是核查情况表的范围：应为“all/any”或“乡镇ID/状态”。"),
            )
        })?;
        let place = match &scope.township_id {
            Some(township) => self
                .conn
                .row::<(String,), _>("SELECT name FROM township WHERE id = ?1", [township])?
                .map(|(name,)| name)
                .ok_or_else(|| Error::NotFound {
                    what: "乡镇",
                    key: township.clone(),
                })?,
            None => self
                .county()?
                .map(|c| c.name)
                .unwrap_or_else(|| "全县".into()),
        };
        let findings = self.findings(&crate::checks::FindingFilter {
            township_id: scope.township_id.clone(),
            check: None,
            status: scope.status,
        })?;
        // Any review or run changes the findings: each is a version of the form.
        let version = self.version_of(id, &["SELECT id FROM finding"])?;
        let heading = forms::findings::FindingsHeading {
            place: &place,
            status: scope.status,
        };
        Ok(forms::findings::build(&scope, &heading, &findings, version))
    }

    /// Prints a form and notes it in the print log.
    pub fn print_form(&mut self, kind: FormKind, id: &str) -> Result<Printed> {
        let form = self.form(kind, id)?;
        let printed = print::print(form)?;
        self.log_print(&printed)?;
        Ok(printed)
    }

    /// Notes a printed form in the print log (a form printed elsewhere, e.g. on the archive's
    /// workers, from a [`Store::form`] of this store).
    pub(crate) fn log_print(&mut self, printed: &Printed) -> Result<()> {
        let s = &printed.stamp;
        self.conn.execute(
            "INSERT INTO print_log (hash, form, record_id, version, content_hash, pages,
                                    printed_at, officer)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
             ON CONFLICT (hash) DO UPDATE SET printed_at = excluded.printed_at,
                                             officer = excluded.officer",
            params![
                s.hash,
                s.form.code(),
                s.record_id,
                s.version,
                s.content_hash,
                printed.pages as i64,
                chrono::Local::now().format("%Y-%m-%d %H:%M").to_string(),
                self.writer.officer,
            ],
        )?;
        Ok(())
    }

    /// Checks a short hash from a paper copy against the print log and the records now.
    pub fn verify_print(&self, raw: &str) -> Result<Verification> {
        let hash = print::normalise_hash(raw).ok_or_else(|| Error::Print {
            code: Code::PRINT_HASH_FORMAT,
            message: format!(
                "校验码“{}”格式不对：应为 12 位数字和字母 A–F，如 3F9A-C2D1-77B0。",
                raw.trim()
            ),
        })?;
        let logged: Option<(String, String, i64, String, String)> = self.conn.row(
            "SELECT form, record_id, version, content_hash, printed_at
                 FROM print_log WHERE hash = ?1",
            [&hash],
        )?;
        let Some((form, record_id, version, content_hash, printed_at)) = logged else {
            return Ok(Verification {
                status: "unknown".into(),
                message: format!(
                    "校验码 {hash} 不是本机打印的表格，或记录尚未同步到本机：无法核对。"
                ),
                hash,
                form: None,
                form_label: String::new(),
                record_id: String::new(),
                printed_version: None,
                current_version: None,
                printed_at: String::new(),
                content_changed: false,
            });
        };
        let kind = FormKind::from_code(&form);
        let now = kind.map(|k| self.form(k, &record_id)).transpose();
        let (current_version, current_content) = match now {
            Ok(Some(f)) => {
                let stamp = print::stamp_of(&f);
                (Some(stamp.version), stamp.content_hash)
            }
            // The record is gone (deleted) or cannot be built any more.
            _ => (None, String::new()),
        };
        let label = kind.map(|k| k.label()).unwrap_or("表格");
        let matches = current_version == Some(version) && current_content == content_hash;
        let content_changed = current_content != content_hash;
        let message = if matches {
            format!(
                "与当前记录一致：{label}（记录 {record_id}，第 {version} 版，{printed_at} 打印）。"
            )
        } else {
            match current_version {
                Some(cur) => format!(
                    "这是旧版本：纸面为第 {version} 版（{printed_at} 打印），记录现为第 {cur} 版{}。请以最新打印件为准。",
                    if content_changed { "，内容已改动" } else { "，打印内容未变" }
                ),
                None => format!("纸面对应的{label}（记录 {record_id}）已删除或无法再生成。"),
            }
        };
        Ok(Verification {
            status: if matches { "current" } else { "older" }.into(),
            hash,
            form: kind,
            form_label: label.into(),
            record_id,
            printed_version: Some(version),
            current_version,
            printed_at,
            content_changed,
            message,
        })
    }
}

enum SaveTarget<'a> {
    NewFileIn(&'a std::path::Path),
    File(&'a std::path::Path),
}

/// A saved PDF.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct SavedPrint {
    pub path: String,
    pub pages: u32,
    pub bytes: u32,
    pub hash: String,
}

impl Store {
    /// Prints a form into `dir` (the default save folder when `None`) as
    /// `<form label>-<record name>-<hash>.pdf`, written beside and renamed so a failure leaves
    /// no half file.
    pub fn save_print(
        &mut self,
        kind: FormKind,
        id: &str,
        dir: Option<&std::path::Path>,
    ) -> Result<SavedPrint> {
        let dir = dir
            .map(|d| d.to_path_buf())
            .unwrap_or_else(crate::files::save_dir);
        self.save_print_where(kind, id, SaveTarget::NewFileIn(&dir))
    }

    /// Prints a form to the file the user chose in a "save as" dialog (replacing it, as the
    /// dialog has already asked), and notes it in the print log.
    pub fn save_print_to(
        &mut self,
        kind: FormKind,
        id: &str,
        path: &std::path::Path,
    ) -> Result<SavedPrint> {
        self.save_print_where(kind, id, SaveTarget::File(path))
    }

    fn save_print_where(
        &mut self,
        kind: FormKind,
        id: &str,
        target: SaveTarget,
    ) -> Result<SavedPrint> {
        let printed = self.print_form(kind, id)?;
        let path = match target {
            SaveTarget::NewFileIn(dir) => {
                let name = format!("{}-{}.pdf", kind.label(), printed.stamp.hash);
                crate::files::save_new_file(dir, &name, &printed.pdf)
                    .map_err(|e| crate::Error::io(dir.join(&name), e))?
            }
            SaveTarget::File(path) => {
                crate::files::replace_file(path, &printed.pdf)
                    .map_err(|e| crate::Error::io(path, e))?;
                path.to_path_buf()
            }
        };
        Ok(SavedPrint {
            path: path.display().to_string(),
            pages: printed.pages as u32,
            bytes: printed.pdf.len() as u32,
            hash: printed.stamp.hash,
        })
    }

    /// The pages of a form as they would print, for the preview (nothing is logged).
    pub fn preview_form(&self, kind: FormKind, id: &str) -> Result<print::Preview> {
        print::preview(self.form(kind, id)?)
    }
}
