-- Issue 15: consents given under a version of a notice that a material change superseded need
-- renewal; they are found by the version they name (noticeId@version), by prefix.
CREATE INDEX consent_event_notice_idx ON consent_event (notice_id text_pattern_ops)
    WHERE notice_id IS NOT NULL;
