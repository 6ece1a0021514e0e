package dev.riservo.consent.consents.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * The state of one purpose for one subject at an instant.
 *
 * @param state GIVEN, WITHDRAWN or EXPIRED (a consent given whose expiry has passed)
 * @param since when the deciding event happened
 * @param expiresAt the expiry of the consent in force, if any
 * @param blockedByObjection true if the subject objected to direct marketing and this purpose is
 *     direct marketing: the consent is recorded but may not be acted on
 * @param valid true if processing for this purpose may rely on this consent at that instant
 * @param eventId the deciding event
 * @param receiptId that event's receipt
 */
public record PurposeStatus(
    String purposeCode,
    String state,
    Instant since,
    Instant expiresAt,
    boolean blockedByObjection,
    boolean valid,
    UUID eventId,
    UUID receiptId) {}
