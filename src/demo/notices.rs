//! The demo county's public notice: the county acceptance results of 鸡峰镇's demonstration
//! shops, posted for 10 days from 2019年12月12日 in the township and on the county website, so
//! the notice form can be printed from a fresh demo. Skipped when the county has notices.

use crate::demo::programme_named;
use crate::demo::records::DEMO_PROGRAMME;
use crate::domain::inspections::Stage;
use crate::domain::notices::{NoticeEntry, NoticeInput, NoticeSubject};
use crate::domain::programmes::SubsidyRule;
use crate::error::Result;
use crate::Store;

pub fn add_demo_notices(store: &mut Store) -> Result<usize> {
    if !store.list_notices(None)?.is_empty() {
        return Ok(0);
    }
    let Some(programme) = programme_named(store, DEMO_PROGRAMME)? else {
        return Ok(0);
    };
    let programme = store.programme(&programme.id)?;
    let amount = |poor: bool| match &programme.settings.subsidy {
        SubsidyRule::PerVillageClass { classes } => classes
            .iter()
            .find(|c| c.key == if poor { "poor" } else { "non_poor" })
            .map(|c| format!("{:.2} 元", c.amount))
            .unwrap_or_default(),
        _ => String::new(),
    };
    let mut entries = Vec::new();
    for summary in store.list_inspections(Some(&programme.id))? {
        let inspection = store.inspection(&summary.id)?;
        if inspection.stage != Stage::Acceptance || !inspection.place.starts_with("鸡峰镇") {
            continue;
        }
        let operator = store.operator(&inspection.operator_id)?;
        let poor = match &operator.village_id {
            Some(v) => store.village(v)?.poor,
            None => false,
        };
        entries.push(NoticeEntry {
            name: operator.name.clone(),
            place: inspection.place.trim_start_matches("鸡峰镇").to_string(),
            benefit: format!(
                "验收{}，补助资金 {}",
                inspection.evaluation.conclusion.label(),
                amount(poor)
            ),
            id_number: String::new(),
            phone: operator.phone.clone(),
        });
    }
    if entries.is_empty() {
        return Ok(0);
    }
    store.add_notice(&NoticeInput {
        title: "关于鸡峰镇电商扶贫示范店验收结果的公示".into(),
        subject: NoticeSubject::AcceptanceResult,
        programme_id: Some(programme.id.clone()),
        issuer: "成县商务局".into(),
        places: vec![
            "鸡峰镇人民政府公示栏".into(),
            "各示范店所在村村务公开栏".into(),
            "成县人民政府网站".into(),
        ],
        start_date: "2019-12-12".into(),
        end_date: "2019-12-22".into(),
        phone_local: "0939-3212317".into(),
        body: String::new(),
        entries,
        has_list: true,
    })?;
    Ok(1)
}
