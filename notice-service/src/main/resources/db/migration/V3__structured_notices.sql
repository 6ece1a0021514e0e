-- Structured notices (issue 15): each notice gets an audience, a channel and a fallback language;
-- drafts are edited until published; a published version carries its structured document (RFC
-- 8785 canonical JSON), that document's hash and the instant it takes effect.
--
-- Versions published before this migration keep every byte: only columns are added (nullable, no
-- default, so PostgreSQL rewrites no row and no trigger fires), and constraints are added that
-- those rows already meet. Consent records point at their (id, content_hash).

-- ---- notice: its definition, set once ----
ALTER TABLE notice
    ADD COLUMN audience          TEXT CHECK (audience IN ('SUBJECTS', 'STAFF')),
    ADD COLUMN channel           TEXT CHECK (channel IN ('VERBAL_SCRIPT', 'IVR_PROMPT', 'WRITTEN')),
    ADD COLUMN fallback_language TEXT CHECK (fallback_language ~ '^[a-z]{2}(-[A-Z]{2})?$'),
    ADD COLUMN defined_at        TIMESTAMPTZ,
    ADD COLUMN defined_by        TEXT,
    ADD CONSTRAINT notice_defined_whole CHECK (
        (audience IS NULL) = (channel IS NULL)
        AND (audience IS NULL) = (fallback_language IS NULL)
        AND (audience IS NULL) = (defined_at IS NULL)
        AND (audience IS NULL) = (defined_by IS NULL));

-- A notice may now exist before its first version (defined, then drafted): 0 versions handed out.
ALTER TABLE notice DROP CONSTRAINT notice_latest_version_check;
ALTER TABLE notice ADD CONSTRAINT notice_latest_version_check CHECK (latest_version >= 0);

-- The head row moves forward one version at a time, or gets its definition once (a notice
-- published before definitions existed may get one later); nothing else, and it is never removed.
-- A definition never changes: the fallback language decides which version was in force when.
CREATE OR REPLACE FUNCTION notice_forward_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.notice_id = OLD.notice_id AND NEW.created_at = OLD.created_at THEN
        IF NEW.latest_version = OLD.latest_version + 1
                AND NEW.audience IS NOT DISTINCT FROM OLD.audience
                AND NEW.channel IS NOT DISTINCT FROM OLD.channel
                AND NEW.fallback_language IS NOT DISTINCT FROM OLD.fallback_language
                AND NEW.defined_at IS NOT DISTINCT FROM OLD.defined_at
                AND NEW.defined_by IS NOT DISTINCT FROM OLD.defined_by THEN
            RETURN NEW;
        END IF;
        IF NEW.latest_version = OLD.latest_version AND OLD.audience IS NULL THEN
            RETURN NEW;
        END IF;
    END IF;
    RAISE EXCEPTION 'notice only moves to its next version or is defined once; it is never changed otherwise or removed'
        USING ERRCODE = 'restrict_violation';
END;
$$;

-- ---- notice_version: the structured document of versions published from drafts ----
ALTER TABLE notice_version
    ADD COLUMN document        TEXT,
    ADD COLUMN document_hash   CHAR(64) CHECK (document_hash ~ '^[0-9a-f]{64}$'),
    ADD COLUMN hash_alg        TEXT CHECK (hash_alg = 'SHA-256/RFC8785'),
    ADD COLUMN effective_from  TIMESTAMPTZ,
    ADD COLUMN audio_sha256    CHAR(64) CHECK (audio_sha256 ~ '^[0-9a-f]{64}$'),
    ADD COLUMN draft_id        UUID UNIQUE,
    ADD CONSTRAINT notice_version_structured_whole CHECK (
        (document IS NULL) = (document_hash IS NULL)
        AND (document IS NULL) = (hash_alg IS NULL)
        AND (document IS NULL) = (effective_from IS NULL)
        AND (document IS NULL) = (draft_id IS NULL)
        AND (document IS NOT NULL OR audio_sha256 IS NULL)),
    ADD CONSTRAINT notice_version_effective_after_publication CHECK (
        effective_from IS NULL OR effective_from >= published_at);

-- In force at an instant: the newest effective_from at or before it, per notice and language
-- (versions published before this migration take effect when they were published).
CREATE INDEX notice_version_in_force
    ON notice_version (notice_id, language, (coalesce(effective_from, published_at)));

-- The immutability triggers of V2 (notice_version_no_update_or_delete, notice_version_no_truncate)
-- cover the new columns as they stand: a published version is never changed or removed.

-- ---- notice_draft: edited by the DPO until published, then frozen ----
CREATE TABLE notice_draft (
    id                 UUID        PRIMARY KEY,
    notice_id          TEXT        NOT NULL REFERENCES notice (notice_id),
    language           TEXT        NOT NULL CHECK (language ~ '^[a-z]{2}(-[A-Z]{2})?$'),
    title              TEXT        NOT NULL,
    -- The structured content as sent, in RFC 8785 canonical JSON.
    content            TEXT        NOT NULL,
    body               TEXT,
    audio_sha256       CHAR(64)    CHECK (audio_sha256 ~ '^[0-9a-f]{64}$'),
    revision           INTEGER     NOT NULL CHECK (revision >= 1),
    created_at         TIMESTAMPTZ NOT NULL,
    created_by         TEXT        NOT NULL,
    updated_at         TIMESTAMPTZ NOT NULL,
    updated_by         TEXT        NOT NULL,
    published_version  INTEGER,
    FOREIGN KEY (notice_id, published_version) REFERENCES notice_version (notice_id, version)
);

CREATE INDEX notice_draft_by_notice ON notice_draft (notice_id, created_at);

-- A draft once published is part of the record: it is never changed (not even published twice)
-- or removed. Unpublished drafts are edited and deleted freely.
CREATE FUNCTION notice_draft_frozen_once_published() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.published_version IS NOT NULL THEN
        RAISE EXCEPTION 'a published notice draft is never changed or removed'
            USING ERRCODE = 'restrict_violation';
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END;
$$;

CREATE TRIGGER notice_draft_frozen
    BEFORE UPDATE OR DELETE ON notice_draft
    FOR EACH ROW EXECUTE FUNCTION notice_draft_frozen_once_published();

CREATE TRIGGER notice_draft_no_truncate
    BEFORE TRUNCATE ON notice_draft
    FOR EACH STATEMENT EXECUTE FUNCTION notice_version_immutable();
