package dev.riservo.consent.consents.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * One consent event as the derivation needs it: append-only facts, ordered by when they happened
 * and then by the order they were recorded in ({@code seq}).
 */
public record ConsentEvent(
    UUID id,
    long seq,
    String purposeCode,
    ConsentState state,
    Instant occurredAt,
    Instant expiresAt,
    UUID receiptId) {}
