-- consent-service: purposes, data subjects, consent records, objections, receipts, suppression.
-- No column holds personal data in clear: identifiers are sealed by field-encryption (per-subject
-- keys in the separate key database) and found through keyed blind indexes.

CREATE TABLE purpose (
    code                    TEXT        PRIMARY KEY CHECK (code ~ '^[a-z0-9][a-z0-9-]{1,63}$'),
    name                    TEXT        NOT NULL,
    description             TEXT        NOT NULL,
    legal_basis             TEXT        NOT NULL CHECK (legal_basis IN
                                ('CONSENT', 'CONTRACT', 'LEGITIMATE_INTEREST', 'LEGAL_OBLIGATION')),
    category                TEXT        NOT NULL CHECK (category IN
                                ('TELEMARKETING', 'PROFILING', 'THIRD_PARTY_TRANSFER', 'CALL_RECORDING', 'SERVICE')),
    retention_days          INTEGER     NOT NULL CHECK (retention_days > 0),
    prior_consent_required  BOOLEAN     NOT NULL,
    created_at              TIMESTAMPTZ NOT NULL,
    retired_at              TIMESTAMPTZ
);

-- A data subject. Identifiers are sealed (phone in E.164, e-mail lower-cased, customer id) and
-- indexed by HMAC; erasure clears them and sets erased_at.
CREATE TABLE subject (
    ref                 UUID        PRIMARY KEY,
    phone_sealed        TEXT,
    phone_index         TEXT,
    email_sealed        TEXT,
    email_index         TEXT,
    customer_id_sealed  TEXT,
    customer_id_index   TEXT,
    created_at          TIMESTAMPTZ NOT NULL,
    erased_at           TIMESTAMPTZ
);
CREATE UNIQUE INDEX subject_phone_index ON subject (phone_index) WHERE phone_index IS NOT NULL;
CREATE UNIQUE INDEX subject_email_index ON subject (email_index) WHERE email_index IS NOT NULL;
CREATE UNIQUE INDEX subject_customer_id_index ON subject (customer_id_index)
    WHERE customer_id_index IS NOT NULL;

-- Consent events (ISO/IEC TS 27560 record fields). Append-only: only erasure deletes rows.
CREATE TABLE consent_event (
    id                   UUID        PRIMARY KEY,
    seq                  BIGSERIAL   NOT NULL UNIQUE,
    subject_ref          UUID        NOT NULL REFERENCES subject (ref),
    purpose_code         TEXT        NOT NULL REFERENCES purpose (code),
    state                TEXT        NOT NULL CHECK (state IN ('GIVEN', 'WITHDRAWN')),
    occurred_at          TIMESTAMPTZ NOT NULL,
    recorded_at          TIMESTAMPTZ NOT NULL,
    channel              TEXT        NOT NULL CHECK (channel IN ('CALL', 'WEB', 'IVR', 'EMAIL', 'SMS')),
    collector_kind       TEXT        NOT NULL CHECK (collector_kind IN ('AGENT', 'SUBJECT')),
    collector_id         TEXT,
    notice_id            TEXT,
    notice_hash          TEXT,
    recording_id         TEXT,
    recording_offset_ms  BIGINT,
    jurisdiction         TEXT        NOT NULL,
    language             TEXT,
    expires_at           TIMESTAMPTZ,
    provenance_source    TEXT        NOT NULL CHECK (provenance_source IN ('OWN_COLLECTION', 'PURCHASED_LIST')),
    provenance_seller    TEXT,
    contract_ends_at     TIMESTAMPTZ,
    receipt_id           UUID        NOT NULL UNIQUE
);
CREATE INDEX consent_event_subject ON consent_event (subject_ref, occurred_at, seq);

-- Signed consent receipts (compact JWS, no personal data in the payload beyond the subject ref).
CREATE TABLE receipt (
    id                UUID        PRIMARY KEY,
    consent_event_id  UUID        NOT NULL UNIQUE REFERENCES consent_event (id),
    subject_ref       UUID        NOT NULL REFERENCES subject (ref),
    jws               TEXT        NOT NULL,
    issued_at         TIMESTAMPTZ NOT NULL
);

-- Objections to direct marketing: absolute, immediate.
CREATE TABLE objection (
    id            UUID        PRIMARY KEY,
    subject_ref   UUID        NOT NULL REFERENCES subject (ref),
    occurred_at   TIMESTAMPTZ NOT NULL,
    recorded_at   TIMESTAMPTZ NOT NULL,
    channel       TEXT        NOT NULL CHECK (channel IN ('CALL', 'CALLBACK', 'WEB', 'IVR', 'EMAIL', 'SMS', 'LETTER')),
    collector_kind TEXT       NOT NULL CHECK (collector_kind IN ('AGENT', 'SUBJECT')),
    collector_id  TEXT,
    recording_id  TEXT
);
CREATE INDEX objection_subject ON objection (subject_ref, occurred_at);

-- Numbers never to be called again for marketing: a keyed hash (blind index) of the phone number and
-- the objection date. Survives erasure of the subject.
CREATE TABLE suppression (
    phone_index   TEXT        PRIMARY KEY,
    objected_at   TIMESTAMPTZ,
    reason        TEXT        NOT NULL CHECK (reason IN ('OBJECTION', 'ERASURE')),
    created_at    TIMESTAMPTZ NOT NULL
);

-- Idempotency-Key: the first answer to a retried write, per caller and key.
CREATE TABLE idempotent_request (
    principal     TEXT        NOT NULL,
    key           TEXT        NOT NULL,
    fingerprint   TEXT        NOT NULL,
    status        INTEGER     NOT NULL,
    body          TEXT        NOT NULL,
    created_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (principal, key)
);
