-- The checks' incremental run after an import (checks::sql::changed) gathers only the groups a
-- batch changed, through these indexes: every sign-in with one phone number (F5_SHARED_PHONE),
-- the register's members of one name (F1_NAME_TWO_IDS), a check's pending findings (those the
-- run may close).
CREATE INDEX attendance_by_phone ON attendance(phone) WHERE deleted_hlc IS NULL;
CREATE INDEX household_member_by_name ON household_member(name);
CREATE INDEX finding_by_check ON finding(check_code, review_status);
