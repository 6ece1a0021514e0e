-- A consultation's entries are appended as they are (COPY, no upsert): the register in memory keeps,
-- per number, the newest consultation's answer. A 10-million-line file then costs one COPY instead
-- of a sort and 10 million index updates on a random key.
ALTER TABLE rpo_entry DROP CONSTRAINT rpo_entry_pkey;
