-- Requests kept under their client's Idempotency-Key (issue 24), per user, so that a POST retried after a restart is
-- answered as the first was and does nothing twice. A row without a status is a request being answered (its claim);
-- old rows are forgotten (the code deletes them after a day).
CREATE TABLE request_key (user_name TEXT NOT NULL, key TEXT NOT NULL, request TEXT NOT NULL, at REAL NOT NULL,
    status INTEGER, body TEXT, PRIMARY KEY (user_name, key));
CREATE INDEX request_key_at ON request_key (at);
