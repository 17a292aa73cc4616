-- Meetings after an accepted introduction. One side proposes up to three times, the
-- other picks one; a newer proposal replaces the one before it (status 'replaced'), so
-- that a meeting held stays counted after the next is planned. Private to the two sides;
-- it goes with the introduction.
CREATE TABLE meetings (
    id              INTEGER PRIMARY KEY,
    intro_id        INTEGER NOT NULL REFERENCES introductions (id) ON DELETE CASCADE,
    status          TEXT    NOT NULL,
    mode            TEXT    NOT NULL,
    -- The video link (online) or the address (in person).
    place           TEXT    NOT NULL,
    minutes         INTEGER NOT NULL,
    proposed_by     TEXT    NOT NULL,
    proposed_by_user INTEGER REFERENCES users (id) ON DELETE SET NULL,
    -- The picked time, once confirmed.
    starts_at       INTEGER,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL,
    -- When the reminder of the day before went out (once, however many servers sweep).
    reminded_at     INTEGER
);
CREATE INDEX meetings_intro ON meetings (intro_id, id);
CREATE INDEX meetings_due ON meetings (status, starts_at);

CREATE TABLE meeting_slots (
    meeting_id  INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    starts_at   INTEGER NOT NULL,
    PRIMARY KEY (meeting_id, starts_at)
);

-- The time zone a person reads times in (an IANA name); none chosen yet: UTC.
ALTER TABLE users ADD COLUMN time_zone TEXT;
