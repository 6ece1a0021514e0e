-- Presentations: who heard which notice version, when, how (DESIGN.md rule 10; issue 15). They name
-- people, so no column holds personal data in clear: a person's identifiers are sealed under their
-- own key (field-encryption; the key lives in the key database) and found through blind indexes
-- (HMAC-SHA-256 under an index key). Erasure shreds the key, deletes the presentations, clears the
-- identifiers and leaves the subject row as a tombstone (erased_at), so that an erasure asked again
-- answers what it did.

-- A data subject, one row per person (as consent-service's subject table).
CREATE TABLE subject (
    ref                 UUID        PRIMARY KEY,
    phone_sealed        TEXT,
    phone_index         TEXT,
    email_sealed        TEXT,
    email_index         TEXT,
    customer_id_sealed  TEXT,
    customer_id_index   TEXT,
    created_at          TIMESTAMPTZ NOT NULL,
    erased_at           TIMESTAMPTZ,
    -- Art. 18: processing restricted (stored, not used) since this instant, and on which ground
    -- of Art. 18(1) (a code: no free text, which could hold personal data).
    restricted_at       TIMESTAMPTZ,
    restriction_reason  TEXT        CHECK (restriction_reason IN ('ACCURACY_CONTESTED',
        'UNLAWFUL_PROCESSING', 'LEGAL_CLAIMS', 'OBJECTION_PENDING')),
    -- Art. 16: the subject's supplementary statement, sealed like the identifiers
    statement_sealed    TEXT,
    CONSTRAINT restriction_with_reason CHECK ((restricted_at IS NULL) = (restriction_reason IS NULL)),
    CONSTRAINT erased_subjects_hold_nothing CHECK (erased_at IS NULL OR (statement_sealed IS NULL
        AND phone_sealed IS NULL
        AND phone_index IS NULL AND email_sealed IS NULL AND email_index IS NULL
        AND customer_id_sealed IS NULL AND customer_id_index IS NULL))
);
CREATE UNIQUE INDEX subject_phone_index ON subject (phone_index) WHERE phone_index IS NOT NULL;
CREATE UNIQUE INDEX subject_email_index ON subject (email_index) WHERE email_index IS NOT NULL;
CREATE UNIQUE INDEX subject_customer_id_index ON subject (customer_id_index)
    WHERE customer_id_index IS NOT NULL;

-- One presentation of a published version to a subject. Append-only but for erasure.
CREATE TABLE presentation (
    id                   UUID        PRIMARY KEY,
    subject_ref          UUID        NOT NULL REFERENCES subject (ref),
    notice_id            TEXT        NOT NULL,
    notice_version       INTEGER     NOT NULL,
    -- the hash the presenter sent, and which of the version's hashes it is
    notice_hash          CHAR(64)    NOT NULL CHECK (notice_hash ~ '^[0-9a-f]{64}$'),
    hash_kind            TEXT        NOT NULL CHECK (hash_kind IN ('CONTENT', 'DOCUMENT')),
    language             TEXT        NOT NULL CHECK (length(language) BETWEEN 2 AND 16),
    delivery_mode        TEXT        NOT NULL
        CHECK (delivery_mode IN ('AGENT_READ', 'IVR', 'SMS_LINK', 'EMAIL')),
    presented_at         TIMESTAMPTZ NOT NULL,
    recorded_at          TIMESTAMPTZ NOT NULL,
    recorded_by          TEXT        NOT NULL,
    agent_id             TEXT,
    -- evidence: an opaque recording id (digits, a UUID or hex; never a name) and the offset into it
    recording_id         TEXT        CHECK (recording_id ~ ('^(?:[0-9][0-9._:-]{0,63}'
        || '|[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}'
        || '|[0-9A-Fa-f]{16,64})$')),
    recording_offset_ms  BIGINT      CHECK (recording_offset_ms >= 0),
    CONSTRAINT recording_with_offset CHECK ((recording_id IS NULL) = (recording_offset_ms IS NULL)),
    FOREIGN KEY (notice_id, notice_version) REFERENCES notice_version (notice_id, version)
);
CREATE INDEX presentation_subject ON presentation (subject_ref, presented_at);
-- who heard a version of a notice (the notification list of a material change)
CREATE INDEX presentation_version ON presentation (notice_id, notice_version);
