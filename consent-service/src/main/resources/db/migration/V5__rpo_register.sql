-- Rule 5: a consent given within a contract prevails over an RPO registration while the contract
-- runs and for 30 days after it ends. contract_ends_at alone cannot say "within a running contract
-- with no end date", so the fact is kept on its own.
ALTER TABLE consent_event ADD COLUMN within_contract BOOLEAN NOT NULL DEFAULT false;
UPDATE consent_event SET within_contract = true WHERE contract_ends_at IS NOT NULL;

-- Consultations of the Registro Pubblico delle Opposizioni, imported from the register's answer
-- file. No number is stored in clear: entries are keyed by the number's blind index.
CREATE TABLE rpo_consultation (
    id              UUID        PRIMARY KEY,
    consulted_on    DATE        NOT NULL,
    operator        TEXT        NOT NULL,
    imported_by     TEXT        NOT NULL,
    started_at      TIMESTAMPTZ NOT NULL,
    finished_at     TIMESTAMPTZ,
    status          TEXT        NOT NULL CHECK (status IN ('RUNNING', 'DONE', 'FAILED')),
    lines_read      BIGINT      NOT NULL DEFAULT 0,
    entries         BIGINT      NOT NULL DEFAULT 0,
    rejected        BIGINT      NOT NULL DEFAULT 0,
    -- the first rejected lines: line number and why (never the line's content)
    rejected_lines  TEXT        NOT NULL DEFAULT '[]',
    failure         TEXT
);

-- The register as the latest consultation that covered each number saw it.
CREATE TABLE rpo_entry (
    phone_index      TEXT    PRIMARY KEY,
    consultation_id  UUID    NOT NULL REFERENCES rpo_consultation (id),
    consulted_on     DATE    NOT NULL,
    registered       BOOLEAN NOT NULL,
    registered_on    DATE,
    reallowed        BOOLEAN NOT NULL
);

CREATE INDEX rpo_entry_consultation_idx ON rpo_entry (consultation_id);
