-- Rule 8: an agent's dial check decides for now and, allowed, counts as a call. A check about another
-- instant ("what would have been decided") is a supervisor's or the DPO's audit question: kept as
-- such, it never counts toward a frequency cap nor serves as a call's evidence.
ALTER TABLE dial_check ADD COLUMN hypothetical BOOLEAN NOT NULL DEFAULT false;
DROP INDEX dial_check_cap_idx;
CREATE INDEX dial_check_cap_idx ON dial_check (campaign_id, phone_index, decided_for)
    WHERE verdict = 'ALLOW' AND NOT hypothetical;
