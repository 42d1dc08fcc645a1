-- Outbound notifications (--notify-webhook, issue 24), one row per notification and receiver (the receiver by a hash
-- of its URL, whose path may be a secret): the first server of a team to insert it sends it, so each is sent once
-- per team; a holder refreshes claimed_at while it retries, and a claim left undone too long (its server died) is
-- taken over by another server. done: sent, or given up after its last retry.
CREATE TABLE notice (key TEXT NOT NULL, receiver TEXT NOT NULL, body TEXT NOT NULL, holder TEXT NOT NULL,
    claimed_at DOUBLE PRECISION NOT NULL, done INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (key, receiver));
CREATE INDEX notice_open ON notice (claimed_at) WHERE done = 0;
