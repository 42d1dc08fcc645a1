-- The shared store: the same tables as the embedded one, in PostgreSQL's types.
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE ticket (num INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, json TEXT NOT NULL,
    archived INTEGER NOT NULL DEFAULT 0);
CREATE TABLE channel (id TEXT PRIMARY KEY, ticket_id TEXT NOT NULL, stage TEXT NOT NULL, closed_reason TEXT,
    signoff_deadline DOUBLE PRECISION);
CREATE INDEX channel_by_ticket ON channel (ticket_id);
CREATE TABLE envelope (channel_id TEXT NOT NULL, n INTEGER NOT NULL, json TEXT NOT NULL, PRIMARY KEY (channel_id, n));
