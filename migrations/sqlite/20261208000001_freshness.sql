-- Freshness (domain::freshness): when the owner last said a profile or an organization
-- is still accurate (saving it counts), which notices went since, and whether it left
-- the directory for want of a confirmation in 24 months.
ALTER TABLE profiles ADD COLUMN confirmed_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE profiles ADD COLUMN freshness_notice INTEGER NOT NULL DEFAULT 0
    CHECK (freshness_notice BETWEEN 0 AND 5);
ALTER TABLE profiles ADD COLUMN freshness_noticed_at INTEGER;
ALTER TABLE profiles ADD COLUMN delisted_at INTEGER;
UPDATE profiles SET confirmed_at = updated_at;
CREATE INDEX profiles_confirmed ON profiles (confirmed_at);

ALTER TABLE organizations ADD COLUMN confirmed_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE organizations ADD COLUMN freshness_notice INTEGER NOT NULL DEFAULT 0
    CHECK (freshness_notice BETWEEN 0 AND 5);
ALTER TABLE organizations ADD COLUMN freshness_noticed_at INTEGER;
ALTER TABLE organizations ADD COLUMN delisted_at INTEGER;
UPDATE organizations SET confirmed_at = updated_at;
CREATE INDEX organizations_confirmed ON organizations (confirmed_at);

-- The one-click "still accurate" links of the reminders: single use (used by deleting
-- it), expiring, only their SHA-256 stored. Each is for one profile or one organization,
-- sent to one account; a confirmation by any means deletes every link of its record.
CREATE TABLE freshness_links (
    id          INTEGER PRIMARY KEY,
    token_hash  TEXT    NOT NULL UNIQUE,
    user_id     INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    profile_id  INTEGER REFERENCES profiles (user_id) ON DELETE CASCADE,
    org_id      INTEGER REFERENCES organizations (id) ON DELETE CASCADE,
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    CHECK ((profile_id IS NULL) <> (org_id IS NULL))
);
CREATE INDEX freshness_links_profile ON freshness_links (profile_id);
CREATE INDEX freshness_links_org ON freshness_links (org_id);
CREATE INDEX freshness_links_user ON freshness_links (user_id);
