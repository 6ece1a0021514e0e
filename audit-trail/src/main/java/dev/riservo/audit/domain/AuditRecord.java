package dev.riservo.audit.domain;

import java.time.Instant;

/** One audit entry as the chain sees it. {@code subjectRef} is a pseudonymous id, never PII. */
public record AuditRecord(
    long seq,
    Instant occurredAt,
    String actor,
    String action,
    String subjectRef,
    String details,
    String prevHash,
    String hash) {}
