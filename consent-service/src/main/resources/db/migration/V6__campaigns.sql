-- Campaigns (rules 7 and 8): the purpose they call for, the caller id they present, whether calls
-- are automated, their calling windows (within the legal hours) and frequency cap. The CLI is the
-- call centre's number, not personal data.
CREATE TABLE campaign (
    id              UUID        PRIMARY KEY,
    name            TEXT        NOT NULL,
    purpose_code    TEXT        NOT NULL REFERENCES purpose (code),
    kind            TEXT        NOT NULL CHECK (kind IN ('COMMERCIAL', 'STATISTICAL_SURVEY')),
    cli             TEXT        NOT NULL,
    automated       BOOLEAN     NOT NULL,
    operator        TEXT        NOT NULL,
    -- day of week -> "09:00-13:00,14:00-20:00" as JSON; the legal hours when empty
    calling_hours   TEXT        NOT NULL,
    cap_calls       INTEGER     NOT NULL CHECK (cap_calls > 0),
    cap_period      TEXT        NOT NULL,
    created_by      TEXT        NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL
);
