-- Rule 7: a campaign's caller id is stored exactly as the supervisor typed it (digits and separators
-- only; anything else is refused), and its E.164 form beside it for matching the calls that reach it
-- back. Campaigns created before kept only the E.164 form: it is both.
ALTER TABLE campaign ADD COLUMN cli_e164 TEXT;
UPDATE campaign SET cli_e164 = cli;
ALTER TABLE campaign ALTER COLUMN cli_e164 SET NOT NULL;
CREATE INDEX campaign_cli_e164_idx ON campaign (cli_e164);
