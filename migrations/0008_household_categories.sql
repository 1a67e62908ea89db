-- Household categories become records on the write path (id = code), so a county relabelling
-- them (from 2021: 脱贫户 / 监测户) is logged like any other change.
ALTER TABLE household_category ADD COLUMN id TEXT;
UPDATE household_category SET id = code;
CREATE UNIQUE INDEX household_category_by_id ON household_category(id);
ALTER TABLE household_category ADD COLUMN origin_device TEXT;
ALTER TABLE household_category ADD COLUMN created_hlc INTEGER;
ALTER TABLE household_category ADD COLUMN updated_hlc INTEGER;
ALTER TABLE household_category ADD COLUMN base_version INTEGER;
ALTER TABLE household_category ADD COLUMN deleted_hlc INTEGER;
ALTER TABLE household_category ADD COLUMN status TEXT NOT NULL DEFAULT 'draft'
    CHECK (status IN ('draft', 'submitted', 'locked'));
