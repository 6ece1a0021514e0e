-- A consultation's entries are appended as they are, into a partition of their own (COPY, no
-- upsert, no index to maintain): the register in memory keeps, per number, the newest
-- consultation's answer. Reading one consultation back scans its partition only, and a
-- consultation no longer needed is dropped with its partition.
DROP TABLE rpo_entry;
CREATE TABLE rpo_entry (
    phone_index      TEXT    NOT NULL,
    consultation_id  UUID    NOT NULL,
    consulted_on     DATE    NOT NULL,
    registered       BOOLEAN NOT NULL,
    registered_on    DATE,
    reallowed        BOOLEAN NOT NULL
) PARTITION BY LIST (consultation_id);
