-- The store as OpsDeck first kept it: tickets (their JSON, archived or not), channels, and each channel's journal.
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS ticket (num INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, json TEXT NOT NULL,
    archived INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS channel (id TEXT PRIMARY KEY, ticket_id TEXT NOT NULL, stage TEXT NOT NULL,
    closed_reason TEXT, signoff_deadline REAL);
CREATE TABLE IF NOT EXISTS envelope (channel_id TEXT NOT NULL, n INTEGER NOT NULL, json TEXT NOT NULL,
    PRIMARY KEY (channel_id, n));
