-- The audit trail: append-only, hash-chained. Each entry stores the hash of the one before it, and
-- audit_head holds the newest (seq, hash), so an edited, removed or truncated entry is detected by
-- AuditTrail.verify(). No column holds personal data in clear: subject_ref is a pseudonymous id.
CREATE TABLE audit_entry (
    seq          BIGINT      PRIMARY KEY,
    occurred_at  TIMESTAMPTZ NOT NULL,
    actor        TEXT        NOT NULL,
    action       TEXT        NOT NULL,
    subject_ref  TEXT,
    details      TEXT        NOT NULL,
    prev_hash    CHAR(64)    NOT NULL,
    hash         CHAR(64)    NOT NULL
);

CREATE INDEX audit_entry_subject_idx ON audit_entry (subject_ref) WHERE subject_ref IS NOT NULL;

CREATE TABLE audit_head (
    id    SMALLINT PRIMARY KEY CHECK (id = 1),
    seq   BIGINT   NOT NULL,
    hash  CHAR(64) NOT NULL
);

INSERT INTO audit_head (id, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
