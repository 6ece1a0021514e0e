-- The shared idempotency module (idempotency/README.md) replaces notice-service's own copy. Its
-- table needs two more things: the subject a stored answer names (sealed under that subject's key,
-- and replaced by a 410 problem when the subject is erased), and an index for the hourly purge of
-- answers past their retention.
ALTER TABLE idempotent_request ADD COLUMN subject_ref UUID;

CREATE INDEX idempotent_request_created ON idempotent_request (created_at);
CREATE INDEX idempotent_request_subject_idx ON idempotent_request (subject_ref)
    WHERE subject_ref IS NOT NULL;
