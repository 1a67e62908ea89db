-- The household search box at scale (issue 18): the keys a household is found by besides the
-- start of its head's name (which `household_by_name` serves): each part of the name from its
-- second character on (建国 and 国 for 王建国), its full pinyin (wangjianguo) and its pinyin
-- initials (wjg). Derived from `household.head_name`, never synced: the write path rewrites a
-- household's rows in the same transaction as the household (`store::search_keys`), and the
-- store fills them for households written before this table existed, once, after migrating
-- (app_meta `household_search_keys` records the version of the rules that filled them).
-- kind: 1 part of the name, 2 full pinyin, 3 initials (`domain::name_search::KeyKind`).
--
-- Never edit this file once it has landed: fix forward with a new migration.

CREATE TABLE household_search_key (
    kind         INTEGER NOT NULL CHECK (kind IN (1, 2, 3)),
    key          TEXT NOT NULL,
    head_name    TEXT NOT NULL,
    household_id TEXT NOT NULL,
    village_id   TEXT NOT NULL,
    PRIMARY KEY (kind, key, head_name, household_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX household_search_key_by_household ON household_search_key(household_id);
