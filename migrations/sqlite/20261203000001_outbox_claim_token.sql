-- A worker's claim on an outgoing message carries a token of its own, so only the
-- worker that still holds the claim records the message sent (several app servers may
-- run workers on one database).
ALTER TABLE outbox ADD COLUMN claim_token TEXT;
