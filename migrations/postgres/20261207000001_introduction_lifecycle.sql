-- A pending introduction can now end two more ways: withdrawn by its sender, or expired
-- when nobody answered it within 14 days; `answered_at` says when it ended, whichever
-- way (`answered_by` stays empty for these two).
ALTER TABLE introductions DROP CONSTRAINT introductions_status_check;
ALTER TABLE introductions ADD CONSTRAINT introductions_status_check
    CHECK (status IN ('pending', 'accepted', 'declined', 'withdrawn', 'expired'));
-- The expiry sweep: pending requests, oldest first.
CREATE INDEX introductions_pending ON introductions (created_at) WHERE status = 'pending';

-- Both sides of a request that expired are told in their inbox: a new kind of event.
ALTER TABLE events DROP CONSTRAINT events_kind_check;
ALTER TABLE events ADD CONSTRAINT events_kind_check
    CHECK (kind IN ('intro_received', 'intro_accepted', 'intro_expired', 'verification_granted'));
