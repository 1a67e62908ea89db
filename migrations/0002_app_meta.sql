-- Facts about the database itself. `database_id` tells two copies of a database apart (a laptop
-- restored from a backup, a county hub) and is never changed after creation.
CREATE TABLE app_meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

INSERT INTO app_meta (key, value) VALUES ('database_id', lower(hex(randomblob(16))));
