-- Writers no longer chain their own entries: a transaction inserts its entries unchained (seq,
-- prev_hash and hash empty) and commits without waiting for any other writer; AuditChainer then
-- chains what has committed, in batches, under the head row's lock. The id orders the unchained
-- entries; seq is the chain order once an entry is chained.
-- (Numbered 1.1 as a library migration: services apply it out of order after their own.)
ALTER TABLE audit_entry DROP CONSTRAINT audit_entry_pkey;
ALTER TABLE audit_entry ADD COLUMN id BIGSERIAL;
ALTER TABLE audit_entry ADD PRIMARY KEY (id);
ALTER TABLE audit_entry ALTER COLUMN seq DROP NOT NULL;
ALTER TABLE audit_entry ALTER COLUMN prev_hash DROP NOT NULL;
ALTER TABLE audit_entry ALTER COLUMN hash DROP NOT NULL;
CREATE UNIQUE INDEX audit_entry_seq_idx ON audit_entry (seq);
CREATE INDEX audit_entry_unchained_idx ON audit_entry (id) WHERE seq IS NULL;
