-- Audit verifications run in the background (POST /v1/audit/verifications) and are followed with
-- GET /v1/audit/verifications/{id} on any replica: a row per verification, its progress written by
-- the replica that runs it (heartbeat_at says it is alive), its verdict once finished. At most one
-- runs at a time per database; finished ones are kept for a while, a bounded number of them.
-- (Numbered 1.2 as a library migration: services apply it out of order after their own.)
CREATE TABLE audit_verification (
    id               UUID        PRIMARY KEY,
    started_at       TIMESTAMPTZ NOT NULL,
    heartbeat_at     TIMESTAMPTZ NOT NULL,
    finished_at      TIMESTAMPTZ,
    entries_checked  BIGINT      NOT NULL DEFAULT 0,
    entries_total    BIGINT,
    intact           BOOLEAN,
    broken_at        BIGINT,
    finding          TEXT,
    failure          TEXT,
    CHECK (finished_at IS NOT NULL OR (intact IS NULL AND failure IS NULL))
);

-- at most one running verification
CREATE UNIQUE INDEX audit_verification_one_running ON audit_verification ((finished_at IS NULL))
    WHERE finished_at IS NULL;
CREATE INDEX audit_verification_finished_idx ON audit_verification (finished_at)
    WHERE finished_at IS NOT NULL;
