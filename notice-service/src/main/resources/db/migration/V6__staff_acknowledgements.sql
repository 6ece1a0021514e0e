-- Staff acknowledgements of STAFF notices (issue 15, DESIGN.md rule 10: "Staff acknowledge internal
-- policy versions; who has not acknowledged the current one is visible").
-- Who acknowledged is personal data of staff, kept minimal: Keycloak's subject id (the tokens'
-- "sub", stable) and the username at the time; no name, e-mail or address.
CREATE TABLE staff_acknowledgement (
    id              uuid        PRIMARY KEY,
    notice_id       text        NOT NULL,
    version         integer     NOT NULL,
    subject_id      text        NOT NULL CHECK (length(subject_id) BETWEEN 1 AND 255),
    username        text        NOT NULL CHECK (length(username) BETWEEN 1 AND 255),
    -- the hash of what was shown: the version's document hash (or a plain version's content hash)
    hash            text        NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
    acknowledged_at timestamptz NOT NULL,
    CONSTRAINT staff_acknowledgement_of_a_version
        FOREIGN KEY (notice_id, version) REFERENCES notice_version (notice_id, version),
    -- once per person and version: a second acknowledgement answers the first
    CONSTRAINT staff_acknowledgement_once UNIQUE (notice_id, version, subject_id)
);

CREATE INDEX staff_acknowledgement_by_subject ON staff_acknowledgement (subject_id);

-- Evidence is never rewritten: UPDATE is refused whoever sends it. (DELETE stays possible for the
-- internal data-source contract's erasure of a member of staff.)
CREATE FUNCTION staff_acknowledgement_refuse_update() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'staff_acknowledgement rows are immutable'
        USING ERRCODE = 'integrity_constraint_violation';
END;
$$;

CREATE TRIGGER staff_acknowledgement_immutable
    BEFORE UPDATE ON staff_acknowledgement
    FOR EACH ROW EXECUTE FUNCTION staff_acknowledgement_refuse_update();
