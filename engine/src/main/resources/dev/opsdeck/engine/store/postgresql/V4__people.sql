-- People's acts on tickets (issue 24): acknowledgements and comments by name, kept team-wide beside the tickets
-- (whose JSON carries them too) so the activity of a ticket or of the team is one indexed read; and which server
-- took each sign-off's answer.
CREATE TABLE remark (id BIGSERIAL PRIMARY KEY, ticket_id TEXT NOT NULL, kind TEXT NOT NULL, by_whom TEXT NOT NULL,
    at DOUBLE PRECISION NOT NULL, text TEXT);
CREATE INDEX remark_by_ticket ON remark (ticket_id, id);
ALTER TABLE answer ADD COLUMN server TEXT;
