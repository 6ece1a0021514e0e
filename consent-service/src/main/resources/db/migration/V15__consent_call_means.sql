-- Rule 6: a consent says which means of calling it covers: calls by a person, automated calls, or
-- both. Automated calls always need a consent that covers them. Consents recorded before this did not
-- say: they cover calls by a person only (the reading that never lets an automated call through on a
-- consent that was not given for one).
ALTER TABLE consent_event ADD COLUMN call_means TEXT NOT NULL DEFAULT 'PERSON'
    CHECK (call_means IN ('PERSON', 'AUTOMATED', 'PERSON_AND_AUTOMATED'));
