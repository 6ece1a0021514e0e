-- Staff acknowledgements under the internal data-source contract (issue 15: "Presentations and
-- acknowledgements are personal data: notice-service implements the internal contract"). A member
-- of staff who acknowledges becomes a data subject of the subject table like a caller: their
-- Keycloak user id as customer id and, when the token has one, their e-mail, both sealed under the
-- subject's key and blind-indexed (dev.riservo.notice.acknowledgements.service.StaffSubjects). Each
-- acknowledgement names that subject, so the contract's search, export and erasure reach it.
--
-- Rows recorded before this migration keep subject_ref NULL: making a subject needs the key store
-- (sealing, blind indexes), which SQL cannot reach. They stay keyed by subject_id (the Keycloak
-- user id) and the contract still reaches them: export and erasure of a subject take, besides the
-- rows naming it, the rows without a subject whose subject_id is the subject's customer id. A
-- person whose only acknowledgements predate this migration has no subject until they acknowledge
-- again; until then a search does not find them.
ALTER TABLE staff_acknowledgement ADD COLUMN subject_ref uuid REFERENCES subject (ref);

-- The DPO's lists and /internal/staff-policy keep reading by subject_id (its index stays).
CREATE INDEX staff_acknowledgement_by_subject_ref ON staff_acknowledgement (subject_ref)
    WHERE subject_ref IS NOT NULL;

-- What erasure of a member of staff keeps (accountability, GDPR Art. 5(2) and 24: the controller
-- shows that its staff were told the policy): how many acknowledgements of a version were made on a
-- day (UTC), without who made them. Anonymous: no subject id, username, hash or instant.
CREATE TABLE staff_acknowledgement_erased (
    notice_id       text    NOT NULL,
    version         integer NOT NULL,
    acknowledged_on date    NOT NULL,
    acknowledgements integer NOT NULL CHECK (acknowledgements > 0),
    PRIMARY KEY (notice_id, version, acknowledged_on),
    CONSTRAINT staff_acknowledgement_erased_of_a_version
        FOREIGN KEY (notice_id, version) REFERENCES notice_version (notice_id, version)
);
