-- Every dial check, kept as evidence: what was decided, for which instant, on which data. The
-- number is kept only as its blind index. Allowed checks count toward the campaign's frequency cap.
CREATE TABLE dial_check (
    id            UUID        PRIMARY KEY,
    checked_at    TIMESTAMPTZ NOT NULL,
    decided_for   TIMESTAMPTZ NOT NULL,
    campaign_id   UUID        NOT NULL REFERENCES campaign (id),
    phone_index   TEXT        NOT NULL,
    checked_by    TEXT        NOT NULL,
    verdict       TEXT        NOT NULL CHECK (verdict IN ('ALLOW', 'DENY')),
    reasons       TEXT        NOT NULL,
    facts         TEXT        NOT NULL
);

CREATE INDEX dial_check_cap_idx ON dial_check (campaign_id, phone_index, decided_for)
    WHERE verdict = 'ALLOW';
