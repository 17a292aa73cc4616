-- A pending introduction can now end two more ways: withdrawn by its sender, or expired
-- when nobody answered it within 14 days; `answered_at` says when it ended, whichever
-- way (`answered_by` stays empty for these two).
--
-- SQLite cannot change a CHECK constraint in place, so the table is rebuilt (see the
-- need lifecycle migration and db::migrate: foreign keys are off while migrations run,
-- so the inbox events that point at introductions keep pointing at them).
CREATE TABLE introductions_lifecycle (
    id                 INTEGER PRIMARY KEY,
    -- The account that sent it, and the organization it spoke for (if any).
    sender_id          INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    sender_org_id      INTEGER REFERENCES organizations (id) ON DELETE CASCADE,
    -- Exactly one recipient: a member or an organization.
    recipient_user_id  INTEGER REFERENCES users (id) ON DELETE CASCADE,
    recipient_org_id   INTEGER REFERENCES organizations (id) ON DELETE CASCADE,
    need_id            INTEGER REFERENCES needs (id) ON DELETE SET NULL,
    message            TEXT    NOT NULL,
    status             TEXT    NOT NULL DEFAULT 'pending'
                       CHECK (status IN ('pending', 'accepted', 'declined', 'withdrawn', 'expired')),
    answered_by        INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at         INTEGER NOT NULL,
    answered_at        INTEGER,
    need_title         TEXT,
    CHECK ((recipient_user_id IS NULL) <> (recipient_org_id IS NULL))
);

INSERT INTO introductions_lifecycle (id, sender_id, sender_org_id, recipient_user_id,
    recipient_org_id, need_id, message, status, answered_by, created_at, answered_at,
    need_title)
SELECT id, sender_id, sender_org_id, recipient_user_id, recipient_org_id, need_id, message,
       status, answered_by, created_at, answered_at, need_title
FROM introductions;

DROP TABLE introductions;
ALTER TABLE introductions_lifecycle RENAME TO introductions;

-- No second open request for the same pair and need.
CREATE UNIQUE INDEX introductions_one_open ON introductions (
    sender_id, COALESCE(sender_org_id, 0), COALESCE(recipient_user_id, 0),
    COALESCE(recipient_org_id, 0), COALESCE(need_id, 0)
) WHERE status = 'pending';
CREATE INDEX introductions_sender ON introductions (sender_id, created_at);
CREATE INDEX introductions_to_user ON introductions (recipient_user_id, created_at);
CREATE INDEX introductions_to_org ON introductions (recipient_org_id, created_at);
CREATE INDEX introductions_from_org ON introductions (sender_org_id, created_at);
-- The expiry sweep: pending requests, oldest first.
CREATE INDEX introductions_pending ON introductions (created_at) WHERE status = 'pending';

-- Both sides of a request that expired are told in their inbox: a new kind of event.
CREATE TABLE events_lifecycle (
    id               INTEGER PRIMARY KEY,
    user_id          INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind             TEXT    NOT NULL
                     CHECK (kind IN ('intro_received', 'intro_accepted', 'intro_expired',
                                     'verification_granted')),
    introduction_id  INTEGER REFERENCES introductions (id) ON DELETE CASCADE,
    org_id           INTEGER REFERENCES organizations (id) ON DELETE CASCADE,
    created_at       INTEGER NOT NULL,
    read_at          INTEGER
);
INSERT INTO events_lifecycle (id, user_id, kind, introduction_id, org_id, created_at, read_at)
SELECT id, user_id, kind, introduction_id, org_id, created_at, read_at FROM events;
DROP TABLE events;
ALTER TABLE events_lifecycle RENAME TO events;
CREATE INDEX events_unread ON events (user_id, read_at);
