-- The crosswalk of the 2025 reform (issue 19): each pre-2025 commune (or island district that had none) and the
-- post-2025 commune(s) it became (data/reference/crosswalk_2025.csv, see data/reference/SOURCES.md). A commune
-- divided between several new ones has a row per part. Loaded once by core/units.install_units.

CREATE TABLE unit_crosswalk (
    old_code          TEXT NOT NULL,  -- a pre2025 unit
    old_level         TEXT NOT NULL CHECK (old_level IN ('commune', 'district')),
    old_name          TEXT NOT NULL,
    old_district_code TEXT NOT NULL,
    old_province_code TEXT NOT NULL,
    new_code          TEXT NOT NULL,  -- a post2025 commune
    new_name          TEXT NOT NULL,
    new_province_code TEXT NOT NULL,
    part              TEXT NOT NULL CHECK (part IN ('whole', 'default', 'share')),
    PRIMARY KEY (old_code, new_code)
);
