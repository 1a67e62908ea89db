-- F8's two checks that had no data (issue 15, DOMAIN.md "Fabrication checks" 8).
--
-- `county.product_seasons`: the county's products and their seasons (JSON list of
-- {"product", "from": "MM-DD", "to": "MM-DD"}; a season may wrap over the new year, 11-15 →
-- 02-28). A season is an agricultural fact of the county, not of one agreement; COUNTY_ONLY,
-- set at the hub, travelling to laptops with the county row of the reference package. NULL: no
-- season recorded (F8_OUT_OF_SEASON judges nothing).
--
-- `ledger_entry.delivered_date`: the day the goods were delivered / bought (交货日期 / 收购日期),
-- from which the agreement's `pay_within_days` counts; '' when not recorded (entries written
-- before this migration, and any entry typed without it). F8_LATE_PAYMENT judges entry_date −
-- delivered_date against pay_within_days.
--
-- Never edit this file once it has landed: fix forward with a new migration.

ALTER TABLE county ADD COLUMN product_seasons TEXT;
ALTER TABLE ledger_entry ADD COLUMN delivered_date TEXT NOT NULL DEFAULT '';
