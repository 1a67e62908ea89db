//! Public notices (公示): a record of its own. What is posted (shop list, acceptance results,
//! trainee roster, fund allocation), by whom, where, for how long — at least 10 days, refused
//! otherwise — the complaint phones (local and the national 12317), the printed list, the photo
//! of the posted notice, and the objections received with how each was handled.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::inspections::Stage;
use super::places::{check_name, check_optional_text};
use super::resident_id::ResidentId;
use super::{format_date_zh, optional_date, parse_date, phone, Invalid, Invalids, Problems};
use crate::Code;

/// A notice ends at least this many days after it starts.
pub const MIN_DAYS: i64 = 10;
/// The national poverty-alleviation supervision hotline printed on every notice.
pub const NATIONAL_HOTLINE: &str = "12317";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum NoticeSubject {
    ShopList,
    AcceptanceResult,
    TraineeRoster,
    FundAllocation,
}

impl NoticeSubject {
    pub fn code(self) -> &'static str {
        match self {
            NoticeSubject::ShopList => "shop_list",
            NoticeSubject::AcceptanceResult => "acceptance_result",
            NoticeSubject::TraineeRoster => "trainee_roster",
            NoticeSubject::FundAllocation => "fund_allocation",
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            NoticeSubject::ShopList => "扶持对象名单",
            NoticeSubject::AcceptanceResult => "验收结果",
            NoticeSubject::TraineeRoster => "培训学员名单",
            NoticeSubject::FundAllocation => "资金分配结果",
        }
    }
    pub fn from_code(code: &str) -> NoticeSubject {
        match code {
            "shop_list" => NoticeSubject::ShopList,
            "trainee_roster" => NoticeSubject::TraineeRoster,
            "fund_allocation" => NoticeSubject::FundAllocation,
            _ => NoticeSubject::AcceptanceResult,
        }
    }
}

/// Whether the printed list shows ID and phone numbers: never by default; masked
/// (`621221********1234`, `138****1234`) only when the county turns it on. A county setting
/// (`county.notice_ids`): a notice's own stored `privacy` column is kept for old records but
/// no longer decides anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum NoticePrivacy {
    #[default]
    None,
    Masked,
}

impl NoticePrivacy {
    pub fn code(self) -> &'static str {
        match self {
            NoticePrivacy::None => "none",
            NoticePrivacy::Masked => "masked",
        }
    }
    pub fn from_code(code: &str) -> NoticePrivacy {
        if code == "masked" {
            NoticePrivacy::Masked
        } else {
            NoticePrivacy::None
        }
    }
}

/// One line of the printed list: who, where, what they get.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct NoticeEntry {
    pub name: String,
    /// Village and group: 长沟村三组.
    #[serde(default)]
    pub place: String,
    /// 验收合格，补助 5400.00 元 …
    #[serde(default)]
    pub benefit: String,
    /// Kept for masking only; never printed in full.
    #[serde(default)]
    pub id_number: String,
    #[serde(default)]
    pub phone: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct NoticeInput {
    pub title: String,
    pub subject: NoticeSubject,
    #[serde(default)]
    pub programme_id: Option<String>,
    pub issuer: String,
    /// Where it is posted: 长沟村村委会公示栏, 鸡峰镇政府公示栏, 成县人民政府网站.
    pub places: Vec<String>,
    pub start_date: String,
    pub end_date: String,
    /// The local complaint phone; 12317 is always printed beside it.
    pub phone_local: String,
    /// The notice's text; a standard text is printed when empty.
    #[serde(default)]
    pub body: String,
    #[serde(default)]
    pub entries: Vec<NoticeEntry>,
    /// The form's "附名单" box: the notice has a list, so an empty one is refused
    /// (`check_list`). A text that says the list is attached counts the same.
    #[serde(default)]
    pub has_list: bool,
}

#[derive(Debug)]
pub struct ValidNotice {
    pub input: NoticeInput,
    pub start: NaiveDate,
    pub end: NaiveDate,
}

/// Days a notice is posted, both ends counted as the county's documents do (8月12日 to 8月22日
/// is "10 天" in the seeds: the end minus the start).
pub fn days(start: NaiveDate, end: NaiveDate) -> i64 {
    (end - start).num_days()
}

impl NoticeInput {
    /// Every problem of the notice at once (`Invalids`), or the notice normalised.
    pub fn validated(&self) -> Result<ValidNotice, Invalids> {
        let mut problems = Problems::new();
        let mut input = self.clone();
        input.title = input.title.trim().to_string();
        input.issuer = input.issuer.trim().to_string();
        problems.take(check_optional_text(&input.title, "title", "公示标题", 80));
        problems.check(
            input.title.is_empty(),
            Code::NOTICE_TITLE,
            "title",
            "请填写公示标题。",
        );
        problems.take(check_name(&input.issuer, "issuer", "公示单位"));
        input.places = input
            .places
            .iter()
            .map(|p| p.trim().to_string())
            .filter(|p| !p.is_empty())
            .collect();
        problems.check(
            input.places.is_empty(),
            Code::NOTICE_PLACES,
            "places",
            "请填写公示地点（如村委会公示栏、乡镇政府公示栏或县政府网站）。",
        );
        let start = problems.take(parse_date(&input.start_date, "startDate", "公示开始日期"));
        let end = problems.take(parse_date(&input.end_date, "endDate", "公示结束日期"));
        if let (Some(start), Some(end)) = (start, end) {
            problems.check(
                days(start, end) < MIN_DAYS,
                Code::NOTICE_TOO_SHORT,
                "endDate",
                format!(
                    "公示期不少于 {MIN_DAYS} 天：{}至{}只有 {} 天。请把结束日期改到{}或以后。",
                    format_date_zh(start),
                    format_date_zh(end),
                    days(start, end).max(0),
                    format_date_zh(start + chrono::Duration::days(MIN_DAYS))
                ),
            );
            input.start_date = start.to_string();
            input.end_date = end.to_string();
        }
        if let Some(phone) = problems.take(phone::phone(&input.phone_local, "phoneLocal")) {
            input.phone_local = phone;
        }
        // ID numbers are checked as of the notice's end (or today's rules when it has none).
        let id_day = end.unwrap_or(NaiveDate::MAX);
        for (n, entry) in input.entries.iter_mut().enumerate() {
            if let Err(e) = normalise_entry(entry, id_day) {
                problems.push(Invalid::new(
                    e.code,
                    "entries",
                    format!("公示名单第 {} 行：{}", n + 1, e.message),
                ));
            }
        }
        // The list rule joins the field checks, so a save answers every problem at once.
        problems.take(check_list(&input));
        let dates = (|| Some((start?, end?)))();
        let (start, end) = problems.done(dates)?;
        Ok(ValidNotice { input, start, end })
    }
}

/// One line of a notice's list, trimmed and normalised; its first problem otherwise.
fn normalise_entry(entry: &mut NoticeEntry, id_day: NaiveDate) -> Result<(), Invalid> {
    entry.name = entry.name.trim().to_string();
    if entry.name.is_empty() {
        return Err(Invalid::new(
            Code::NOTICE_ENTRY_NAME,
            "entries",
            "没有姓名或名称。",
        ));
    }
    check_optional_text(&entry.name, "entries", "公示名单姓名", 60)?;
    if !entry.id_number.trim().is_empty() {
        let parsed = ResidentId::parse(&entry.id_number, "entries", id_day)?;
        entry.id_number = parsed.id.as_str().to_string();
    }
    if !entry.phone.trim().is_empty() {
        entry.phone = phone::mobile(&entry.phone, "entries")?;
    }
    Ok(())
}

/// Words in a notice's own text that say a list goes with it (名单附后, 见附件, 附名单 …).
pub const LIST_ATTACHED_WORDS: &[&str] =
    &["附后", "附件", "附名单", "附表", "名单如下", "如下名单"];

/// The notice's own text says a list is attached.
pub fn says_list_attached(body: &str) -> bool {
    LIST_ATTACHED_WORDS.iter().any(|w| body.contains(w))
}

/// A notice that has a list — the form's "附名单" box, or a text that says one is attached —
/// must carry at least one row: a "名单附后" with nothing after it is what villagers complain of.
/// Kept apart from `validated` (the field checks) so that each can change on its own.
pub fn check_list(input: &NoticeInput) -> Result<(), Invalid> {
    if !input.entries.is_empty() {
        return Ok(());
    }
    let why = if says_list_attached(&input.body) {
        "公示正文写明附有名单"
    } else if input.has_list {
        "勾选了“附名单”"
    } else {
        return Ok(());
    };
    Err(Invalid::new(
        Code::NOTICE_LIST_MISSING,
        "entries",
        format!(
            "{why}，但名单是空的。请从核验结果或培训签到生成名单，或逐行填写姓名、村（组）和内容；如果这条公示不附名单，请取消“附名单”并改写正文。"
        ),
    ))
}

/// Whether a notice is posted, and so frozen: it is locked, or its start date has come and it
/// was printed or submitted — what hangs on the village board is what was printed, and a
/// village committee expects it not to change under the posted copy. Before that the clerk may
/// still correct it and print again. Objections and the photo are recorded on a posted notice.
pub fn is_posted(start: NaiveDate, today: NaiveDate, printed: bool, status: &str) -> bool {
    status == "locked" || (start <= today && (printed || status == "submitted"))
}

/// Where a notice's list is built from when the clerk does not type it. Each row is built from
/// the records the notice announces: name, village (and group), what they get.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "from", rename_all = "snake_case")]
pub enum ListSource {
    /// A programme's inspections at one stage: each operator's latest result (验收合格 …).
    Inspections {
        #[serde(rename = "programmeId")]
        programme_id: String,
        stage: Stage,
    },
    /// One training session's trainees, one row per person.
    Training {
        #[serde(rename = "sessionId")]
        session_id: String,
    },
    /// A programme's approved applications (扶持对象名单): one row per operator, what it is to
    /// be supported in (拟扶持：<class>); no ID or phone.
    Applications {
        #[serde(rename = "programmeId")]
        programme_id: String,
    },
    /// A programme's awards (资金分配结果): one row per award, its amount.
    Awards {
        #[serde(rename = "programmeId")]
        programme_id: String,
    },
}

/// An objection received during the notice, and (later) how it was handled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct ObjectionInput {
    pub notice_id: String,
    /// Present when recording the handling of an objection already received.
    #[serde(default)]
    pub id: Option<String>,
    pub received_date: String,
    #[serde(default)]
    pub objector: String,
    pub content: String,
    #[serde(default)]
    pub handling: String,
    #[serde(default)]
    pub handled_date: Option<String>,
}

impl ObjectionInput {
    /// Checks the objection against its notice's start date.
    pub fn validated(&self, notice_start: NaiveDate) -> Result<ObjectionInput, Invalids> {
        let mut problems = Problems::new();
        let mut o = self.clone();
        let received = problems.take(parse_date(&o.received_date, "receivedDate", "收到异议日期"));
        if let Some(received) = received {
            problems.check(
                received < notice_start,
                Code::OBJECTION_DATE,
                "receivedDate",
                format!(
                    "收到异议的日期（{}）早于公示开始日期（{}），请核对。",
                    format_date_zh(received),
                    format_date_zh(notice_start)
                ),
            );
            o.received_date = received.to_string();
        }
        o.content = o.content.trim().to_string();
        problems.check(
            o.content.is_empty(),
            Code::OBJECTION_CONTENT,
            "content",
            "请填写异议内容。",
        );
        problems.take(check_optional_text(&o.objector, "objector", "反映人", 40));
        o.handling = o.handling.trim().to_string();
        let handled = o.handled_date.as_deref().unwrap_or("");
        let handled = problems
            .take(optional_date(handled, "handledDate", "处理日期"))
            .flatten();
        if let (Some(handled), Some(received)) = (handled, received) {
            problems.check(
                handled < received,
                Code::OBJECTION_HANDLED_DATE,
                "handledDate",
                "处理日期不能早于收到异议的日期。",
            );
        }
        o.handled_date = handled.map(|d| d.to_string());
        problems.check(
            !o.handling.is_empty() && o.handled_date.is_none() && !problems.has("handledDate"),
            Code::OBJECTION_HANDLED_DATE,
            "handledDate",
            "填写了处理结果，请同时填写处理日期。",
        );
        problems.finish()?;
        Ok(o)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Objection {
    pub id: String,
    pub received_date: String,
    pub objector: String,
    pub content: String,
    pub handling: String,
    pub handled_date: Option<String>,
    pub open: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct Notice {
    pub id: String,
    pub title: String,
    pub subject: NoticeSubject,
    pub subject_label: String,
    pub programme_id: Option<String>,
    pub programme_name: String,
    pub issuer: String,
    pub places: Vec<String>,
    pub start_date: String,
    pub end_date: String,
    pub days: i64,
    pub phone_local: String,
    pub phone_national: String,
    pub body: String,
    pub entries: Vec<NoticeEntry>,
    /// How the printed list shows ID and phone numbers: the county's setting when read.
    pub masking: NoticePrivacy,
    pub photo_sha256: Option<String>,
    pub objections: Vec<Objection>,
    pub open_objections: u32,
    pub status: String,
    /// Posted and frozen (`is_posted`): the screen offers no editing, the core refuses it.
    pub posted: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "camelCase")]
pub struct NoticeSummary {
    pub id: String,
    pub title: String,
    pub subject: NoticeSubject,
    /// The subject as printed (扶持对象名单 …), for the CLI; the UI labels `subject` itself.
    pub subject_label: String,
    pub issuer: String,
    pub start_date: String,
    pub end_date: String,
    pub entries: u32,
    pub objections: u32,
    pub open_objections: u32,
    pub has_photo: bool,
    pub status: String,
}

/// The standard text printed when a notice has none of its own.
pub fn standard_body(n: &Notice) -> String {
    let start = parse_date(&n.start_date, "startDate", "").map(format_date_zh);
    let end = parse_date(&n.end_date, "endDate", "").map(format_date_zh);
    let programme = if n.programme_name.is_empty() {
        String::new()
    } else {
        format!("根据《{}》有关要求，", n.programme_name)
    };
    // "名单附后" only when there is a list after it.
    let attached = if n.entries.is_empty() {
        ""
    } else {
        "（名单附后）"
    };
    format!(
        "{programme}现将{}予以公示{attached}，接受社会监督。公示期为{}至{}，共 {} 天。公示期间，如对公示内容有异议，请以书面、电话等形式向{}反映。反映情况要实事求是，以真实姓名反映的优先核查。",
        n.subject_label,
        start.unwrap_or_else(|_| n.start_date.clone()),
        end.unwrap_or_else(|_| n.end_date.clone()),
        n.days,
        n.issuer
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(start: &str, end: &str) -> NoticeInput {
        NoticeInput {
            title: "关于鸡峰镇电商扶贫示范店验收结果的公示".into(),
            subject: NoticeSubject::AcceptanceResult,
            programme_id: None,
            issuer: "成县商务局".into(),
            places: vec!["鸡峰镇政府公示栏".into(), " ".into()],
            start_date: start.into(),
            end_date: end.into(),
            phone_local: "0939-3212345".into(),
            body: String::new(),
            entries: vec![],
            has_list: false,
        }
    }

    #[test]
    fn ten_days_is_the_minimum() {
        let ok = input("2019-12-16", "2019-12-26").validated().unwrap();
        assert_eq!(days(ok.start, ok.end), 10);
        assert_eq!(ok.input.places, ["鸡峰镇政府公示栏"]);
        let short = input("2019-12-16", "2019-12-25")
            .validated()
            .unwrap_err()
            .first()
            .clone();
        assert_eq!(short.code, Code::NOTICE_TOO_SHORT);
        assert_eq!(short.field, "endDate");
        assert!(
            short.message.contains("2019年12月26日"),
            "{}",
            short.message
        );
        let reversed = input("2019-12-16", "2019-12-01")
            .validated()
            .unwrap_err()
            .first()
            .clone();
        assert_eq!(reversed.code, Code::NOTICE_TOO_SHORT);
    }

    #[test]
    fn entries_and_phones_are_checked() {
        let mut n = input("2019-12-16", "2019-12-26");
        n.phone_local = "12345".into();
        assert!(n.validated().is_err());
        let mut n = input("2019-12-16", "2019-12-26");
        n.entries.push(NoticeEntry {
            name: "张三".into(),
            place: "长沟村".into(),
            benefit: "补助".into(),
            id_number: "621221198001011230".into(),
            phone: String::new(),
        });
        let err = n.validated().unwrap_err().first().clone();
        assert!(
            err.message.starts_with("公示名单第 1 行"),
            "{}",
            err.message
        );
    }

    fn row(name: &str) -> NoticeEntry {
        NoticeEntry {
            name: name.into(),
            place: "长沟村一组".into(),
            benefit: "验收合格".into(),
            id_number: String::new(),
            phone: String::new(),
        }
    }

    #[test]
    fn a_list_said_to_be_attached_must_have_rows() {
        let mut n = input("2019-12-16", "2019-12-26");
        assert!(check_list(&n).is_ok(), "no list announced, none needed");
        for body in [
            "现将验收结果予以公示（名单附后）。",
            "具体名单见附件。",
            "附名单：",
            "名单如下：",
        ] {
            n.body = body.into();
            let err = check_list(&n).unwrap_err();
            assert_eq!(
                (err.code, err.field),
                (Code::NOTICE_LIST_MISSING, "entries"),
                "{body}"
            );
            assert!(err.message.contains("正文"), "{}", err.message);
        }
        n.body = String::new();
        n.has_list = true;
        let err = check_list(&n).unwrap_err();
        assert!(err.message.contains("附名单"), "{}", err.message);
        n.entries.push(row("张三"));
        assert!(check_list(&n).is_ok());
    }

    #[test]
    fn a_notice_is_posted_once_its_day_has_come_and_it_was_printed_or_submitted() {
        let start = NaiveDate::from_ymd_opt(2019, 12, 12).unwrap();
        let before = NaiveDate::from_ymd_opt(2019, 12, 11).unwrap();
        assert!(
            !is_posted(start, before, true, "submitted"),
            "printed early"
        );
        assert!(
            !is_posted(start, start, false, "draft"),
            "the day came, never printed"
        );
        assert!(is_posted(start, start, true, "draft"));
        assert!(is_posted(start, start, false, "submitted"));
        assert!(is_posted(start, before, false, "locked"));
    }
}
