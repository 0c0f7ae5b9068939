-- Evidence log (issue 7): an append-only, hash-chained record of collection contacts per case.
-- Every column but entry_hash is part of the hashed content (see evidence/log.py canonical_content);
-- JSON columns hold canonical JSON text; times are ISO 8601 text.
CREATE TABLE evidence_entries (
    id                 INTEGER PRIMARY KEY,
    case_id            INTEGER NOT NULL REFERENCES cases(id),
    seq                INTEGER NOT NULL,           -- 1, 2, 3 … within the case: the order of recording
    at                 TEXT NOT NULL,              -- when it happened, with the offset it was recorded in
    at_utc             TEXT NOT NULL,              -- the same instant in UTC, fixed width, for sorting
    channel            TEXT NOT NULL CHECK (channel IN ('call', 'sms', 'app-chat', 'wechat', 'email', 'letter', 'visit', 'other')),
    direction          TEXT NOT NULL CHECK (direction IN ('incoming', 'outgoing')),
    counterpart_name   TEXT,
    counterpart_number TEXT,
    contacted          TEXT NOT NULL,              -- JSON list: me, family, employer, colleague, friend, contacts-list, other
    summary            TEXT,
    text               TEXT,
    tags               TEXT NOT NULL,              -- JSON list of message-check tags
    corrects           INTEGER REFERENCES evidence_entries(id),
    attachments        TEXT NOT NULL,              -- JSON list of [sha256, original name]
    source             TEXT,                       -- manual, sms-xml:<file>, csv:<file>, letters …
    outcome            TEXT CHECK (outcome IN ('answered', 'unanswered')),  -- calls only
    duration_s         INTEGER,
    stop_request       TEXT,                       -- NULL, 'all', or a comma list of channels the user opted out of
    dedupe_key         TEXT,                       -- imports: the same record is never added twice
    recorded_at        TEXT NOT NULL,
    prev_hash          TEXT NOT NULL,
    entry_hash         TEXT NOT NULL UNIQUE,
    UNIQUE (case_id, seq)
);
CREATE UNIQUE INDEX evidence_entries_dedupe ON evidence_entries (case_id, dedupe_key) WHERE dedupe_key IS NOT NULL;
CREATE INDEX evidence_entries_case_time ON evidence_entries (case_id, at_utc);

-- Append-only: the program never changes or removes an entry; a correction is a new entry.
CREATE TRIGGER evidence_entries_no_update BEFORE UPDATE ON evidence_entries
BEGIN
    SELECT RAISE(ABORT, 'evidence entries are append-only');
END;
CREATE TRIGGER evidence_entries_no_delete BEFORE DELETE ON evidence_entries
BEGIN
    SELECT RAISE(ABORT, 'evidence entries are append-only');
END;

-- The last link of each case's chain, so that removing entries from the end is noticed too.
CREATE TABLE evidence_heads (
    case_id    INTEGER PRIMARY KEY REFERENCES cases(id),
    last_seq   INTEGER NOT NULL,
    head_hash  TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
