-- A trainee's poor flag follows the household register as it is now: the totals read each
-- sign-in's name and name confirmation (compared with the registered name when counting) in the
-- same one pass over a covering index, instead of the `poor` flag stored at sign-in (which no
-- reader counts any more). The index of 0020 carried that flag and nothing else reads it.
DROP INDEX attendance_by_session_person;
CREATE INDEX attendance_by_session_person_name
    ON attendance(session_id, id_number, slot, audience, name, name_confirmed, deleted_hlc);
