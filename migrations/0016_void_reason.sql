-- Record lifecycle: why a record was voided (作废). A void is a tombstone (deleted_hlc) written
-- through the one write path; the reason is a column of the record, set in the same change-log
-- entry as the tombstone, so it travels to the county with it and shows in the history.
-- NULL on every live record and on records deleted before this step.
ALTER TABLE household ADD COLUMN void_reason TEXT;
ALTER TABLE operator ADD COLUMN void_reason TEXT;
ALTER TABLE agreement ADD COLUMN void_reason TEXT;
ALTER TABLE training_session ADD COLUMN void_reason TEXT;
ALTER TABLE notice ADD COLUMN void_reason TEXT;
