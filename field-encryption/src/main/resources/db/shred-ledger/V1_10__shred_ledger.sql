-- field-encryption's shred ledger, in the service's own database: every subject whose data key was
-- destroyed (crypto-shredded), so that a key database restored from an older backup is shredded
-- again at start-up. Subject references only: no personal data, no key material.
-- Applied with the service's own migrations (quarkus.flyway.locations=...,db/shred-ledger; needs
-- quarkus.flyway.out-of-order=true where the service's own versions are already past 1.10).
CREATE TABLE shred_ledger (
    subject_ref  TEXT        PRIMARY KEY,
    shredded_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Shredding is for good: a ledger entry is never changed or removed.
CREATE FUNCTION shred_ledger_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the shred ledger is append-only (% refused)', TG_OP;
END;
$$;
CREATE TRIGGER shred_ledger_append_only BEFORE UPDATE OR DELETE ON shred_ledger
    FOR EACH ROW EXECUTE FUNCTION shred_ledger_is_append_only();
