package dev.riservo.audit.domain;

/**
 * The outcome of a walk over the audit trail.
 *
 * @param intact true when every entry links to the one before and the head matches
 * @param entriesChecked how many entries were found intact before the walk stopped
 * @param brokenAt sequence number of the first entry found missing or altered, or null
 * @param finding what was found, in words (no personal data)
 */
public record AuditVerification(
    boolean intact, long entriesChecked, Long brokenAt, String finding) {}
