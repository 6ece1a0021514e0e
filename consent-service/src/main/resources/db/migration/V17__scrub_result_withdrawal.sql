-- Erasure reaches held list-scrub results (issue 14, item 6). Each sealed chunk of result lines
-- carries, line by line, a hint of the number the line holds: the first 8 bytes of the number's
-- blind index (0 for a line that is not a valid number). An erasure finds the chunks holding the
-- erased number by their hints, without unsealing every held result, and rewrites them without it.
-- Chunks written before this migration have no hints (NULL): they are read line by line.
ALTER TABLE list_scrub_chunk ADD COLUMN number_hints BIGINT[];

-- How many lines were taken out of a scrub's result because their person was erased.
ALTER TABLE list_scrub ADD COLUMN withdrawn BIGINT NOT NULL DEFAULT 0;

-- The withdrawals an erasure asked for, one row per hint of the erased number (one per index key
-- version). Written in the erasure's own transaction; passed over until a pass started late
-- enough that no chunk judged before the erasure can still be on its way to the table, then deleted.
CREATE TABLE scrub_withdrawal (
    subject_ref   UUID        NOT NULL,
    hint          BIGINT      NOT NULL,
    requested_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (subject_ref, hint)
);
