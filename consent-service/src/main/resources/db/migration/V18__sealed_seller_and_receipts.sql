-- Issue 14, item 6: free text that can name a person is kept only sealed under the subject's key.
-- A seller's name (provenance of a bought list) goes to provenance_seller sealed; a stored receipt's
-- JWS, whose payload names the seller and the evidence, goes to receipt.jws sealed. Values written
-- before this migration stay readable until the start-up sweep (LegacyClearFields) seals them: the
-- clear seller names wait in provenance_seller_clear, and a clear receipt is told apart by its dots
-- (a compact JWS has two, a sealed value none).
ALTER TABLE consent_event RENAME COLUMN provenance_seller TO provenance_seller_clear;
ALTER TABLE consent_event ADD COLUMN provenance_seller TEXT;

-- What the sweep has left to seal, found without reading the tables (empty once it has run).
CREATE INDEX consent_event_clear_seller_idx ON consent_event (id)
    WHERE provenance_seller_clear IS NOT NULL;
CREATE INDEX receipt_clear_jws_idx ON receipt (id) WHERE strpos(jws, '.') > 0;
