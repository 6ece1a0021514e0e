-- Privacy notices (DESIGN.md rule 10): each publication is a new version, immutable once published.
-- Notice texts are not personal data: they are kept in clear.

-- One row per notice: the newest version number handed out. Publishing takes this row's lock
-- (INSERT ... ON CONFLICT DO UPDATE) until it commits, so two publishes of one notice get versions
-- n and n+1, never the same; publishes of different notices do not wait for each other.
CREATE TABLE notice (
    notice_id       TEXT        PRIMARY KEY CHECK (notice_id ~ '^[a-z0-9][a-z0-9-]{1,63}$'),
    latest_version  INTEGER     NOT NULL CHECK (latest_version >= 1),
    created_at      TIMESTAMPTZ NOT NULL
);

CREATE TABLE notice_version (
    notice_id     TEXT        NOT NULL REFERENCES notice (notice_id),
    version       INTEGER     NOT NULL CHECK (version >= 1),
    language      TEXT        NOT NULL CHECK (length(language) BETWEEN 2 AND 16),
    title         TEXT        NOT NULL,
    content       TEXT        NOT NULL,
    -- SHA-256 of the content's UTF-8 bytes, lower-case hex: what a presentation records.
    content_hash  CHAR(64)    NOT NULL CHECK (content_hash ~ '^[0-9a-f]{64}$'),
    published_at  TIMESTAMPTZ NOT NULL,
    published_by  TEXT        NOT NULL,
    PRIMARY KEY (notice_id, version)
);

-- A published version is never changed or removed, whoever connects: the service's own user
-- included (it owns the table, so revoking privileges would not hold).
CREATE FUNCTION notice_version_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: a published notice version is never changed or removed',
        TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
END;
$$;

CREATE TRIGGER notice_version_no_update_or_delete
    BEFORE UPDATE OR DELETE ON notice_version
    FOR EACH ROW EXECUTE FUNCTION notice_version_immutable();

CREATE TRIGGER notice_version_no_truncate
    BEFORE TRUNCATE ON notice_version
    FOR EACH STATEMENT EXECUTE FUNCTION notice_version_immutable();

-- The head row only moves forward, one version at a time, and is never removed: a lowered
-- latest_version would hand out a version number that is taken.
CREATE FUNCTION notice_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.notice_id = OLD.notice_id
            AND NEW.latest_version = OLD.latest_version + 1
            AND NEW.created_at = OLD.created_at THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'notice only moves to its next version; it is never changed otherwise or removed'
        USING ERRCODE = 'restrict_violation';
END;
$$;

CREATE TRIGGER notice_forward_only
    BEFORE UPDATE OR DELETE ON notice
    FOR EACH ROW EXECUTE FUNCTION notice_forward_only();

CREATE TRIGGER notice_no_truncate
    BEFORE TRUNCATE ON notice
    FOR EACH STATEMENT EXECUTE FUNCTION notice_version_immutable();

-- Idempotency-Key: the first answer to a retried write, per caller and key (as in consent-service).
CREATE TABLE idempotent_request (
    principal     TEXT        NOT NULL,
    key           TEXT        NOT NULL,
    fingerprint   TEXT        NOT NULL,
    status        INTEGER     NOT NULL,
    body          TEXT        NOT NULL,
    location      TEXT,
    created_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (principal, key)
);
