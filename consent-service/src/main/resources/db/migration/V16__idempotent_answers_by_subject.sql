-- Issue 14, item 6: a stored answer to a retried request names the subject it concerns, so that the
-- subject's erasure replaces it (with a 410 problem) instead of leaving their data to be replayed.
ALTER TABLE idempotent_request ADD COLUMN subject_ref UUID;
CREATE INDEX idempotent_request_subject_idx ON idempotent_request (subject_ref)
    WHERE subject_ref IS NOT NULL;
