-- A rewrite of the key table keeps every row version that some snapshot may still see, its own
-- snapshot's included, and a snapshot taken while any transaction on the server is running (in any
-- database) may see everything that transaction could not. So the rewrite is tracked by transaction
-- ids: requested_xid is the newest transaction that destroyed a key, completed_xid the first one
-- whose keys the last effective rewrite did not cover; requested_xid >= completed_xid means pending.
ALTER TABLE key_store_vacuum
    ADD COLUMN requested_xid xid8 NOT NULL DEFAULT '0',
    ADD COLUMN completed_xid xid8 NOT NULL DEFAULT '1';
UPDATE key_store_vacuum SET requested_xid = pg_current_xact_id(), completed_xid = '0'
    WHERE requested_at > completed_at;
