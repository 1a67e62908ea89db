//! The soak's checks can fail: after a short soak and a full sync they find nothing, then each
//! finds the one thing broken behind the core's back (a laptop's field, an acknowledged change
//! lost at the county, a change-log entry altered).

use fieldbook::store::with_deterministic_ids;

use crate::{checks, Soak};

#[test]
#[ignore = "part of the soak: `make soak`"]
fn the_checks_find_a_changed_field_a_lost_acknowledged_change_and_an_altered_log() {
    let dir = tempfile::tempdir().unwrap();
    let namespace = uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_OID, b"checks-fail");
    with_deterministic_ids(namespace, || {
        let mut soak = Soak::new(dir.path().to_path_buf(), 7);
        for round in 1..=40 {
            soak.round = round;
            soak.one_round();
        }
        soak.sync_everything();
        soak.check(true);

        let laptop = &soak.laptops[0];
        let conn = laptop.conn();
        let (id, phone): (String, String) = conn
            .query_row(
                "SELECT id, phone FROM household WHERE deleted_hlc IS NULL ORDER BY id",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        conn.execute(
            "UPDATE household SET phone = '13000000000' WHERE id = ?1",
            [&id],
        )
        .unwrap();
        assert_eq!(
            checks::agrees_with_county(&soak.county, laptop),
            [format!(
                "laptop0: household {id} phone: laptop \"13000000000\", county \"{phone}\""
            )]
        );

        let other = &soak.laptops[1];
        let acked = checks::acked_seq(other);
        assert!(acked > 0, "the full sync acknowledged laptop1's changes");
        soak.county
            .conn()
            .execute(
                "DELETE FROM sync_applied WHERE device_id = ?1 AND seq = 1",
                [&other.device_id],
            )
            .unwrap();
        assert_eq!(
            checks::acknowledged_held(&soak.county, other),
            [format!(
                "laptop1: acknowledged change 1 (of {acked}) is not at the county"
            )]
        );

        let third = &soak.laptops[2];
        assert!(checks::whole(third).is_empty());
        third
            .conn()
            .execute("UPDATE change_log SET officer = '别人' WHERE seq = 1", [])
            .unwrap();
        let problems = checks::whole(third);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(
            problems[0].starts_with("laptop2: verify-log:"),
            "{problems:?}"
        );
    });
}
