-- Letters (issue 6): every letter saved to a file, with what it was and the SHA-256 of the file's bytes,
-- so the borrower can later show exactly what was sent. evidence_entry_id links the evidence-log entry, if any.
CREATE TABLE letters (
    id                INTEGER PRIMARY KEY,
    case_id           INTEGER NOT NULL REFERENCES cases(id),
    type              TEXT NOT NULL,
    variant           TEXT NOT NULL,
    lang              TEXT NOT NULL CHECK (lang IN ('zh', 'en')),
    format            TEXT NOT NULL CHECK (format IN ('md', 'txt', 'html', 'docx', 'pdf')),
    path              TEXT NOT NULL,
    sha256            TEXT NOT NULL CHECK (length(sha256) = 64),
    evidence_entry_id INTEGER,
    created_at        TEXT NOT NULL
);
CREATE INDEX letters_case ON letters (case_id, id);
