//! A notice's list built from the records it announces: a programme's inspection results at one
//! stage, or a training session's trainees. The rows are what the printed list shows (name,
//! village and group, what they get); the clerk may edit them before saving, and the notice
//! stores them in its `entries` (a JSON column, so they sync with the notice).

use crate::domain::inspections::Stage;
use crate::domain::money::yuan_grouped;
use crate::domain::notices::Notice;
use crate::domain::notices::{ListSource, NoticeEntry, NoticeInput};
use crate::domain::programmes::Conclusion;
use crate::domain::refuse_if;
use crate::domain::Saved;
use crate::error::Result;
use crate::store::records::training::register_match::household_now;
use crate::store::{Query, Store};
use crate::Code;

impl Store {
    /// The rows of a notice's list as the records give them; refused with
    /// `NOTICE_LIST_SOURCE` when the records give none (nothing inspected at that stage, no one
    /// signed in).
    pub fn notice_list_from(&self, source: &ListSource) -> Result<Vec<NoticeEntry>> {
        let rows = match source {
            ListSource::Inspections {
                programme_id,
                stage,
            } => self.inspection_rows(programme_id, *stage)?,
            ListSource::Training { session_id } => self.trainee_rows(session_id)?,
            ListSource::Applications { programme_id } => self.chosen_rows(programme_id)?,
            ListSource::Awards { programme_id } => self.award_rows(programme_id)?,
        };
        let what = match source {
            ListSource::Inspections { stage, .. } => {
                format!("这个项目还没有{}的核验记录", stage.label())
            }
            ListSource::Training { .. } => "这次培训还没有签到记录".to_string(),
            ListSource::Applications { .. } => "这个项目还没有县里同意扶持的申报".to_string(),
            ListSource::Awards { .. } => "这个项目还没有确定扶持资金".to_string(),
        };
        refuse_if(
            rows.is_empty(),
            Code::NOTICE_LIST_SOURCE,
            "entries",
            format!("{what}，生成不了名单。请先录入，或逐行填写名单。"),
        )?;
        Ok(rows)
    }

    /// Replaces a notice's list with the rows built from `source`, through `update_notice`
    /// (refused like any edit once the notice is posted).
    pub fn fill_notice_list(&mut self, id: &str, source: &ListSource) -> Result<Saved<Notice>> {
        let entries = self.notice_list_from(source)?;
        let n = self.notice(id)?;
        let input = NoticeInput {
            title: n.title,
            subject: n.subject,
            programme_id: n.programme_id,
            issuer: n.issuer,
            places: n.places,
            start_date: n.start_date,
            end_date: n.end_date,
            phone_local: n.phone_local,
            body: n.body,
            entries,
            has_list: true,
        };
        self.update_notice(id, &input)
    }

    /// Each inspected operator's latest inspection of the programme at `stage`, by village.
    fn inspection_rows(&self, programme_id: &str, stage: Stage) -> Result<Vec<NoticeEntry>> {
        self.programme(programme_id)?;
        let rows: Vec<(String, String, String)> = self.conn.list(
            "SELECT o.name, coalesce(v.name, ''), i.conclusion
             FROM inspection i
             JOIN operator o ON o.id = i.operator_id
             LEFT JOIN village v ON v.id = o.village_id
             WHERE i.programme_id = ?1 AND i.stage = ?2 AND i.deleted_hlc IS NULL
               AND NOT EXISTS (
                   SELECT 1 FROM inspection later
                   WHERE later.operator_id = i.operator_id AND later.programme_id = i.programme_id
                     AND later.stage = i.stage AND later.deleted_hlc IS NULL
                     AND (later.inspection_date, later.id) > (i.inspection_date, i.id))
             ORDER BY v.code, o.name",
            rusqlite::params![programme_id, stage.code()],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        Ok(rows
            .into_iter()
            .map(|(name, place, conclusion)| {
                let result = serde_json::from_value::<Conclusion>(conclusion.into())
                    .map(Conclusion::label)
                    .unwrap_or("未出结论");
                NoticeEntry {
                    name,
                    place,
                    benefit: format!("{}{}", stage.label(), result),
                    id_number: String::new(),
                    phone: String::new(),
                }
            })
            .collect())
    }

    /// A programme's approved applications, one row per operator: the chosen list (扶持对象名单).
    fn chosen_rows(&self, programme_id: &str) -> Result<Vec<NoticeEntry>> {
        self.programme(programme_id)?;
        let approved = self.fund_applications(
            Some(programme_id),
            Some(crate::domain::funds::DecisionFilter::Approved),
        )?;
        let mut seen = std::collections::HashSet::new();
        Ok(approved
            .into_iter()
            .filter(|a| seen.insert(a.operator_id.clone()))
            .map(|a| NoticeEntry {
                name: a.operator_name,
                place: a.place,
                benefit: format!("拟扶持：{}", a.class_label),
                id_number: String::new(),
                phone: String::new(),
            })
            .collect())
    }

    /// A programme's live awards, one row per award: who, where and how much (资金分配结果
    /// 公示). Never an ID, phone or account number.
    fn award_rows(&self, programme_id: &str) -> Result<Vec<NoticeEntry>> {
        self.programme(programme_id)?;
        let rows: Vec<(String, String, String)> = self.conn.list(
            "SELECT o.name, coalesce(v.name, ''), a.amount
             FROM fund_award a
             JOIN operator o ON o.id = a.operator_id
             LEFT JOIN village v ON v.id = o.village_id
             WHERE a.programme_id = ?1 AND a.deleted_hlc IS NULL
             ORDER BY v.code, o.name",
            [programme_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        Ok(rows
            .into_iter()
            .map(|(name, place, amount)| {
                let amount = std::str::FromStr::from_str(&amount).unwrap_or_default();
                NoticeEntry {
                    name,
                    place,
                    benefit: format!("补助 {} 元", yuan_grouped(amount)),
                    id_number: String::new(),
                    phone: String::new(),
                }
            })
            .collect())
    }

    /// A session's trainees, one row per person (however many half-days they signed), with the
    /// registered household's group when the person was matched to one.
    fn trainee_rows(&self, session_id: &str) -> Result<Vec<NoticeEntry>> {
        let session = self.training_session(session_id)?;
        let rows: Vec<(String, String, String, String, i64)> = self.conn.list(
            &format!(
                "SELECT a.name, coalesce(v.name, t.name, '') || coalesce(h.village_group, ''),
                    a.id_number, max(a.phone), count(*)
             FROM attendance a
             LEFT JOIN village v ON v.id = a.village_id
             LEFT JOIN township t ON t.id = a.township_id
             LEFT JOIN household h ON h.id = {}
             WHERE a.session_id = ?1 AND a.deleted_hlc IS NULL
             GROUP BY a.id_number
             ORDER BY min(v.code) IS NULL, min(v.code), min(a.rowid)",
                household_now("a")
            ),
            [session_id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )?;
        Ok(rows
            .into_iter()
            .map(|(name, place, id_number, phone, slots)| NoticeEntry {
                name,
                place,
                benefit: format!("参加“{}”{} 个时段", session.title, slots),
                // Kept for the county's masking setting; never printed in full.
                id_number,
                phone,
            })
            .collect())
    }
}
