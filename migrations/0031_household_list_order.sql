-- The register's list without search text (the households screen as it opens) reads villages in
-- code order and each village's households in (group, head name) order straight off this index,
-- so a page is a few index steps instead of a sort of the whole register (issue 18: at 10⁶
-- households the sort took seconds). It serves every lookup the two-column index it replaces
-- served (a village's households, by group).
DROP INDEX household_by_village;
CREATE INDEX household_by_village ON household(village_id, village_group, head_name);
