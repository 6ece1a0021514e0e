-- A replayed answer keeps its Location header (the receipt a 201 points to).
ALTER TABLE idempotent_request ADD COLUMN location TEXT;
