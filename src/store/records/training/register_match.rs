//! The register as it is now, seen from a sign-in row: which household an attendance row's ID
//! number belongs to and whether the row counts poor are derived when the row is read, never
//! taken from the flags stored when it was written. A household or member the county adds,
//! imports or sends in a package later makes an earlier trainee poor; one voided stops counting.
//!
//! Why at read time and not by rewriting rows: attendance rows belong to the township's laptop,
//! while the register belongs to the county. A county-side rewrite of the township's rows would
//! put county edits of township-owned fields into the change log of every sign-in, and a laptop
//! would have to rewrite its own rows whenever a package lands. Deriving the flag keeps every
//! copy right without a write. The stored `poor` and `household_id` stay what they were at the
//! sign-in (history); no reader counts them.
//!
//! The rule (DOMAIN.md "Counting rules"): an ID number is registered when it is the head's of a
//! live household, else a live member's of a live household (the head first, as
//! `register_person` looks it up); the row counts poor when its name is the registered person's,
//! or a person confirmed the name (`name_confirmed`) while the ID is registered.

/// SQL: the live household the ID number of the attendance row aliased `a` belongs to, or NULL.
pub(crate) fn household_now(a: &str) -> String {
    format!(
        "coalesce(
            (SELECT rh.id FROM household rh
             WHERE rh.id_number = {a}.id_number AND rh.deleted_hlc IS NULL),
            (SELECT rm.household_id FROM household_member rm
             JOIN household rmh ON rmh.id = rm.household_id AND rmh.deleted_hlc IS NULL
             WHERE rm.id_number = {a}.id_number AND rm.deleted_hlc IS NULL))"
    )
}

/// SQL: 1 when the attendance row aliased `a` counts poor by the register as it is now, else 0.
/// Reads `a.id_number`, `a.name` and `a.name_confirmed`.
pub(crate) fn poor_now(a: &str) -> String {
    format!(
        "coalesce(
            (SELECT rh.head_name = {a}.name OR {a}.name_confirmed = 1 FROM household rh
             WHERE rh.id_number = {a}.id_number AND rh.deleted_hlc IS NULL),
            (SELECT rm.name = {a}.name OR {a}.name_confirmed = 1 FROM household_member rm
             JOIN household rmh ON rmh.id = rm.household_id AND rmh.deleted_hlc IS NULL
             WHERE rm.id_number = {a}.id_number AND rm.deleted_hlc IS NULL),
            0)"
    )
}

/// SQL: the registered name of each ID number in the JSON array `?1` (the head's first, then a
/// live member's), NULL for an ID the register does not hold. One row per ID: `(id_number,
/// name)`. Totals use it to look the register up once per person, not once per row.
pub(crate) const REGISTERED_NAMES: &str = "SELECT j.value,
        coalesce(
            (SELECT rh.head_name FROM household rh
             WHERE rh.id_number = j.value AND rh.deleted_hlc IS NULL),
            (SELECT rm.name FROM household_member rm
             JOIN household rmh ON rmh.id = rm.household_id AND rmh.deleted_hlc IS NULL
             WHERE rm.id_number = j.value AND rm.deleted_hlc IS NULL))
     FROM json_each(?1) j";
