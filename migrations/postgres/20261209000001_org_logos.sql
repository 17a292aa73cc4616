-- An organization's optional logo, re-encoded on upload (no metadata), with its text
-- alternative; it goes with the organization.
CREATE TABLE org_logos (
    org_id      BIGINT  PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
    image       BYTEA   NOT NULL,
    alt         TEXT    NOT NULL,
    updated_at  BIGINT  NOT NULL
);
