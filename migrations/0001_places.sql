-- Places: county → township → village. Codes are statistical division codes (GB/T 2260 + 3 + 3
-- digits); ids are UUIDv7 made on the device, so a code can be corrected without breaking links.
CREATE TABLE county (
    id   TEXT PRIMARY KEY,
    code TEXT NOT NULL UNIQUE CHECK (length(code) = 6 AND code NOT GLOB '*[^0-9]*'),
    name TEXT NOT NULL CHECK (name <> '')
) STRICT;

CREATE TABLE township (
    id        TEXT PRIMARY KEY,
    county_id TEXT NOT NULL REFERENCES county(id),
    code      TEXT NOT NULL UNIQUE CHECK (length(code) = 9 AND code NOT GLOB '*[^0-9]*'),
    name      TEXT NOT NULL CHECK (name <> '')
) STRICT;

CREATE TABLE village (
    id          TEXT PRIMARY KEY,
    township_id TEXT NOT NULL REFERENCES township(id),
    code        TEXT NOT NULL UNIQUE CHECK (length(code) = 12 AND code NOT GLOB '*[^0-9]*'),
    name        TEXT NOT NULL CHECK (name <> ''),
    poor        INTEGER NOT NULL CHECK (poor IN (0, 1))
) STRICT;

CREATE INDEX village_by_township ON village(township_id);
