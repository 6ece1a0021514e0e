-- Calls received on a campaign's caller id (rule 7: calls that reach the CLI back can record an
-- objection). The caller's number is kept only as its blind index; the CLI is the operator's own
-- number. An objection heard on such a call is an ordinary objection (channel CALLBACK), in force
-- at once; the call row points to it.
CREATE TABLE inbound_call (
    id            UUID        PRIMARY KEY,
    received_at   TIMESTAMPTZ NOT NULL,
    recorded_at   TIMESTAMPTZ NOT NULL,
    cli           TEXT        NOT NULL,
    campaign_ids  TEXT        NOT NULL,
    caller_index  TEXT,
    objection_id  UUID        REFERENCES objection (id) ON DELETE SET NULL,
    handled_by    TEXT        NOT NULL,
    recording_id  TEXT
);

CREATE INDEX inbound_call_cli_idx ON inbound_call (cli, received_at);
