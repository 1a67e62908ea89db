//! The household search box (households screen, roster picker): one page of the register for
//! what an officer types, fast at millions of households. Every path reads an index, never the
//! whole table:
//! - digits (and a trailing X): the end of the ID number, through the reversed-ID index;
//! - characters: names starting with them (the name index, in name order), then names holding
//!   them further in (`household_search_key` kind 1);
//! - Latin letters, alone or mixed with characters: pinyin initials, full pinyin or a mix
//!   (wjg, wangjianguo, 王jg), through the pinyin and initials keys (`domain::name_search`).
//!
//! A search's count stops at `COUNT_LIMIT` (`HouseholdPage::more`): a box that searches at
//! every keystroke must not count a million rows to say "more than a thousand". The list with
//! no text is counted exactly (one pass over an index, once per screen, not per keystroke).

use std::collections::{BinaryHeap, HashMap, HashSet};

use rusqlite::{params, Row};

use crate::domain::households::{HouseholdPage, HouseholdQuery, HouseholdRow};
use crate::domain::name_search::{self, KeyKind};
use crate::domain::resident_id::ResidentId;
use crate::error::Result;
use crate::store::from_row;
use crate::store::records::lifecycle;
use crate::store::Store;

const MAX_PAGE: u32 = 500;

/// Matches are counted up to this many; past it the page says "more" (`HouseholdPage::more`).
pub const COUNT_LIMIT: u32 = 1000;

/// The end of the key range of keys starting with a prefix (`key < prefix || MAX_CHAR`).
const AFTER_PREFIX: &str = "char(1114111)";

/// A list row from `SELECT h.id, h.head_name, h.id_number, h.size, <place>, h.village_group,
/// <category label>, <status>`: the ID is masked here, so the full number never reaches a list.
fn household_row_from_row(r: &Row) -> rusqlite::Result<HouseholdRow> {
    let id_number: String = r.get(2)?;
    Ok(from_row!(r => HouseholdRow {
        id, head_name, id_masked = ResidentId::from_stored(id_number).masked_for_list(), _,
        size, place, village_group, category_label, status,
    }))
}

/// One match before its row is read: how the page orders it and where it is.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Hit {
    name: String,
    village_code: String,
    rowid: i64,
}

/// How far to count: `COUNT_LIMIT`, or further when the page asked for lies beyond it.
fn count_limit(keep: usize) -> usize {
    keep.max(COUNT_LIMIT as usize)
}

impl Store {
    /// One page of the register for `query` (see the module's doc for what the text finds).
    pub fn search_households(&self, query: &HouseholdQuery) -> Result<HouseholdPage> {
        let text: String = query.text.split_whitespace().collect();
        let limit = query.limit.clamp(1, MAX_PAGE);
        let by_id = !text.is_empty()
            && text
                .chars()
                .all(|c| c.is_ascii_digit() || c == 'x' || c == 'X');
        if text.is_empty() || by_id {
            return self.list_households(&text, query, limit);
        }
        let keep = query.offset.saturating_add(limit) as usize;
        let villages = self.village_codes(query)?;
        let (hits, counted) = if query.village_id.is_some() {
            self.matches_in_village(&text, query, &villages, keep)?
        } else if name_search::is_pinyin_query(&text) {
            self.matches_by_pinyin(&text, query, &villages, keep)?
        } else {
            self.matches_by_name(&text, query, &villages, keep)?
        };
        let rows = self.page_rows(&hits, query.offset as usize, limit as usize)?;
        Ok(page(rows, counted, keep))
    }

    /// Everything (no text) or the end of ID numbers: one query in place order.
    fn list_households(
        &self,
        text: &str,
        query: &HouseholdQuery,
        limit: u32,
    ) -> Result<HouseholdPage> {
        let status = lifecycle::status_condition("h", query.status);
        let places = "(?1 IS NULL OR t.code = ?1) AND (?2 IS NULL OR h.village_id = ?2)";
        // Without text the page comes in list order off the indexes: villages by code (the
        // outer loop, forced by CROSS JOIN), each one's households by (group, name)
        // (`household_by_village`, migration 0031) — no sort of the whole register. An ID
        // suffix reads its few matches through `household_by_id_rev` and sorts them.
        let (filter, key) = if text.is_empty() {
            let filter = format!(
                " FROM village v CROSS JOIN household h ON h.village_id = v.id
                  JOIN township t ON t.id = v.township_id
                  JOIN household_category c ON c.code = h.category
                  WHERE {status} AND {places} AND ?3 = ''"
            );
            (filter, String::new())
        } else {
            let filter = format!(
                " FROM household h JOIN village v ON v.id = h.village_id
                  JOIN township t ON t.id = v.township_id
                  JOIN household_category c ON c.code = h.category
                  WHERE {status} AND {places}
                    AND h.id_number_rev >= ?3 AND h.id_number_rev < ?3 || {AFTER_PREFIX}"
            );
            (
                filter,
                text.to_uppercase().chars().rev().collect::<String>(),
            )
        };
        let keep = query.offset.saturating_add(limit) as usize;
        let counted: i64 = match text.is_empty() {
            // The whole register (no text) is counted exactly: it is the list a screen opens
            // on, not a keystroke. Households alone, through an index: a household's village,
            // township and category are foreign keys, so the joins drop none of them.
            true => self.conn.query_row(
                &format!(
                    "SELECT count(*) FROM household h
                     WHERE {status} AND (?2 IS NULL OR h.village_id = ?2)
                       AND (?1 IS NULL OR h.village_id IN (
                             SELECT v.id FROM village v JOIN township t ON t.id = v.township_id
                             WHERE t.code = ?1))"
                ),
                params![query.township_code, query.village_id],
                |r| r.get(0),
            )?,
            // A search is capped.
            false => self.conn.query_row(
                &format!("SELECT count(*) FROM (SELECT 1 {filter} LIMIT ?4)"),
                params![
                    query.township_code,
                    query.village_id,
                    key,
                    count_limit(keep) as i64 + 1
                ],
                |r| r.get(0),
            )?,
        };
        let sql = format!(
            "SELECT h.id, h.head_name, h.id_number, h.size, t.name || v.name, h.village_group, c.label,
                    {}
             {filter} ORDER BY v.code, h.village_group, h.head_name LIMIT ?4 OFFSET ?5",
            lifecycle::status_column("h")
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(
            params![
                query.township_code,
                query.village_id,
                key,
                limit,
                query.offset
            ],
            household_row_from_row,
        )?;
        let rows = rows.collect::<rusqlite::Result<_>>()?;
        match text.is_empty() {
            true => Ok(HouseholdPage {
                rows,
                total: counted as u32,
                more: false,
            }),
            false => Ok(page(rows, counted as usize, keep)),
        }
    }

    /// The villages a search may answer from (those of the township asked for, or all), by id,
    /// with their codes (the page's second sort key).
    fn village_codes(&self, query: &HouseholdQuery) -> Result<HashMap<String, String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT v.id, v.code FROM village v JOIN township t ON t.id = v.township_id
             WHERE ?1 IS NULL OR t.code = ?1",
        )?;
        let rows = stmt.query_map([&query.township_code], |r| r.try_into())?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Names starting with `text` (name order, then village code), then names holding it further
    /// in (the same order). The first `keep` matches and how many were counted.
    fn matches_by_name(
        &self,
        text: &str,
        query: &HouseholdQuery,
        villages: &HashMap<String, String>,
        keep: usize,
    ) -> Result<(Vec<Hit>, usize)> {
        let limit = count_limit(keep);
        let life = lifecycle::status_condition("h", query.status);
        let mut starting = Vec::new();
        let mut counted = 0;
        {
            let mut stmt = self.conn.prepare_cached(&format!(
                "SELECT h.head_name, h.village_id, h.rowid FROM household h
                 WHERE h.head_name >= ?1 AND h.head_name < ?1 || {AFTER_PREFIX} AND {life}
                 ORDER BY h.head_name"
            ))?;
            let mut rows = stmt.query([text])?;
            while let Some(row) = rows.next()? {
                let Some(hit) = hit_of(row, villages)? else {
                    continue;
                };
                counted += 1;
                // Past `keep`, only namesakes of the last kept one (the village code sorts them).
                let namesake = starting.last().is_some_and(|l: &Hit| l.name == hit.name);
                if starting.len() < keep || namesake {
                    starting.push(hit);
                }
                if counted > limit {
                    break;
                }
            }
        }
        starting.sort();
        starting.truncate(keep);
        if counted > limit {
            return Ok((starting, counted));
        }
        // Names holding the text further in: every one is read (they sort by name, not by key),
        // so this costs what the matches number, never the register's size.
        let wanted = keep.saturating_sub(starting.len());
        let mut best: BinaryHeap<Hit> = BinaryHeap::with_capacity(wanted.min(1024) + 1);
        let mut seen = HashSet::new();
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT k.head_name, k.village_id, h.rowid FROM household_search_key k
             JOIN household h ON h.id = k.household_id
             WHERE k.kind = {} AND k.key >= ?1 AND k.key < ?1 || {AFTER_PREFIX} AND {life}",
            KeyKind::NameInside as i64
        ))?;
        let mut rows = stmt.query([text])?;
        while let Some(row) = rows.next()? {
            let Some(hit) = hit_of(row, villages)? else {
                continue;
            };
            if hit.name.starts_with(text) || !seen.insert(hit.rowid) {
                continue;
            }
            counted += 1;
            if wanted > 0 && (best.len() < wanted || best.peek().is_some_and(|w| hit < *w)) {
                best.push(hit);
                if best.len() > wanted {
                    best.pop();
                }
            }
        }
        starting.extend(best.into_sorted_vec());
        Ok((starting, counted))
    }

    /// Pinyin (or mixed) matches from the start of the name, in key order: each key range the
    /// query may fall in, its candidates checked by `matches_from_start`.
    fn matches_by_pinyin(
        &self,
        text: &str,
        query: &HouseholdQuery,
        villages: &HashMap<String, String>,
        keep: usize,
    ) -> Result<(Vec<Hit>, usize)> {
        let limit = count_limit(keep);
        let life = lifecycle::status_condition("h", query.status);
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT k.head_name, k.village_id, h.rowid FROM household_search_key k
             JOIN household h ON h.id = k.household_id
             WHERE k.kind = ?1 AND k.key >= ?2 AND k.key < ?2 || {AFTER_PREFIX} AND {life}
             ORDER BY k.key, k.head_name, k.household_id"
        ))?;
        let mut hits = Vec::new();
        let mut seen = HashSet::new();
        let mut verdicts: HashMap<String, bool> = HashMap::new();
        let mut counted = 0;
        'ranges: for range in name_search::key_ranges(text) {
            let mut rows = stmt.query(params![range.kind as i64, range.prefix])?;
            while let Some(row) = rows.next()? {
                let Some(hit) = hit_of(row, villages)? else {
                    continue;
                };
                let matches = *verdicts
                    .entry(hit.name.clone())
                    .or_insert_with(|| name_search::matches_from_start(&hit.name, text));
                if !matches || !seen.insert(hit.rowid) {
                    continue;
                }
                counted += 1;
                if hits.len() < keep {
                    hits.push(hit);
                }
                if counted > limit {
                    break 'ranges;
                }
            }
        }
        Ok((hits, counted))
    }

    /// Matches in one village (a few thousand households at most): its households read through
    /// the village index and matched here, by name or pinyin, in name order.
    fn matches_in_village(
        &self,
        text: &str,
        query: &HouseholdQuery,
        villages: &HashMap<String, String>,
        keep: usize,
    ) -> Result<(Vec<Hit>, usize)> {
        let life = lifecycle::status_condition("h", query.status);
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT h.head_name, h.village_id, h.rowid FROM household h
             WHERE h.village_id = ?1 AND {life}"
        ))?;
        let pinyin = name_search::is_pinyin_query(text);
        let mut hits: Vec<(bool, Hit)> = Vec::new();
        let mut rows = stmt.query([&query.village_id])?;
        while let Some(row) = rows.next()? {
            let Some(hit) = hit_of(row, villages)? else {
                continue;
            };
            let inside = if pinyin {
                name_search::matches_from_start(&hit.name, text).then_some(false)
            } else if hit.name.starts_with(text) {
                Some(false)
            } else if hit.name.contains(text) {
                Some(true)
            } else {
                None
            };
            if let Some(inside) = inside {
                hits.push((inside, hit));
            }
        }
        hits.sort();
        let counted = hits.len();
        Ok((
            hits.into_iter().take(keep).map(|(_, h)| h).collect(),
            counted,
        ))
    }

    /// The rows of the page: the matches from `offset`, each read by its rowid with its place.
    fn page_rows(&self, hits: &[Hit], offset: usize, limit: usize) -> Result<Vec<HouseholdRow>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT h.id, h.head_name, h.id_number, h.size, t.name || v.name, h.village_group,
                    c.label, {}
             FROM household h JOIN village v ON v.id = h.village_id
             JOIN township t ON t.id = v.township_id
             JOIN household_category c ON c.code = h.category
             WHERE h.rowid = ?1",
            lifecycle::status_column("h")
        ))?;
        let rows = hits
            .iter()
            .skip(offset)
            .take(limit)
            .map(|hit| stmt.query_row([hit.rowid], household_row_from_row))
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }
}

/// A row `(head_name, village_id, rowid)` as a match, or none when its village is not one the
/// search answers from.
fn hit_of(row: &Row, villages: &HashMap<String, String>) -> rusqlite::Result<Option<Hit>> {
    let village = match row.get_ref(1)? {
        rusqlite::types::ValueRef::Text(t) => std::str::from_utf8(t).unwrap_or_default(),
        _ => return Ok(None),
    };
    let Some(code) = villages.get(village) else {
        return Ok(None);
    };
    Ok(Some(Hit {
        name: row.get(0)?,
        village_code: code.clone(),
        rowid: row.get(2)?,
    }))
}

/// The page: its rows and the count, "more" when counting stopped at the limit.
fn page(rows: Vec<HouseholdRow>, counted: usize, keep: usize) -> HouseholdPage {
    let limit = count_limit(keep);
    HouseholdPage {
        rows,
        total: counted.min(limit) as u32,
        more: counted > limit,
    }
}
