-- Destroyed keys leave the disk, and keys of subjects that were never committed can be swept.

-- When a key was last destroyed (shredded or discarded) and when the key table was last rewritten
-- (VACUUM FULL) after such a time. A destroyed key's old row version stays in the table's file until
-- the rewrite: requested_at > completed_at means a rewrite is pending. One row.
CREATE TABLE key_store_vacuum (
    singleton     BOOLEAN     PRIMARY KEY DEFAULT true CHECK (singleton),
    requested_at  TIMESTAMPTZ NOT NULL,
    completed_at  TIMESTAMPTZ NOT NULL
);
-- Keys destroyed before this migration (UPDATEs that left the old version behind) count as pending.
INSERT INTO key_store_vacuum (requested_at, completed_at)
    SELECT CASE WHEN EXISTS (SELECT 1 FROM data_key WHERE wrapped IS NULL)
                THEN now() ELSE '-infinity' END,
           '-infinity';

-- The orphan-key sweep asks for live keys created in a time window. No index ever covers the
-- wrapped column: an index entry would keep a copy of a destroyed key's bytes.
CREATE INDEX data_key_live_created_at ON data_key (created_at) WHERE wrapped IS NOT NULL;
