-- Material changes (rule 10, issue 15): the DPO marks a version material when publishing it; that
-- opens a notification campaign listing every subject who heard an earlier version of the notice
-- and must be told, with per-subject evidence of the notification. Adding a column with a constant
-- default rewrites no row: published versions keep every byte (and no UPDATE trigger fires).
ALTER TABLE notice_version ADD COLUMN material BOOLEAN NOT NULL DEFAULT false;

CREATE TABLE notification_campaign (
    id                UUID        PRIMARY KEY,
    notice_id         TEXT        NOT NULL,
    material_version  INTEGER     NOT NULL,
    opened_at         TIMESTAMPTZ NOT NULL,
    opened_by         TEXT        NOT NULL,
    FOREIGN KEY (notice_id, material_version) REFERENCES notice_version (notice_id, version),
    UNIQUE (notice_id, material_version)
);

-- Who must be told: one row per subject, taken when the campaign opens. No personal data in clear:
-- the subject is a reference; the evidence is a channel, a provider's opaque message id and an
-- instant. An erasure deletes the subject's rows.
CREATE TABLE notification_member (
    campaign_id         UUID        NOT NULL REFERENCES notification_campaign (id),
    subject_ref         UUID        NOT NULL REFERENCES subject (ref),
    last_version_heard  INTEGER     NOT NULL,
    last_presented_at   TIMESTAMPTZ NOT NULL,
    notified_at         TIMESTAMPTZ,
    channel             TEXT        CHECK (channel IN ('SMS', 'EMAIL', 'CALL', 'LETTER', 'IVR')),
    message_id          TEXT        CHECK (message_id ~ '^[A-Za-z0-9][A-Za-z0-9._:@<>+=/-]{0,199}$'),
    recorded_by         TEXT,
    PRIMARY KEY (campaign_id, subject_ref),
    CONSTRAINT evidence_whole CHECK ((notified_at IS NULL) = (channel IS NULL)
        AND (notified_at IS NULL) = (recorded_by IS NULL))
);
CREATE INDEX notification_member_subject ON notification_member (subject_ref);
