-- People's acts on tickets (issue 24): acknowledgements and comments by name, kept beside the tickets (whose JSON
-- carries them too) so the activity of a ticket or of the team is one indexed read; and which server took each
-- sign-off's answer. (V3 is PostgreSQL's fencing, which a single-process file needs not.)
CREATE TABLE remark (id INTEGER PRIMARY KEY AUTOINCREMENT, ticket_id TEXT NOT NULL, kind TEXT NOT NULL,
    by_whom TEXT NOT NULL, at REAL NOT NULL, text TEXT);
CREATE INDEX remark_by_ticket ON remark (ticket_id, id);
ALTER TABLE answer ADD COLUMN server TEXT;
