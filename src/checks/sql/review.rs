//! The county's review of a finding, through the write path with the officer who decides:
//! open → explained (a note, perhaps an attachment such as a call-back record) → confirmed
//! (fabrication) or dismissed (with a note saying why). A decided or closed finding takes no
//! further review. A confirmed finding may carry the recovery (追回) the county orders on it.

use rusqlite::types::Value as SqlValue;

use super::store::run_at_now;
use crate::checks::{FindingStatus, FindingView};
use crate::domain::funds::{Recovery, RecoveryGrounds, RecoveryInput};
use crate::domain::{Invalid, Problems};
use crate::error::Result;
use crate::store::attachments::{self, Kinds, Upload};
use crate::store::entities::FINDING;
use crate::store::write::{self, Op};
use crate::store::{Query, Store};
use crate::Code;

/// The longest note a review keeps (characters).
const NOTE_MAX: usize = 1000;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Decision {
    Explain,
    Confirm,
    Dismiss,
}

impl Decision {
    fn to(self) -> FindingStatus {
        match self {
            Decision::Explain => FindingStatus::Explained,
            Decision::Confirm => FindingStatus::Confirmed,
            Decision::Dismiss => FindingStatus::Dismissed,
        }
    }

    fn verb(self) -> &'static str {
        match self {
            Decision::Explain => "说明",
            Decision::Confirm => "确认",
            Decision::Dismiss => "排除",
        }
    }
}

impl Store {
    /// Records the township's or a clerk's explanation of a finding (a note is required; an
    /// attachment, by its SHA-256, may back it).
    pub fn explain_finding(
        &mut self,
        id: &str,
        note: &str,
        attachment: Option<&str>,
        officer: &str,
    ) -> Result<FindingView> {
        self.review_finding(id, Decision::Explain, note, attachment, None, officer)
    }

    /// `explain_finding` with a file (a call-back record, a photo: JPEG, PNG or PDF) stored as
    /// its attachment in the same transaction.
    pub fn explain_finding_with_file(
        &mut self,
        id: &str,
        note: &str,
        file_name: &str,
        bytes: &[u8],
        officer: &str,
    ) -> Result<FindingView> {
        let upload = attachments::check(bytes, "attachment", "佐证材料", Kinds::ImagesOrPdf)?;
        self.review_finding(
            id,
            Decision::Explain,
            note,
            None,
            Some((&upload, file_name)),
            officer,
        )
    }

    /// Confirms a finding as fabrication (the officer is required; the note may be empty).
    pub fn confirm_finding(&mut self, id: &str, note: &str, officer: &str) -> Result<FindingView> {
        self.review_finding(id, Decision::Confirm, note, None, None, officer)
    }

    /// Dismisses a finding (a note saying why is required).
    pub fn dismiss_finding(&mut self, id: &str, note: &str, officer: &str) -> Result<FindingView> {
        self.review_finding(id, Decision::Dismiss, note, None, None, officer)
    }

    fn review_finding(
        &mut self,
        id: &str,
        decision: Decision,
        note: &str,
        attachment: Option<&str>,
        upload: Option<(&Upload<'_>, &str)>,
        officer: &str,
    ) -> Result<FindingView> {
        let current = self.finding(id)?;
        let mut problems = Problems::new();
        let note = note.trim();
        let officer = officer.trim();
        problems.check(
            officer.is_empty(),
            Code::FINDING_OFFICER_REQUIRED,
            "officer",
            format!(
                "{}核查发现要写明经办人（--officer 姓名），变更记录会记下是谁作的决定。",
                decision.verb()
            ),
        );
        problems.check(
            note.is_empty() && decision != Decision::Confirm,
            Code::FINDING_NOTE_REQUIRED,
            "note",
            match decision {
                Decision::Dismiss => "排除核查发现必须写明理由（--note），例如回访核实的情况。",
                _ => "说明核查发现必须写明情况（--note），例如回访或实地核实的结果。",
            },
        );
        problems.check(
            note.chars().count() > NOTE_MAX,
            Code::FINDING_NOTE_REQUIRED,
            "note",
            format!("核查说明最多 {NOTE_MAX} 字，请精简。"),
        );
        problems.check(
            !current.status.is_pending(),
            Code::FINDING_STATUS,
            "status",
            format!(
                "这条核查发现的状态是“{}”，不能再{}。只有待核查或已说明的发现可以说明、确认或排除。",
                current.status.label(),
                decision.verb()
            ),
        );
        if let Some(sha) = attachment {
            let stored: Option<String> = self
                .conn
                .value("SELECT sha256 FROM attachment WHERE sha256 = ?1", [sha])?;
            problems.check(
                stored.is_none(),
                Code::FINDING_NOT_FOUND,
                "attachment",
                "佐证材料没有找到，请重新添加附件后再保存说明。",
            );
        }
        problems.finish()?;
        let mut values = vec![
            (
                "review_status",
                SqlValue::Text(decision.to().as_str().into()),
            ),
            ("note", SqlValue::Text(note.into())),
            ("decided_by", SqlValue::Text(officer.into())),
            ("decided_at", SqlValue::Text(run_at_now(self))),
        ];
        if let Some(sha) = attachment.or(upload.map(|(u, _)| u.sha256.as_str())) {
            values.push(("attachment_sha256", SqlValue::Text(sha.into())));
        }
        self.as_officer(officer, |store| {
            store.write(|tx, writer| {
                if let Some((upload, file_name)) = upload {
                    upload.put(tx, file_name)?;
                }
                write::record(tx, writer, &FINDING, id, Op::Update, &values)?;
                Ok(())
            })
        })?;
        self.finding(id)
    }

    /// Runs `work` with the change log naming `officer` (when one is given), then restores the
    /// device's officer.
    fn as_officer<T>(
        &mut self,
        officer: &str,
        work: impl FnOnce(&mut Store) -> Result<T>,
    ) -> Result<T> {
        if officer.trim().is_empty() {
            return work(self);
        }
        let before = self.officer().to_string();
        self.set_officer(officer);
        let out = work(self);
        self.set_officer(&before);
        out
    }

    /// Orders the recovery (追回, grounds: falsified materials, which also bans the operator) of
    /// an award named by a confirmed finding, and links it to the finding.
    pub fn recover_from_finding(
        &mut self,
        id: &str,
        input: &RecoveryInput,
    ) -> Result<(FindingView, Recovery)> {
        let finding = self.finding(id)?;
        if finding.status != FindingStatus::Confirmed || finding.recovery_id.is_some() {
            return Err(Invalid::new(
                Code::FINDING_RECOVERY,
                "status",
                if finding.recovery_id.is_some() {
                    "这条核查发现已经下达过追回决定。".to_string()
                } else {
                    format!(
                        "只有确认造假的核查发现才能据此追回资金；这条的状态是“{}”。",
                        finding.status.label()
                    )
                },
            )
            .into());
        }
        let input = RecoveryInput {
            grounds: RecoveryGrounds::Falsified,
            ..input.clone()
        };
        let officer = input.officer.clone();
        let recovery = self.as_officer(&officer, |store| {
            store.order_recovery_with(&input, |tx, writer, recovery_id| {
                write::record(
                    tx,
                    writer,
                    &FINDING,
                    id,
                    Op::Update,
                    &[("recovery_id", SqlValue::Text(recovery_id.into()))],
                )?;
                Ok(())
            })
        })?;
        Ok((self.finding(id)?, recovery))
    }
}
