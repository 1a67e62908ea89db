-- Issue 6, the last two points of printing.
-- The operator's own investment in the shop (投资额: premises, computer, network, desks and
-- other fit-out and equipment), as seen at the acceptance check; decimal yuan as TEXT like every
-- money column. NULL for inspections recorded before it existed: printed as 未填报, never 0.
ALTER TABLE inspection ADD COLUMN investment TEXT;

-- Whether public notices print ID and phone numbers: 'none' (the default: name, village/group
-- and benefit only) or 'masked' (621221********1234, 138****1234). A county setting, changed by
-- the county only (COUNTY_ONLY) and sent to laptops in the reference package.
ALTER TABLE county ADD COLUMN notice_ids TEXT NOT NULL DEFAULT 'none'
    CHECK (notice_ids IN ('none', 'masked'));
