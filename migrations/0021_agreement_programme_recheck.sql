-- Agreements link to their programme, and a county re-check (复核) links to its sample.
--
-- agreement.programme was free text. programme_id names the programme itself; the text column
-- stays (the history and older laptops read it) and the write path keeps it equal to the linked
-- programme's name. An agreement is linked here by name: the programme whose name is the text
-- (spaces around it ignored); when programmes of several years share that name, the one of the
-- agreement's year. An agreement that matches none stays unlinked and is listed for the clerk
-- (`fieldbook agreements unlinked`). Like 0014 this is a schema step, not an edit of the record:
-- every database (the county and each laptop hold the same programmes) links the same way, and
-- the change log is not written.
--
-- inspection.recheck_sample_id: a 复核 (stage recheck) is recorded against a drawn item of a
-- sample, the item being the sample and the inspection's operator. It names the sample without
-- a REFERENCES clause: 0014 rebuilds recheck_sample by renaming it away, which would rewrite a
-- reference to the renamed table (0014 relies on no table referring to recheck_sample); the
-- write path checks the sample exists.
--
-- Never edit this file once it has landed: fix forward with a new migration.

ALTER TABLE agreement ADD COLUMN programme_id TEXT REFERENCES programme(id);
CREATE INDEX agreement_by_programme ON agreement(programme_id);

UPDATE agreement
SET programme_id = (
    SELECT p.id FROM programme p
    WHERE p.name = trim(agreement.programme) AND p.deleted_hlc IS NULL
      AND (p.year = agreement.year
           OR (SELECT count(*) FROM programme q
               WHERE q.name = p.name AND q.deleted_hlc IS NULL) = 1)
    ORDER BY p.year = agreement.year DESC
    LIMIT 1
)
WHERE trim(programme) <> '';

ALTER TABLE inspection ADD COLUMN recheck_sample_id TEXT;
CREATE INDEX inspection_by_recheck_sample ON inspection(recheck_sample_id);
