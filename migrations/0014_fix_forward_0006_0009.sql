-- Fix forward for two landed migrations that were edited after later ones had landed. A
-- database that ran a migration's first text never runs its edited one (ARCHITECTURE.md:
-- migrations are append-only), so such a database still has the old shapes:
--   * 0006_inspections.sql as first landed (0634c27) made recheck_sample with `seed INTEGER`
--     and `operator_ids` (a JSON list of operator ids); the first edit (1e70a26) made `seed`
--     TEXT, the second (1ed3c6c) replaced `operator_ids` by `drawn` (townships as drawn). On
--     such a database drawing a re-check sample fails (no column `drawn`);
--   * 0009_sync.sql as first landed (105cc2d) had no sync_review_edit (added by c070cb9): on such
--     a county hub every import of a REVIEW edit fails.
-- This step brings those databases to the schema a new database has, and leaves a database that
-- ran the final texts as it was (the same tables, columns and rows). tests/core/
-- migrations_frozen.rs compares a new database with ones upgraded from the fixtures in
-- tests/fixtures/ (made with those first texts).
--
-- Never edit this file either once it has landed: fix forward with a new migration.

-- Exactly as in 0009_sync.sql; nothing happens where it exists.
CREATE TABLE IF NOT EXISTS sync_review_edit (
    entity    TEXT NOT NULL,
    record_id TEXT NOT NULL,
    field     TEXT NOT NULL,
    device_id TEXT NOT NULL,
    seq       INTEGER NOT NULL,
    old       TEXT NOT NULL,
    new       TEXT NOT NULL,
    PRIMARY KEY (entity, record_id, field, device_id, seq)
) STRICT, WITHOUT ROWID;

-- recheck_sample is rebuilt with exactly the text of 0006_inspections.sql (SQLite can neither
-- change a column's type nor rename a column only when it has its old name). Its columns are in
-- the same order in every version of 0006, so rows are copied by position; no table, index,
-- trigger or view refers to it.
ALTER TABLE recheck_sample RENAME TO recheck_sample_before_0014;

CREATE TABLE recheck_sample (
    id            TEXT PRIMARY KEY,
    programme_id  TEXT NOT NULL REFERENCES programme(id),
    -- a u64, as text
    seed          TEXT NOT NULL,
    share         TEXT NOT NULL,
    -- JSON: [{township, accepted, drawn: [{id, name, place}]}], as drawn
    drawn         TEXT NOT NULL,
    origin_device TEXT,
    created_hlc   INTEGER,
    updated_hlc   INTEGER,
    base_version  INTEGER,
    deleted_hlc   INTEGER,
    status        TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'locked'))
) STRICT;

WITH old (id, programme_id, seed, share, drawn, origin_device, created_hlc, updated_hlc,
          base_version, deleted_hlc, status) AS (SELECT * FROM recheck_sample_before_0014)
INSERT INTO recheck_sample (id, programme_id, seed, share, drawn, origin_device, created_hlc,
                            updated_hlc, base_version, deleted_hlc, status)
SELECT id, programme_id, CAST(seed AS TEXT), share, drawn, origin_device, created_hlc,
       updated_hlc, base_version, deleted_hlc, status
FROM old;

DROP TABLE recheck_sample_before_0014;

-- A sample kept as a list of operator ids (["id", …]) gets the shape the app reads:
-- [{township, accepted, drawn: [{id, name, place}]}], townships in the order the draw uses
-- (code, then name), operators in the order kept. Names, places and the number of accepted
-- operators per township are those of the records at the time of this upgrade: the old rows did
-- not keep them. The change log keeps the sample as it was written (this is a schema step, not
-- an edit of the record).
UPDATE recheck_sample
SET drawn = (
    SELECT json_group_array(json(g.township) ORDER BY g.tkey)
    FROM (
        SELECT d.tkey AS tkey,
               json_object(
                   'township', d.tname,
                   'accepted', (
                       SELECT count(DISTINCT i.operator_id)
                       FROM inspection i
                       JOIN operator o ON o.id = i.operator_id
                       LEFT JOIN village v ON v.id = o.village_id
                       LEFT JOIN township t ON t.id = v.township_id
                       WHERE i.programme_id = recheck_sample.programme_id
                         AND i.stage = 'acceptance' AND i.conclusion = 'pass'
                         AND i.deleted_hlc IS NULL
                         AND coalesce(t.code || ' ' || t.name, '（未关联村）') = d.tkey
                   ),
                   'drawn', json_group_array(
                       json_object('id', d.id, 'name', d.name, 'place', d.place) ORDER BY d.ord
                   )
               ) AS township
        FROM (
            SELECT CAST(j.key AS INTEGER) AS ord,
                   j.value AS id,
                   coalesce(o.name, '') AS name,
                   coalesce(t.name || v.name, '') AS place,
                   coalesce(t.code || ' ' || t.name, '（未关联村）') AS tkey,
                   coalesce(t.name, '（未关联村）') AS tname
            FROM json_each(recheck_sample.drawn) AS j
            LEFT JOIN operator o ON o.id = j.value
            LEFT JOIN village v ON v.id = o.village_id
            LEFT JOIN township t ON t.id = v.township_id
        ) AS d
        GROUP BY d.tkey
    ) AS g
)
WHERE json_type(drawn, '$[0]') = 'text';
