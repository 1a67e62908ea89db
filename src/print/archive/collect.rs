//! What goes into an archive: the documents of a programme, an operator or a session, found
//! from the records (live ones only: a voided record is not part of the file) and planned as
//! entries — a form to print fresh, or an attachment to copy as stored — in folders by
//! operator and kind. Nothing is printed here.

use rusqlite::OptionalExtension;

use super::{ArchiveScope, DocKind, ScopeKind};
use crate::error::{Error, Result};
use crate::print::FormKind;
use crate::store::{Query, Store};

/// Where a planned document's bytes come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Source {
    /// A form printed now from the record (and noted in the print log).
    Form(FormKind, String),
    /// An attachment by its SHA-256, copied as stored.
    Attachment(String),
}

/// One document to put in the archive: its folder and file name without extension (the
/// extension follows what the bytes are), its kind and date.
#[derive(Debug, Clone)]
pub(super) struct Planned {
    pub folder: String,
    pub stem: String,
    pub kind: DocKind,
    pub date: String,
    pub source: Source,
}

pub(super) struct Plan {
    pub scope: ArchiveScope,
    pub docs: Vec<Planned>,
}

/// A name safe as a zip path segment on every system the archive is unpacked on: no path
/// separators, no characters Windows refuses, no control characters, not too long.
pub(super) fn safe_name(raw: &str) -> String {
    let cleaned: String = raw
        .chars()
        .map(|c| {
            if c.is_control() || "/\\:*?\"<>|".contains(c) {
                '_'
            } else {
                c
            }
        })
        .take(60)
        .collect();
    let trimmed = cleaned.trim().trim_end_matches('.').trim();
    if trimmed.is_empty() || trimmed.chars().all(|c| c == '.') {
        "未命名".into()
    } else {
        trimmed.to_string()
    }
}

struct Docs {
    docs: Vec<Planned>,
}

impl Docs {
    fn push(&mut self, folder: &str, stem: &str, kind: DocKind, date: &str, source: Source) {
        self.docs.push(Planned {
            folder: folder.to_string(),
            stem: safe_name(stem),
            kind,
            date: date.to_string(),
            source,
        });
    }
}

/// The name of the live record an archive is of, or `NOT_FOUND`.
pub(super) fn scope_name(store: &Store, kind: ScopeKind, id: &str) -> Result<String> {
    let (sql, what) = match kind {
        ScopeKind::Programme => (
            "SELECT name FROM programme WHERE id = ?1 AND deleted_hlc IS NULL",
            "项目",
        ),
        ScopeKind::Operator => (
            "SELECT name FROM operator WHERE id = ?1 AND deleted_hlc IS NULL",
            "实施主体",
        ),
        ScopeKind::Session => (
            "SELECT title FROM training_session WHERE id = ?1 AND deleted_hlc IS NULL",
            "培训",
        ),
    };
    store
        .conn
        .value::<String, _>(sql, [id])?
        .ok_or_else(|| Error::not_found(what, id))
}

fn today(store: &Store) -> String {
    let ms = store.writer.clock.now_ms() as i64;
    chrono::DateTime::from_timestamp_millis(ms)
        .unwrap_or_default()
        .with_timezone(&chrono::Local)
        .format("%Y-%m-%d")
        .to_string()
}

/// Operators taking part in a programme (`?1`): applied, awarded, bound by an agreement of it
/// or inspected for it; with the township they are in.
const OPERATORS_OF_PROGRAMME: &str = "
    SELECT o.id, o.name, coalesce(t.name, '')
    FROM operator o
    LEFT JOIN village v ON v.id = o.village_id
    LEFT JOIN township t ON t.id = v.township_id
    WHERE o.id IN (
        SELECT operator_id FROM fund_application WHERE programme_id = ?1 AND deleted_hlc IS NULL
        UNION SELECT operator_id FROM fund_award WHERE programme_id = ?1 AND deleted_hlc IS NULL
        UNION SELECT operator_id FROM agreement WHERE programme_id = ?1 AND deleted_hlc IS NULL
        UNION SELECT operator_id FROM inspection WHERE programme_id = ?1 AND deleted_hlc IS NULL)
    ORDER BY coalesce(t.code, ''), o.name, o.id";

/// Programmes an operator (`?1`) takes part in, by year and name.
const PROGRAMMES_OF_OPERATOR: &str = "
    SELECT p.id, p.name, p.year FROM programme p
    WHERE p.deleted_hlc IS NULL AND p.id IN (
        SELECT programme_id FROM fund_application WHERE operator_id = ?1 AND deleted_hlc IS NULL
        UNION SELECT programme_id FROM fund_award WHERE operator_id = ?1 AND deleted_hlc IS NULL
        UNION SELECT programme_id FROM agreement WHERE operator_id = ?1 AND deleted_hlc IS NULL
        UNION SELECT programme_id FROM inspection WHERE operator_id = ?1 AND deleted_hlc IS NULL)
    ORDER BY p.year, p.name, p.id";

/// The archive of a programme.
pub(super) fn programme(store: &Store, id: &str) -> Result<Plan> {
    let name = scope_name(store, ScopeKind::Programme, id)?;
    let mut docs = Docs { docs: Vec::new() };
    let today = today(store);
    let conn = &store.conn;
    let awarded: bool = conn
        .value::<i64, _>(
            "SELECT count(*) FROM fund_award WHERE programme_id = ?1 AND deleted_hlc IS NULL",
            [id],
        )?
        .unwrap_or(0)
        > 0;
    if awarded {
        let folder = "项目资金";
        let source = |k| Source::Form(k, id.to_string());
        docs.push(
            folder,
            "资金拨付明细表",
            DocKind::Disbursements,
            &today,
            source(FormKind::Disbursements),
        );
        docs.push(
            folder,
            "资金使用情况表",
            DocKind::FundStatus,
            &today,
            source(FormKind::FundStatus),
        );
    }
    let notices: Vec<(String, String, String, Option<String>)> = conn.list(
        "SELECT id, title, start_date, photo_sha256 FROM notice
         WHERE programme_id = ?1 AND deleted_hlc IS NULL ORDER BY start_date, title, id",
        [id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?;
    for (notice, title, start, photo) in notices {
        let stem = format!("{start}-{title}");
        docs.push(
            "公示",
            &stem,
            DocKind::Notice,
            &start,
            Source::Form(FormKind::Notice, notice),
        );
        if let Some(sha) = photo {
            docs.push(
                "公示",
                &format!("{stem}-张贴照片"),
                DocKind::NoticePhoto,
                &start,
                Source::Attachment(sha),
            );
        }
    }
    let sessions: Vec<String> = conn.list(
        "SELECT id FROM training_session WHERE programme_id = ?1 AND deleted_hlc IS NULL
         ORDER BY start_date, title, id",
        [id],
        |r| r.get(0),
    )?;
    if !sessions.is_empty() {
        let source = Source::Form(FormKind::TrainingSummary, id.to_string());
        docs.push(
            "培训",
            "培训情况汇总表",
            DocKind::TrainingSummary,
            &today,
            source,
        );
    }
    for session in &sessions {
        session_docs(store, session, "培训/", &mut docs)?;
    }
    let operators: Vec<(String, String, String)> =
        conn.list(OPERATORS_OF_PROGRAMME, [id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?;
    for (operator, operator_name, township) in operators {
        let township = if township.is_empty() {
            "未定乡镇".into()
        } else {
            safe_name(&township)
        };
        let folder = format!("实施主体/{township}/{}", safe_name(&operator_name));
        operator_docs(store, &operator, id, &folder, &mut docs)?;
    }
    Ok(Plan {
        scope: ArchiveScope {
            kind: ScopeKind::Programme,
            id: id.to_string(),
            name,
        },
        docs: docs.docs,
    })
}

/// The archive of an operator: its documents in every programme, a folder per programme, and
/// its agreements not linked to any.
pub(super) fn operator(store: &Store, id: &str) -> Result<Plan> {
    let name = scope_name(store, ScopeKind::Operator, id)?;
    let mut docs = Docs { docs: Vec::new() };
    let programmes: Vec<(String, String, i64)> =
        store.conn.list(PROGRAMMES_OF_OPERATOR, [id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?;
    for (programme, programme_name, year) in programmes {
        let folder = safe_name(&format!("{year}-{programme_name}"));
        operator_docs(store, id, &programme, &folder, &mut docs)?;
    }
    agreement_docs(store, id, None, "未关联项目的协议", &mut docs)?;
    Ok(Plan {
        scope: ArchiveScope {
            kind: ScopeKind::Operator,
            id: id.to_string(),
            name,
        },
        docs: docs.docs,
    })
}

/// The archive of a training session.
pub(super) fn session(store: &Store, id: &str) -> Result<Plan> {
    let title = scope_name(store, ScopeKind::Session, id)?;
    let mut docs = Docs { docs: Vec::new() };
    session_docs(store, id, "", &mut docs)?;
    Ok(Plan {
        scope: ArchiveScope {
            kind: ScopeKind::Session,
            id: id.to_string(),
            name: title,
        },
        docs: docs.docs,
    })
}

/// A session's sign-in sheet and the photos of the signed one, in `<prefix><date>-<title>`.
fn session_docs(store: &Store, id: &str, prefix: &str, docs: &mut Docs) -> Result<()> {
    let row: Option<(String, String, String)> = store
        .conn
        .query_row(
            "SELECT title, start_date, sheet_photos FROM training_session WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let Some((title, start, photos)) = row else {
        return Ok(());
    };
    let folder = format!("{prefix}{}", safe_name(&format!("{start}-{title}")));
    docs.push(
        &folder,
        "培训签到表",
        DocKind::Signin,
        &start,
        Source::Form(FormKind::Signin, id.to_string()),
    );
    let photos: Vec<String> = serde_json::from_str(&photos).unwrap_or_default();
    for (n, sha) in photos.into_iter().enumerate() {
        let stem = format!("签到表照片-{}", n + 1);
        docs.push(
            &folder,
            &stem,
            DocKind::SigninPhoto,
            &start,
            Source::Attachment(sha),
        );
    }
    Ok(())
}

/// An operator's documents in a programme: each application's 申报审批表 and files, the contract scan, recovery notices, agreements
/// with their rosters and ledgers, inspections with their photos.
fn operator_docs(
    store: &Store,
    operator: &str,
    programme: &str,
    folder: &str,
    docs: &mut Docs,
) -> Result<()> {
    let conn = &store.conn;
    let applications: Vec<(String, String, String)> = conn.list(
        "SELECT id, applied_date, documents FROM fund_application
         WHERE operator_id = ?1 AND programme_id = ?2 AND deleted_hlc IS NULL
         ORDER BY applied_date, id",
        [operator, programme],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    for (application, applied, documents) in applications {
        docs.push(
            folder,
            &format!("申报审批表-{applied}"),
            DocKind::ApplicationForm,
            &applied,
            Source::Form(FormKind::Application, application),
        );
        let documents: Vec<serde_json::Value> =
            serde_json::from_str(&documents).unwrap_or_default();
        for (n, d) in documents.iter().enumerate() {
            let Some(sha) = d.get("sha256").and_then(|s| s.as_str()) else {
                continue;
            };
            let name = d.get("name").and_then(|s| s.as_str()).unwrap_or_default();
            let stem = format!(
                "申报材料-{}-{}",
                n + 1,
                name.rsplit_once('.').map_or(name, |(s, _)| s)
            );
            docs.push(
                folder,
                &stem,
                DocKind::ApplicationDocument,
                &applied,
                Source::Attachment(sha.to_string()),
            );
        }
    }
    let awards: Vec<(String, Option<String>, String)> = conn.list(
        "SELECT id, contract_sha256, coalesce(contract_date, decided_date) FROM fund_award
         WHERE operator_id = ?1 AND programme_id = ?2 AND deleted_hlc IS NULL ORDER BY id",
        [operator, programme],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    for (award, scan, date) in awards {
        if let Some(sha) = scan {
            docs.push(
                folder,
                "合同扫描件",
                DocKind::ContractScan,
                &date,
                Source::Attachment(sha),
            );
        }
        let recoveries: Vec<(String, String)> = conn.list(
            "SELECT id, decided_date FROM fund_recovery
             WHERE award_id = ?1 AND deleted_hlc IS NULL ORDER BY decided_date, id",
            [&award],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        for (recovery, decided) in recoveries {
            let stem = format!("追回通知书-{decided}");
            docs.push(
                folder,
                &stem,
                DocKind::RecoveryNotice,
                &decided,
                Source::Form(FormKind::RecoveryNotice, recovery),
            );
        }
    }
    agreement_docs(store, operator, Some(programme), folder, docs)?;
    let inspections: Vec<(String, String, String)> = conn.list(
        "SELECT id, stage, inspection_date FROM inspection
         WHERE operator_id = ?1 AND programme_id = ?2 AND deleted_hlc IS NULL
         ORDER BY inspection_date, id",
        [operator, programme],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    for (inspection, stage, date) in inspections {
        let stage = match stage.as_str() {
            "preliminary" => "实地核验",
            "recheck" => "复核",
            _ => "验收",
        };
        let stem = format!("{stage}报告-{date}");
        docs.push(
            folder,
            &stem,
            DocKind::InspectionReport,
            &date,
            Source::Form(FormKind::Acceptance, inspection.clone()),
        );
        let photos: Vec<String> = conn.list(
            "SELECT sha256 FROM inspection_photo
             WHERE inspection_id = ?1 AND deleted_hlc IS NULL ORDER BY created_hlc, id",
            [&inspection],
            |r| r.get(0),
        )?;
        for (n, sha) in photos.into_iter().enumerate() {
            let stem = format!("{stage}照片-{date}-{}", n + 1);
            docs.push(
                folder,
                &stem,
                DocKind::InspectionPhoto,
                &date,
                Source::Attachment(sha),
            );
        }
    }
    Ok(())
}

/// An operator's agreements of `programme` (`None`: of no programme) with their roster, ledger
/// and signed scan.
fn agreement_docs(
    store: &Store,
    operator: &str,
    programme: Option<&str>,
    folder: &str,
    docs: &mut Docs,
) -> Result<()> {
    let agreements: Vec<(String, String, String, Option<String>)> = store.conn.list(
        "SELECT id, number, term_start, scan_sha256 FROM agreement
         WHERE operator_id = ?1 AND programme_id IS ?2 AND deleted_hlc IS NULL
         ORDER BY term_start, number, id",
        rusqlite::params![operator, programme],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?;
    for (agreement, number, start, scan) in agreements {
        let source = |k| Source::Form(k, agreement.clone());
        docs.push(
            folder,
            &format!("帮扶协议-{number}-带贫花名册"),
            DocKind::Roster,
            &start,
            source(FormKind::Roster),
        );
        docs.push(
            folder,
            &format!("帮扶协议-{number}-帮扶台账"),
            DocKind::Ledger,
            &start,
            source(FormKind::Ledger),
        );
        if let Some(sha) = scan {
            docs.push(
                folder,
                &format!("帮扶协议-{number}-扫描件"),
                DocKind::AgreementScan,
                &start,
                Source::Attachment(sha),
            );
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::safe_name;

    #[test]
    fn names_lose_separators_and_characters_windows_refuses() {
        assert_eq!(safe_name("../../etc/passwd"), ".._.._etc_passwd");
        assert_eq!(safe_name("a:b*c?\"d\"<e>|f\\g"), "a_b_c__d__e__f_g");
        assert_eq!(safe_name("  "), "未命名");
        assert_eq!(safe_name(".."), "未命名");
        assert_eq!(safe_name("鸡峰镇\n某某网店"), "鸡峰镇_某某网店");
        assert_eq!(safe_name(&"长".repeat(100)).chars().count(), 60);
    }
}
