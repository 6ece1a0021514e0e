-- List scrubs: a CSV of numbers judged against a campaign in bulk. The scrub row holds the request
-- and its progress. The result lines hold the numbers as the client sent them, so they are kept
-- only sealed: in chunks of lines, each encrypted under a data key of the scrub's own (key-store
-- subject "list-scrub:<id>"), which is shredded when the result expires or is deleted.
CREATE TABLE list_scrub (
    id               UUID        PRIMARY KEY,
    campaign_id      UUID        NOT NULL REFERENCES campaign (id),
    purpose_code     TEXT        NOT NULL,
    transfer_only    BOOLEAN     NOT NULL,
    requested_by     TEXT        NOT NULL,
    idempotency_key  TEXT,
    body_sha256      TEXT,
    started_at       TIMESTAMPTZ NOT NULL,
    decided_for      TIMESTAMPTZ NOT NULL,
    finished_at      TIMESTAMPTZ,
    expires_at       TIMESTAMPTZ NOT NULL,
    status           TEXT        NOT NULL CHECK (status IN ('RUNNING', 'DONE', 'FAILED', 'EXPIRED')),
    lines_read       BIGINT      NOT NULL DEFAULT 0,
    numbers_decided  BIGINT      NOT NULL DEFAULT 0,
    allowed          BIGINT      NOT NULL DEFAULT 0,
    denied           BIGINT      NOT NULL DEFAULT 0,
    invalid          BIGINT      NOT NULL DEFAULT 0,
    withheld         BIGINT      NOT NULL DEFAULT 0,
    reasons          TEXT        NOT NULL DEFAULT '{}',
    invalid_lines    TEXT        NOT NULL DEFAULT '[]',
    failure          TEXT
);

CREATE UNIQUE INDEX list_scrub_idempotency_idx ON list_scrub (requested_by, idempotency_key)
    WHERE idempotency_key IS NOT NULL;
CREATE INDEX list_scrub_expiry_idx ON list_scrub (expires_at) WHERE status <> 'EXPIRED';

CREATE TABLE list_scrub_chunk (
    scrub_id   UUID    NOT NULL REFERENCES list_scrub (id) ON DELETE CASCADE,
    chunk_no   INTEGER NOT NULL,
    lines      INTEGER NOT NULL,
    sealed     TEXT    NOT NULL,
    PRIMARY KEY (scrub_id, chunk_no)
);
