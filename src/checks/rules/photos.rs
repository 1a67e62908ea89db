//! F10: the same photo (by content hash) used for two sites or sessions — across laptops, since
//! the hub holds every township's photos.

use std::collections::BTreeMap;

use crate::checks::{CheckCode, Finding, RecordRef, Thresholds};

/// One place a photo is used: an inspection's photo of a site, a session's sign-in sheet, a
/// notice's posting photo.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhotoUse {
    pub sha256: String,
    /// What the photo shows a place of: the operator inspected, the session, the notice.
    pub site: String,
    /// The record that holds the photo, labelled for a reader.
    pub record: RecordRef,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PhotoFacts {
    pub uses: Vec<PhotoUse>,
}

/// One finding per photo used at two or more sites, naming every record that uses it.
pub fn check(facts: &PhotoFacts, _thresholds: &Thresholds) -> Vec<Finding> {
    let mut by_photo: BTreeMap<&str, Vec<&PhotoUse>> = BTreeMap::new();
    for u in &facts.uses {
        by_photo.entry(&u.sha256).or_default().push(u);
    }
    let mut out = Vec::new();
    for (sha, uses) in by_photo {
        let mut sites: Vec<&str> = uses.iter().map(|u| u.site.as_str()).collect();
        sites.sort_unstable();
        sites.dedup();
        if sites.len() < 2 {
            continue;
        }
        let mut records: Vec<RecordRef> = uses.iter().map(|u| u.record.clone()).collect();
        records.sort_by(|a, b| {
            (&a.township_id, &a.label, &a.id).cmp(&(&b.township_id, &b.label, &b.id))
        });
        records.dedup();
        let summary = format!(
            "同一张照片（SHA-256 {}…）出现在 {} 处：{}。",
            &sha[..sha.len().min(12)],
            sites.len(),
            records
                .iter()
                .map(|r| r.label.as_str())
                .collect::<Vec<_>>()
                .join("；")
        );
        out.push(
            Finding::new(CheckCode::F10_PHOTO_REUSED, records, summary)
                .compare("照片（SHA-256）", sha)
                .compare("使用处数", sites.len().to_string())
                .threshold("同一照片用于 2 处及以上")
                .anchored(format!("photo:{sha}")),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn photo(sha: &str, site: &str, record: &str, township: &str) -> PhotoUse {
        PhotoUse {
            sha256: sha.repeat(64 / sha.len()),
            site: site.into(),
            record: RecordRef::new("inspection_photo", record, record, Some(township.into())),
        }
    }

    #[test]
    fn the_same_photo_at_two_sites_raises_one_finding_and_at_one_site_none() {
        let cases: &[(&str, Vec<PhotoUse>, usize)] = &[
            (
                "two operators, two townships",
                vec![photo("a", "op1", "p1", "t1"), photo("a", "op2", "p2", "t2")],
                1,
            ),
            (
                "near miss: two inspections of one site",
                vec![photo("a", "op1", "p1", "t1"), photo("a", "op1", "p2", "t1")],
                0,
            ),
            (
                "near miss: two different photos",
                vec![photo("a", "op1", "p1", "t1"), photo("b", "op2", "p2", "t2")],
                0,
            ),
            (
                "three sites, one finding",
                vec![
                    photo("a", "op1", "p1", "t1"),
                    photo("a", "op2", "p2", "t2"),
                    photo("a", "s1", "p3", "t2"),
                ],
                1,
            ),
        ];
        for (name, uses, expected) in cases {
            let found = check(&PhotoFacts { uses: uses.clone() }, &Thresholds::default());
            assert_eq!(found.len(), *expected, "{name}: {found:?}");
            for f in &found {
                assert_eq!(f.check, CheckCode::F10_PHOTO_REUSED);
                assert_eq!(f.records.len(), uses.len(), "{name}");
            }
        }
    }

    #[test]
    fn a_third_use_keeps_the_findings_key() {
        let two = vec![photo("a", "op1", "p1", "t1"), photo("a", "op2", "p2", "t2")];
        let mut three = two.clone();
        three.push(photo("a", "op3", "p3", "t3"));
        let t = Thresholds::default();
        let k2 = check(&PhotoFacts { uses: two }, &t)[0].key();
        let k3 = check(&PhotoFacts { uses: three }, &t)[0].key();
        assert_eq!(k2, k3);
        assert!(k2.starts_with("F10_PHOTO_REUSED-"));
    }
}
