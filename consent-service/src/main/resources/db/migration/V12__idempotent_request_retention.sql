-- Stored answers to Idempotency-Key requests are kept for a retention period
-- (riservo.idempotency.retention, 7 days), then purged in batches by creation time.
CREATE INDEX idempotent_request_created ON idempotent_request (created_at);
