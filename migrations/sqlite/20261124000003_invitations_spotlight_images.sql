-- Invitations wait for the invitee's answer: nobody joins an organization without saying yes.
CREATE TABLE org_invitations (
    org_id     INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (org_id, user_id)
);
CREATE INDEX org_invitations_user ON org_invitations (user_id);

-- A spotlight's optional image, re-encoded on upload (no metadata), with its text alternative.
CREATE TABLE spotlight_images (
    spotlight_id INTEGER PRIMARY KEY REFERENCES spotlights (id) ON DELETE CASCADE,
    image        BLOB    NOT NULL,
    alt          TEXT    NOT NULL,
    updated_at   INTEGER NOT NULL
);
