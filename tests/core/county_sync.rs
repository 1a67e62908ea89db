//! A real county's hub (托里县) and its laptops: a demo laptop and a laptop of another county
//! (徽县) are refused at the county and on the laptop; a batch the county could take nothing of
//! is neither reported as applied nor acknowledged; renames and retirements reach the laptop.

use fieldbook::demo::load_demo_places;
use fieldbook::print::FormKind;
use fieldbook::Store;

use crate::county::{tori, TORI_TOWN, TORI_TOWN_2};
use crate::sync::{add_household, dump};

struct Hub {
    dir: tempfile::TempDir,
    county: Store,
}

impl Hub {
    fn new() -> Hub {
        let dir = tempfile::tempdir().unwrap();
        let mut county = tori(Some(&dir.path().join("county.db")));
        county.county_init().unwrap();
        Hub { dir, county }
    }

    fn laptop(&self, name: &str) -> Store {
        let mut laptop = Store::open(&self.dir.path().join(name)).unwrap();
        laptop.save_officer("托里镇干部").unwrap();
        laptop
    }

    /// A fresh laptop enrolled for 托里镇, the county's package applied.
    fn enrolled(&mut self) -> Store {
        let mut laptop = self.laptop("laptop.db");
        let (request, _) = laptop.device_request().unwrap();
        let (answer, _) = self.county.county_enroll(&request, TORI_TOWN).unwrap();
        laptop.device_enroll(&answer).unwrap();
        self.package_to(&mut laptop);
        laptop
    }

    fn package_to(&mut self, laptop: &mut Store) {
        let (package, _) = self.county.sync_package(laptop.device_id()).unwrap();
        laptop.sync_apply(&package).unwrap();
    }

    fn dump(&self) -> String {
        dump(&self.dir.path().join("county.db"))
    }
}

#[test]
fn a_demo_laptop_is_refused_by_a_real_county_and_told_to_start_clean() {
    let mut hub = Hub::new();
    let mut demo = hub.laptop("demo.db");
    load_demo_places(&mut demo).unwrap();
    let (request, _) = demo.device_request().unwrap();
    let before = hub.dump();
    let refused = hub.county.county_enroll(&request, TORI_TOWN).unwrap_err();
    assert_eq!(refused.code().to_string(), "SYNC_DEMO_DEVICE");
    assert!(refused.to_string().contains("新建一个数据库"), "{refused}");
    assert_eq!(hub.dump(), before, "no device registered");
    assert!(hub.county.sync_devices().unwrap().is_empty());

    // An older county would answer: the laptop refuses the answer itself. (Here the laptop
    // asked while empty and took the demo in before the answer came back.)
    let mut laptop = hub.laptop("later-demo.db");
    let (request, _) = laptop.device_request().unwrap();
    let (answer, _) = hub.county.county_enroll(&request, TORI_TOWN).unwrap();
    load_demo_places(&mut laptop).unwrap();
    let refused = laptop.device_enroll(&answer).unwrap_err();
    assert_eq!(refused.code().to_string(), "SYNC_DEMO_DEVICE");
    assert_eq!(laptop.start_state().unwrap().sync_mode, "none");
}

#[test]
fn a_laptop_of_another_county_is_refused_at_the_county_and_on_the_laptop() {
    let mut hub = Hub::new();
    let mut hui = hub.laptop("hui.db");
    hui.create_county("621227", "徽县").unwrap();
    let (request, _) = hui.device_request().unwrap();
    let refused = hub.county.county_enroll(&request, TORI_TOWN).unwrap_err();
    assert_eq!(refused.code().to_string(), "SYNC_OTHER_COUNTY");
    assert!(refused.to_string().contains("621227"), "{refused}");

    let mut laptop = hub.laptop("late.db");
    let (request, _) = laptop.device_request().unwrap();
    let (answer, _) = hub.county.county_enroll(&request, TORI_TOWN).unwrap();
    laptop.create_county("621227", "徽县").unwrap();
    let refused = laptop.device_enroll(&answer).unwrap_err();
    assert_eq!(refused.code().to_string(), "SYNC_OTHER_COUNTY");
    assert_eq!(laptop.start_state().unwrap().sync_mode, "none");
    // Nothing of 托里县 was grafted onto 徽县.
    assert!(laptop.list_townships().unwrap().is_empty());
}

#[test]
fn a_batch_refused_in_full_is_not_acknowledged_and_a_partial_one_still_is() {
    let mut hub = Hub::new();
    let mut laptop = hub.enrolled();
    assert_eq!(laptop.start_state().unwrap().sync_mode, "device");
    // Townships are the county's to add: a laptop's new township cannot be taken in.
    laptop.add_township("654224299", "自设镇").unwrap();
    let village = laptop.list_villages(Some(TORI_TOWN)).unwrap().remove(0);
    let (batch, _) = laptop.export_batch().unwrap();
    let before = hub.dump();
    let result = hub.county.import_batch(&batch, false).unwrap();
    assert_eq!(result.report.outcome, "refused", "{:#?}", result.report);
    assert_eq!(result.report.refused.len(), 1, "{:#?}", result.report);
    assert!(result.receipt.is_none(), "nothing acknowledged");
    assert_eq!(result.report.applied_through, 0);
    assert_eq!(hub.dump(), before, "the county is as it was");
    // Not stored as seen: importing it again answers the same, not "duplicate".
    let again = hub.county.import_batch(&batch, false).unwrap();
    assert_eq!(again.report.outcome, "refused");

    // The next batch carries the refused change again and a household: applied, acknowledged.
    add_household(&mut laptop, &village.id, "阿力木", "654224198001010011");
    let (batch, _) = laptop.export_batch().unwrap();
    let result = hub.county.import_batch(&batch, false).unwrap();
    assert_eq!(result.report.outcome, "applied");
    assert_eq!(result.report.applied_through, result.report.seq_to);
    assert!(result.receipt.is_some());
    assert_eq!(result.report.refused.len(), 1);
}

#[test]
fn renames_and_retirements_reach_the_laptop_with_the_countys_package() {
    let mut hub = Hub::new();
    let mut laptop = hub.enrolled();
    hub.county
        .rename_place("654224100201", "克孜勒吐新村")
        .unwrap();
    hub.county.retire_place("654224100001").unwrap();
    hub.county.rename_county("托里县（新）").unwrap();
    hub.package_to(&mut laptop);
    let villages = laptop.list_villages(Some(TORI_TOWN)).unwrap();
    let by_code = |code: &str| villages.iter().find(|v| v.code == code).unwrap();
    assert_eq!(by_code("654224100201").name, "克孜勒吐新村");
    assert!(by_code("654224100001").retired);
    assert_eq!(laptop.county().unwrap().unwrap().name, "托里县（新）");
    // The package holds the laptop's own township only.
    assert!(laptop.find_township(TORI_TOWN_2).is_err());
}

#[test]
fn a_renamed_village_prints_its_new_name_and_an_older_print_verifies_as_older() {
    let (dir, mut store) = crate::print::demo_store();
    // A roster names each household's village as it is now (a posted notice keeps its text).
    let agreement = store.list_agreements(None, None).unwrap().remove(0).id;
    let first = store.print_form(FormKind::Roster, &agreement).unwrap();
    let text = pdf_text(dir.path(), "first.pdf", &first.pdf);
    let village = store
        .list_villages(None)
        .unwrap()
        .into_iter()
        .find(|v| v.name.chars().count() >= 3 && text.contains(&v.name))
        .expect("the roster names a village");
    store.rename_place(&village.code, "更名后的村").unwrap();

    let second = store.print_form(FormKind::Roster, &agreement).unwrap();
    let text = pdf_text(dir.path(), "second.pdf", &second.pdf);
    assert!(text.contains("更名后的村"), "{text}");
    let older = store.verify_print(&first.stamp.hash).unwrap();
    assert_eq!(older.status, "older", "{}", older.message);
    assert!(older.content_changed);
    assert_eq!(
        store.verify_print(&second.stamp.hash).unwrap().status,
        "current"
    );
}

fn pdf_text(dir: &std::path::Path, name: &str, pdf: &[u8]) -> String {
    let path = dir.join(name);
    std::fs::write(&path, pdf).unwrap();
    crate::print::squeezed(&crate::print::pdf_text(&path))
}
