-- The county hub's own edits stamp their field clocks in the write path (`write::append`)
-- rather than in a trigger: a trigger on change_log made every log insert, on every database,
-- open a statement journal (a page copy per write).
DROP TRIGGER IF EXISTS sync_county_edit_clock;
