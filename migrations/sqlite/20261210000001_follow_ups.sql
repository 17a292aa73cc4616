-- After an accepted introduction: where the contact stands (no row yet: still at
-- "accepted", since the answer), and the agreement one side stated and the other
-- confirmed. Private to the two sides; it goes with the introduction.
CREATE TABLE intro_follow_ups (
    intro_id                INTEGER PRIMARY KEY REFERENCES introductions (id) ON DELETE CASCADE,
    stage                   TEXT    NOT NULL,
    changed_at              INTEGER NOT NULL,
    agreement_kind          TEXT,
    agreement_stated_by     TEXT,
    agreement_stated_at     INTEGER,
    agreement_confirmed_at  INTEGER
);
CREATE INDEX intro_follow_ups_stage ON intro_follow_ups (stage);

-- Every move, by which side (and who, while their account lasts).
CREATE TABLE intro_stage_moves (
    id        INTEGER PRIMARY KEY,
    intro_id  INTEGER NOT NULL REFERENCES introductions (id) ON DELETE CASCADE,
    stage     TEXT    NOT NULL,
    side      TEXT    NOT NULL,
    user_id   INTEGER REFERENCES users (id) ON DELETE SET NULL,
    moved_at  INTEGER NOT NULL
);
CREATE INDEX intro_stage_moves_intro ON intro_stage_moves (intro_id);
