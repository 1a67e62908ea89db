-- A station's month can be voided (作废) like the other records an officer keeps: the reason is a
-- column of the row, set in the same change-log entry as the tombstone, so it travels to the
-- county with it and shows in the history. NULL on every live month.
ALTER TABLE station_month ADD COLUMN void_reason TEXT;
