-- A need closes as fulfilled, withdrawn (by its organization) or expired (its deadline
-- passed): before, the last two were one "closed". An introduction keeps the title of
-- the need it answered, so that it can still say what it was about once the need is
-- deleted.
ALTER TABLE needs DROP CONSTRAINT needs_status_check;
-- A need closed before its deadline was withdrawn; one closed after, expired.
UPDATE needs SET status = CASE
        WHEN deadline < to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD') THEN 'expired'
        ELSE 'withdrawn' END
WHERE status = 'closed';
ALTER TABLE needs ADD CONSTRAINT needs_status_check
    CHECK (status IN ('draft', 'open', 'fulfilled', 'withdrawn', 'expired'));

ALTER TABLE introductions ADD COLUMN need_title TEXT;
UPDATE introductions i SET need_title = n.title FROM needs n WHERE n.id = i.need_id;
