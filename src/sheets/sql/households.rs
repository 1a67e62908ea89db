//! One imported household row: matched by ID number, created or updated through the same
//! validation, register checks and write path as `add_household` / `update_household`.
//!
//! At register scale the checks must not cost a query each per row: `RegisterCache::load`
//! reads what a batch of rows needs from the register in three queries (the households under
//! their ID numbers, the members under them, the households of the same names), and each row
//! written keeps the cache true for the rows after it. Villages and categories, which an
//! import never changes, are checked once per (village, category).

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use rusqlite::Transaction;

use super::RowOutcome;
use crate::domain::households::HouseholdInput;
use crate::domain::name_search::{name_keys, KeyKind};
use crate::domain::resident_id::ResidentId;
use crate::domain::Warning;
use crate::error::Result;
use crate::store::entities::HOUSEHOLD;
use crate::store::from_row;
use crate::store::records::households::{
    check_references, household_values, identity_warnings, member_duplicate,
};
use crate::store::write::{self, Op, Writer};

/// A household as a file gives it. `absent` names the input fields whose column the file does
/// not have: an existing household keeps its value for them, a new one gets the default.
#[derive(Debug, Clone)]
pub struct HouseholdImport {
    pub input: HouseholdInput,
    pub absent: Vec<&'static str>,
}

/// A live household of the register as the import needs it.
#[derive(Debug, Clone)]
struct Registered {
    rowid: i64,
    id: String,
    stored: HouseholdInput,
}

/// A live household under a (head's name, village): its rowid, id and ID number.
type Namesake = (i64, String, String);

/// What the rows of a batch need from the register, read in a few queries, kept true as rows
/// are written.
#[derive(Default)]
pub struct RegisterCache {
    /// Live households by ID number.
    by_id_number: HashMap<String, Registered>,
    /// ID number → (member's name, head's name) of live members.
    members: HashMap<String, (String, String)>,
    /// (head's name, village) → (rowid, household id, ID number) of live households, by rowid:
    /// the namesake reported is the oldest, as the single query would find it.
    by_name: HashMap<(String, String), Vec<Namesake>>,
    /// The (head's name, village) pairs `by_name` holds every live household of.
    names_loaded: HashSet<(String, String)>,
    /// (village, category, the household is already in that village) already checked.
    references_ok: HashSet<(String, String, bool)>,
    /// Rowids for households created during the import: after every stored one.
    next_rowid: i64,
}

impl RegisterCache {
    /// Reads what `rows` need: their ID numbers' households and members, and the households
    /// named as their heads are (in any village).
    pub fn load(
        &mut self,
        tx: &Transaction,
        today: NaiveDate,
        rows: &[&HouseholdImport],
    ) -> Result<()> {
        let ids: Vec<String> = rows
            .iter()
            .filter_map(|r| ResidentId::parse(&r.input.id_number, "idNumber", today).ok())
            .map(|p| p.id.as_str().to_string())
            .collect();
        let ids_json = serde_json::to_string(&ids).expect("strings serialise");
        self.by_id_number.clear();
        self.members.clear();
        self.by_name.clear();
        self.names_loaded.clear();
        {
            let mut stmt = tx.prepare_cached(
                "SELECT rowid, id, id_number, head_name, size, village_id, village_group, category,
                        year_lifted, phone, notes
                 FROM household
                 WHERE id_number IN (SELECT value FROM json_each(?1)) AND deleted_hlc IS NULL",
            )?;
            let mut found = stmt.query([&ids_json])?;
            while let Some(r) = found.next()? {
                let registered = Registered {
                    rowid: r.get(0)?,
                    id: r.get(1)?,
                    stored: from_row!(r => HouseholdInput {
                        _, _, id_number, head_name, size, village_id, village_group, category,
                        year_lifted, phone, notes,
                    }),
                };
                self.by_id_number
                    .insert(registered.stored.id_number.clone(), registered);
            }
        }
        {
            let mut stmt = tx.prepare_cached(
                "SELECT m.id_number, m.name, h.head_name FROM household_member m
                 JOIN household h ON h.id = m.household_id
                 WHERE m.id_number IN (SELECT value FROM json_each(?1)) AND m.deleted_hlc IS NULL",
            )?;
            let mut found = stmt.query([&ids_json])?;
            while let Some(r) = found.next()? {
                self.members.insert(r.get(0)?, (r.get(1)?, r.get(2)?));
            }
        }
        // Namesakes are looked up in the village each row will be in: its own, or the one
        // its household keeps when the file has no village column.
        let mut pairs: HashSet<(String, String)> = HashSet::new();
        for r in rows {
            let village = match r.absent.contains(&"villageId") {
                false => r.input.village_id.trim().to_string(),
                true => ResidentId::parse(&r.input.id_number, "idNumber", today)
                    .ok()
                    .and_then(|p| self.by_id_number.get(p.id.as_str()))
                    .map(|h| h.stored.village_id.clone())
                    .unwrap_or_default(),
            };
            pairs.insert((r.input.head_name.trim().to_string(), village));
        }
        self.load_namesakes(tx, pairs)?;
        let max: Option<i64> =
            tx.query_row("SELECT max(rowid) FROM household", [], |r| r.get(0))?;
        self.next_rowid = max.unwrap_or(0) + 1;
        Ok(())
    }

    /// Reads the live households under each (head's name, village) of `pairs` into `by_name`.
    /// Through the search keys (`household_search_key`, kept by the write path): the full
    /// pinyin key's row holds the name and the village, so only the namesakes in the same
    /// village are read from the household table, where a name's index alone would read every
    /// household of that name in the county. A name without pinyin has no such key: it is
    /// read through the name's index.
    fn load_namesakes(&mut self, tx: &Transaction, pairs: HashSet<(String, String)>) -> Result<()> {
        let mut keyed = Vec::new();
        let mut unkeyed = Vec::new();
        for (name, village) in &pairs {
            let pinyin = name_keys(name)
                .into_iter()
                .find(|k| k.kind == KeyKind::Pinyin);
            match pinyin {
                Some(key) => keyed.push((key.key, name.as_str(), village.as_str())),
                None => unkeyed.push((name.as_str(), village.as_str())),
            }
        }
        let mut found: Vec<(i64, String, String, String, String)> = Vec::new();
        {
            let keyed_json = serde_json::to_string(&keyed).expect("strings serialise");
            // CROSS JOIN keeps the order: each pair in turn, a seek into the keys' primary
            // key, then the household by its id.
            let mut stmt = tx.prepare_cached(
                "SELECT h.rowid, h.id, h.id_number, h.head_name, h.village_id
                 FROM json_each(?1) AS j
                 CROSS JOIN household_search_key AS k
                     ON k.kind = ?2 AND k.key = j.value ->> 0 AND k.head_name = j.value ->> 1
                 CROSS JOIN household AS h ON h.id = k.household_id
                 WHERE k.village_id = j.value ->> 2 AND h.village_id = k.village_id
                   AND h.head_name = k.head_name AND h.deleted_hlc IS NULL",
            )?;
            let mut rows = stmt.query(rusqlite::params![keyed_json, KeyKind::Pinyin as i64])?;
            while let Some(r) = rows.next()? {
                found.push((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?));
            }
        }
        for (name, village) in unkeyed {
            let mut stmt = tx.prepare_cached(
                "SELECT rowid, id, id_number, head_name, village_id FROM household
                 WHERE head_name = ?1 AND village_id = ?2 AND deleted_hlc IS NULL",
            )?;
            let mut rows = stmt.query([name, village])?;
            while let Some(r) = rows.next()? {
                found.push((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?));
            }
        }
        // By rowid: the namesake reported is the oldest, as the single query would find it.
        found.sort_by_key(|f| f.0);
        found.dedup_by_key(|f| f.0);
        for (rowid, id, id_number, name, village) in found {
            self.by_name
                .entry((name, village))
                .or_default()
                .push((rowid, id, id_number));
        }
        self.names_loaded.extend(pairs);
        Ok(())
    }

    /// The ID number of the oldest other live household of the village with this head's name.
    fn namesake(&self, name: &str, village: &str, except: Option<&str>) -> Option<&str> {
        self.by_name
            .get(&(name.to_string(), village.to_string()))?
            .iter()
            .find(|(_, id, _)| Some(id.as_str()) != except)
            .map(|(_, _, id_number)| id_number.as_str())
    }

    /// The household `id` (named `was` before, if it existed) now has this name and village.
    fn moved(
        &mut self,
        id: &str,
        was: Option<(&str, &str)>,
        rowid: i64,
        id_number: &str,
        name: &str,
        village: &str,
    ) {
        if let Some(list) =
            was.and_then(|(n, v)| self.by_name.get_mut(&(n.to_string(), v.to_string())))
        {
            list.retain(|(_, other, _)| other != id);
        }
        let list = self
            .by_name
            .entry((name.to_string(), village.to_string()))
            .or_default();
        let at = list.partition_point(|(r, _, _)| *r < rowid);
        list.insert(at, (rowid, id.to_string(), id_number.to_string()));
    }
}

/// Creates the household, or updates the one registered under the same ID number. An update
/// that changes nothing writes nothing (`Unchanged`). One row on its own: a file's rows go
/// through `import_household_with` and a cache loaded once per batch.
pub fn import_household(
    tx: &Transaction,
    writer: &Writer,
    today: NaiveDate,
    row: &HouseholdImport,
) -> Result<(RowOutcome, Vec<Warning>)> {
    let mut cache = RegisterCache::default();
    cache.load(tx, today, &[row])?;
    import_household_with(tx, writer, today, row, &mut cache)
}

/// `import_household` with what the register holds read beforehand: `cache` must have been
/// loaded for a batch holding `row`, and is kept true when the row is written.
pub fn import_household_with(
    tx: &Transaction,
    writer: &Writer,
    today: NaiveDate,
    row: &HouseholdImport,
    cache: &mut RegisterCache,
) -> Result<(RowOutcome, Vec<Warning>)> {
    let id_number = ResidentId::parse(&row.input.id_number, "idNumber", today)?.id;
    let existing = cache.by_id_number.get(id_number.as_str()).cloned();
    let mut input = row.input.clone();
    if let Some(Registered { stored, .. }) = &existing {
        for field in &row.absent {
            match *field {
                "headName" => input.head_name = stored.head_name.clone(),
                "size" => input.size = stored.size,
                "villageId" => input.village_id = stored.village_id.clone(),
                "villageGroup" => input.village_group = stored.village_group.clone(),
                "category" => input.category = stored.category.clone(),
                "yearLifted" => input.year_lifted = stored.year_lifted,
                "phone" => input.phone = stored.phone.clone(),
                "notes" => input.notes = stored.notes.clone(),
                _ => {}
            }
        }
    } else if row.absent.contains(&"category") {
        input.category = "general".into();
    }
    let valid = input.validated(today)?;
    let except = existing.as_ref().map(|r| r.id.as_str());
    let stays = existing
        .as_ref()
        .is_some_and(|r| r.stored.village_id == valid.village_id);
    let reference_key = (valid.village_id.clone(), valid.category.clone(), stays);
    if !cache.references_ok.contains(&reference_key) {
        check_references(tx, &valid, except)?;
        cache.references_ok.insert(reference_key);
    }
    // Another live household with this ID is the existing one itself (the ID is unique among
    // live households): only a member can hold it besides.
    if let Some((name, head)) = cache.members.get(valid.id_number.as_str()) {
        return Err(member_duplicate(name, head).into());
    }
    let pair = (valid.head_name.clone(), valid.village_id.clone());
    if !cache.names_loaded.contains(&pair) {
        // A row whose name or village the batch's load did not foresee: read it now.
        cache.load_namesakes(tx, HashSet::from([pair]))?;
    }
    let namesake = cache
        .namesake(&valid.head_name, &valid.village_id, except)
        .map(str::to_string);
    let warnings = identity_warnings(&valid, namesake.as_deref());
    let values = household_values(&valid);
    let (outcome, id, rowid) = match &existing {
        Some(r) => match write::record(tx, writer, &HOUSEHOLD, &r.id, Op::Update, &values)? {
            Some(_) => (RowOutcome::Updated, r.id.clone(), r.rowid),
            None => (RowOutcome::Unchanged, r.id.clone(), r.rowid),
        },
        None => {
            let id = crate::store::new_id();
            write::record(tx, writer, &HOUSEHOLD, &id, Op::Create, &values)?;
            cache.next_rowid += 1;
            (RowOutcome::New, id, cache.next_rowid - 1)
        }
    };
    let id_number = valid.id_number.as_str().to_string();
    let was = existing
        .as_ref()
        .map(|r| (r.stored.head_name.as_str(), r.stored.village_id.as_str()));
    cache.moved(
        &id,
        was,
        rowid,
        &id_number,
        &valid.head_name,
        &valid.village_id,
    );
    let stored = HouseholdInput {
        head_name: valid.head_name.clone(),
        id_number: id_number.clone(),
        size: valid.size,
        village_id: valid.village_id.clone(),
        village_group: valid.village_group.clone(),
        category: valid.category.clone(),
        year_lifted: valid.year_lifted,
        phone: valid.phone.clone(),
        notes: valid.notes.clone(),
    };
    cache
        .by_id_number
        .insert(id_number, Registered { rowid, id, stored });
    Ok((outcome, warnings))
}
