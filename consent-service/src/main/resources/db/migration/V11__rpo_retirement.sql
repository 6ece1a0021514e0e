-- A consultation long past its validity serves no call: its entries (its partition of rpo_entry)
-- are dropped and its row stays, RETIRED, with its counts. The evidence of each dial check keeps
-- the register facts it was decided on.
ALTER TABLE rpo_consultation DROP CONSTRAINT rpo_consultation_status_check;
ALTER TABLE rpo_consultation ADD CONSTRAINT rpo_consultation_status_check
    CHECK (status IN ('RUNNING', 'DONE', 'FAILED', 'RETIRED'));
ALTER TABLE rpo_consultation ADD COLUMN retired_at TIMESTAMPTZ;
