-- Analysis and plans (issue 5). Money as decimal strings, dates ISO text, JSON as text.

-- The household budget: one per data dir (several cases share it), so a single row.
CREATE TABLE household_budget (
    id                  INTEGER PRIMARY KEY CHECK (id = 1),
    currency            TEXT NOT NULL CHECK (currency IN ('CNY', 'USD')),
    people              INTEGER NOT NULL DEFAULT 1 CHECK (people >= 1),
    income_earnings     TEXT NOT NULL DEFAULT '0',
    income_partner      TEXT NOT NULL DEFAULT '0',
    income_benefits     TEXT NOT NULL DEFAULT '0',
    income_other        TEXT NOT NULL DEFAULT '0',
    spend_housing       TEXT NOT NULL DEFAULT '0',
    spend_food          TEXT NOT NULL DEFAULT '0',
    spend_utilities     TEXT NOT NULL DEFAULT '0',
    spend_transport     TEXT NOT NULL DEFAULT '0',
    spend_children      TEXT NOT NULL DEFAULT '0',
    spend_medical       TEXT NOT NULL DEFAULT '0',
    spend_insurance     TEXT NOT NULL DEFAULT '0',
    spend_other         TEXT NOT NULL DEFAULT '0',
    other_debt_payments TEXT NOT NULL DEFAULT '0',
    savings             TEXT NOT NULL DEFAULT '0',
    updated_at          TEXT NOT NULL
);

-- Each run of `overdue analyse CASE`; `data` is the language-neutral result (keys, not sentences).
CREATE TABLE analyses (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    created_at  TEXT NOT NULL,
    causes      TEXT NOT NULL,
    strategy    TEXT NOT NULL,
    data        TEXT NOT NULL
);
CREATE INDEX analyses_by_case ON analyses (case_id, id);

-- Plans chosen with `overdue plan CASE --choose KIND`; the newest one is the case's chosen plan.
CREATE TABLE plans (
    id              INTEGER PRIMARY KEY,
    case_id         INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    kind            TEXT NOT NULL CHECK (kind IN ('full', 'extension', 'instalments', 'pro_rata')),
    currency        TEXT NOT NULL CHECK (currency IN ('CNY', 'USD')),
    total           TEXT NOT NULL,
    monthly_amount  TEXT,
    extension_to    TEXT,
    reason_key      TEXT,
    causes          TEXT NOT NULL DEFAULT '[]',
    created_at      TEXT NOT NULL
);
CREATE INDEX plans_by_case ON plans (case_id, id);

CREATE TABLE plan_rows (
    plan_id  INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
    seq      INTEGER NOT NULL,
    due      TEXT NOT NULL,
    amount   TEXT NOT NULL,
    PRIMARY KEY (plan_id, seq)
);
