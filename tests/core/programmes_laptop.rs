//! Programmes are the county's reference data: the 托里县 hub sets them up and edits them, an
//! enrolled township laptop takes them from the county's package and refuses to add or edit one
//! itself (`PROGRAMME_DEVICE`), by every entry point, and writes nothing.

use fieldbook::Store;

use crate::county::{tori, TORI_TOWN};

#[test]
fn an_enrolled_laptop_takes_the_countys_programmes_and_may_not_change_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut county = tori(Some(&dir.path().join("county.db")));
    // Set up before sync starts (an unenrolled database may) and at the hub after.
    let training = county
        .add_programme_from_preset("tuoli-2019-training", None)
        .unwrap();
    county.county_init().unwrap();
    assert!(county.county_reference_can_change().unwrap());
    let stations = county
        .add_programme_from_preset("tuoli-2019-service-station", None)
        .unwrap();
    let mut laptop = Store::open(&dir.path().join("laptop.db")).unwrap();
    laptop.save_officer("托里镇干部").unwrap();
    assert!(laptop.county_reference_can_change().unwrap());
    let (request, _) = laptop.device_request().unwrap();
    let (answer, _) = county.county_enroll(&request, TORI_TOWN).unwrap();
    laptop.device_enroll(&answer).unwrap();
    let (package, _) = county.sync_package(laptop.device_id()).unwrap();
    laptop.sync_apply(&package).unwrap();
    assert!(!laptop.county_reference_can_change().unwrap());
    let names = |store: &Store| -> Vec<String> {
        let mut names: Vec<String> = store
            .list_programmes()
            .unwrap()
            .into_iter()
            .map(|p| p.name)
            .collect();
        names.sort();
        names
    };
    assert_eq!(names(&laptop), names(&county));
    assert_eq!(names(&laptop).len(), 2);

    let mut settings = laptop.programme(&training.id).unwrap().settings;
    settings.name = "本机改名的培训项目".into();
    let json = serde_json::to_string(&settings).unwrap();
    let refusals = [
        laptop
            .add_programme_from_preset("tuoli-2019-logistics", None)
            .unwrap_err(),
        laptop.add_programme(&settings).unwrap_err(),
        laptop.edit_programme(&training.id, &settings).unwrap_err(),
        laptop.save_programme_json(None, &json).unwrap_err(),
        laptop
            .save_programme_json(Some(&stations.id), &json)
            .unwrap_err(),
    ];
    for refused in &refusals {
        assert_eq!(refused.code(), "PROGRAMME_DEVICE");
        assert!(refused.to_string().contains("县里统一设置"), "{refused}");
    }
    assert_eq!(names(&laptop), names(&county));
    let pending = laptop.sync_status().unwrap().pending;
    assert!(!pending.contains_key("programme"), "{pending:?}");

    // The county's edit reaches the laptop in the next package.
    let mut settings = county.programme(&training.id).unwrap().settings;
    settings.name = "托里县2019年电商技能培训（修订）".into();
    county.edit_programme(&training.id, &settings).unwrap();
    let (package, _) = county.sync_package(laptop.device_id()).unwrap();
    laptop.sync_apply(&package).unwrap();
    assert_eq!(
        laptop.programme(&training.id).unwrap().name,
        "托里县2019年电商技能培训（修订）"
    );
}
