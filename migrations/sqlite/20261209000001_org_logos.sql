-- An organization's optional logo, re-encoded on upload (no metadata), with its text
-- alternative; it goes with the organization.
CREATE TABLE org_logos (
    org_id      INTEGER PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
    image       BLOB    NOT NULL,
    alt         TEXT    NOT NULL,
    updated_at  INTEGER NOT NULL
);
