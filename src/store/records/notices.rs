//! Public notices and their objections on the one write path; the photo of the posted notice
//! is content-addressed in `attachment` like scans and inspection photos.

use crate::domain::lifecycle::RecordStatus;
use crate::store::records::lifecycle;
use rusqlite::types::Value as SqlValue;

use crate::domain::notices::{
    days, is_posted, Notice, NoticeInput, NoticePrivacy, NoticeSubject, NoticeSummary, Objection,
    ObjectionInput,
};
use crate::domain::refuse_if;
use crate::domain::Saved;
use crate::error::{Error, Result};
use crate::store::attachments::{self, Kinds};
use crate::store::entities::{NOTICE, NOTICE_OBJECTION};
use crate::store::from_row;
use crate::store::write::{self, Op};
use crate::store::Query;
use crate::store::Store;
use crate::Code;

fn text(s: &str) -> SqlValue {
    SqlValue::Text(s.to_string())
}

impl Store {
    pub fn add_notice(&mut self, input: &NoticeInput) -> Result<Saved<Notice>> {
        self.save_notice(None, input)
    }

    /// Edits a notice until it is posted (`is_posted`); a posted notice is refused with
    /// `NOTICE_POSTED`: a correction is a new notice.
    pub fn update_notice(&mut self, id: &str, input: &NoticeInput) -> Result<Saved<Notice>> {
        let current = self.notice(id)?;
        refuse_if(
            current.posted,
            Code::NOTICE_POSTED,
            "id",
            format!(
                "公示“{}”已于{}张贴（已打印或已提交），不能再修改：村里贴出的就是那一份。如需更正，请新建一条更正公示。",
                current.title,
                crate::domain::format_date_zh(
                    chrono::NaiveDate::parse_from_str(&current.start_date, "%Y-%m-%d")
                        .unwrap_or_default()
                )
            ),
        )?;
        self.save_notice(Some(id), input)
    }

    fn save_notice(&mut self, id: Option<&str>, input: &NoticeInput) -> Result<Saved<Notice>> {
        let valid = input.validated()?;
        let i = &valid.input;
        if let Some(p) = i.programme_id.as_deref().filter(|p| !p.is_empty()) {
            self.programme(p)?;
        }
        let values = vec![
            ("title", text(&i.title)),
            ("subject", text(i.subject.code())),
            (
                "programme_id",
                i.programme_id
                    .clone()
                    .filter(|p| !p.is_empty())
                    .map(SqlValue::Text)
                    .unwrap_or(SqlValue::Null),
            ),
            ("issuer", text(&i.issuer)),
            (
                "places",
                text(&serde_json::to_string(&i.places).expect("json")),
            ),
            ("start_date", text(&i.start_date)),
            ("end_date", text(&i.end_date)),
            ("phone_local", text(&i.phone_local)),
            (
                "phone_national",
                text(crate::domain::notices::NATIONAL_HOTLINE),
            ),
            ("body", text(i.body.trim())),
            (
                "entries",
                text(&serde_json::to_string(&i.entries).expect("json")),
            ),
        ];
        let (id, op) = match id {
            Some(id) => (id.to_string(), Op::Update),
            None => (crate::store::new_id(), Op::Create),
        };
        let back_to_draft = self.write(|tx, writer| {
            let edited = write::record(tx, writer, &NOTICE, &id, op, &values)?.is_some();
            lifecycle::back_to_draft_if_submitted(tx, writer, &NOTICE, &id, edited)
        })?;
        Ok(Saved {
            record: self.notice(&id)?,
            warnings: back_to_draft.into_iter().collect(),
        })
    }

    pub fn notice(&self, id: &str) -> Result<Notice> {
        type Row = (
            String,
            String,
            Option<String>,
            String,
            String,
            String,
            String,
            String,
            String,
            String,
            String,
            String,
            Option<String>,
            Option<String>,
            String,
        );
        let r: Row = self
            .conn
            .row(
                "SELECT n.title, n.subject, n.programme_id, coalesce(p.name, ''), n.issuer,
                        n.places, n.start_date, n.end_date, n.phone_local, n.phone_national,
                        n.body, n.entries, n.photo_sha256,
                        (SELECT notice_ids FROM county WHERE deleted_hlc IS NULL
                         ORDER BY code LIMIT 1),
                        n.status
                 FROM notice n LEFT JOIN programme p ON p.id = n.programme_id
                 WHERE n.id = ?1 AND n.deleted_hlc IS NULL",
                [id],
            )?
            .ok_or_else(|| Error::not_found("公示", id))?;
        let subject = NoticeSubject::from_code(&r.1);
        let objections = self.objections(id)?;
        let printed: bool = self
            .conn
            .value(
                "SELECT EXISTS (SELECT 1 FROM print_log WHERE form = 'notice' AND record_id = ?1)",
                [id],
            )?
            .unwrap_or(false);
        let (start, end) = (
            chrono::NaiveDate::parse_from_str(&r.6, "%Y-%m-%d").unwrap_or_default(),
            chrono::NaiveDate::parse_from_str(&r.7, "%Y-%m-%d").unwrap_or_default(),
        );
        Ok(Notice {
            id: id.to_string(),
            title: r.0,
            subject,
            subject_label: subject.label().to_string(),
            programme_id: r.2,
            programme_name: r.3,
            issuer: r.4,
            places: serde_json::from_str(&r.5).unwrap_or_default(),
            start_date: r.6,
            end_date: r.7,
            days: days(start, end),
            phone_local: r.8,
            phone_national: r.9,
            body: r.10,
            entries: serde_json::from_str(&r.11).unwrap_or_default(),
            photo_sha256: r.12,
            masking: r
                .13
                .as_deref()
                .map(NoticePrivacy::from_code)
                .unwrap_or_default(),
            open_objections: objections.iter().filter(|o| o.open).count() as u32,
            objections,
            posted: is_posted(start, self.today(), printed, &r.14),
            status: r.14,
        })
    }

    fn objections(&self, notice_id: &str) -> Result<Vec<Objection>> {
        Ok(self.conn.list(
            "SELECT id, received_date, objector, content, handling, handled_date
             FROM notice_objection WHERE notice_id = ?1 AND deleted_hlc IS NULL
             ORDER BY received_date, id",
            [notice_id],
            |r| {
                let handling: String = r.get(4)?;
                Ok(from_row!(r => Objection {
                    id, received_date, objector, content, open = handling.is_empty(),
                    handling = handling, _, handled_date,
                }))
            },
        )?)
    }

    /// Notices, newest first, of one status (the live ones without).
    pub fn list_notices(&self, status: Option<RecordStatus>) -> Result<Vec<NoticeSummary>> {
        Ok(self.conn.list(
            &format!(
                "SELECT n.id, n.title, n.subject, n.issuer, n.start_date, n.end_date,
                    json_array_length(n.entries), n.photo_sha256 IS NOT NULL, {},
                    (SELECT count(*) FROM notice_objection o
                      WHERE o.notice_id = n.id AND o.deleted_hlc IS NULL),
                    (SELECT count(*) FROM notice_objection o
                      WHERE o.notice_id = n.id AND o.deleted_hlc IS NULL AND o.handling = '')
             FROM notice n WHERE {}
             ORDER BY n.start_date DESC, n.id",
                lifecycle::status_column("n"),
                lifecycle::status_condition("n", status)
            ),
            [],
            |r| {
                let subject: String = r.get(2)?;
                Ok(from_row!(r => NoticeSummary {
                    id, title, subject = NoticeSubject::from_code(&subject),
                    subject_label = NoticeSubject::from_code(&subject).label().to_string(), _,
                    issuer, start_date, end_date, entries, has_photo, status, objections,
                    open_objections,
                }))
            },
        )?)
    }

    /// Records an objection, or (with `id`) how an objection already received was handled.
    pub fn save_objection(&mut self, input: &ObjectionInput) -> Result<Notice> {
        let notice = self.notice(&input.notice_id)?;
        let start =
            chrono::NaiveDate::parse_from_str(&notice.start_date, "%Y-%m-%d").unwrap_or_default();
        let o = input.validated(start)?;
        let (id, op) = match o.id.as_deref().filter(|i| !i.is_empty()) {
            Some(id) => {
                refuse_if(
                    !notice.objections.iter().any(|x| x.id == id),
                    Code::OBJECTION_UNKNOWN,
                    "id",
                    format!("这条公示没有编号为“{id}”的异议。"),
                )?;
                (id.to_string(), Op::Update)
            }
            None => (crate::store::new_id(), Op::Create),
        };
        let values = vec![
            ("notice_id", text(&o.notice_id)),
            ("received_date", text(&o.received_date)),
            ("objector", text(o.objector.trim())),
            ("content", text(&o.content)),
            ("handling", text(&o.handling)),
            (
                "handled_date",
                o.handled_date
                    .clone()
                    .map(SqlValue::Text)
                    .unwrap_or(SqlValue::Null),
            ),
        ];
        self.write(|tx, writer| write::record(tx, writer, &NOTICE_OBJECTION, &id, op, &values))?;
        self.notice(&o.notice_id)
    }

    /// Stores the photo of the posted notice by its SHA-256 and links it through the write path.
    pub fn attach_notice_photo(
        &mut self,
        notice_id: &str,
        file_name: &str,
        bytes: &[u8],
    ) -> Result<Notice> {
        let upload = attachments::check(bytes, "photo", "公示照片", Kinds::Images)?;
        self.notice(notice_id)?;
        self.write(|tx, writer| {
            upload.put(tx, file_name)?;
            write::record(
                tx,
                writer,
                &NOTICE,
                notice_id,
                Op::Update,
                &[("photo_sha256", SqlValue::Text(upload.sha256.clone()))],
            )?;
            Ok(())
        })?;
        self.notice(notice_id)
    }
}
