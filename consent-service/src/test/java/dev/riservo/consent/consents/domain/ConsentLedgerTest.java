package dev.riservo.consent.consents.domain;

import static dev.riservo.consent.consents.domain.ConsentState.GIVEN;
import static dev.riservo.consent.consents.domain.ConsentState.WITHDRAWN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Unit tests of the derivation of consent state from append-only events (DESIGN.md rules 2-4). */
class ConsentLedgerTest {

  private static final String TELEMARKETING = "telemarketing";
  private static final String PROFILING = "profiling";
  private static final String SERVICE_CALLS = "service-calls";
  private static final Set<String> DIRECT_MARKETING = Set.of(TELEMARKETING, PROFILING);

  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
  private static final Instant T1 = Instant.parse("2026-03-02T10:00:00Z");
  private static final Instant T2 = Instant.parse("2026-03-03T10:00:00Z");
  private static final Instant T3 = Instant.parse("2026-03-04T10:00:00Z");
  private static final Instant T4 = Instant.parse("2026-03-05T10:00:00Z");

  private static ConsentEvent event(
      long seq, String purpose, ConsentState state, Instant occurredAt, Instant expiresAt) {
    return new ConsentEvent(
        UUID.randomUUID(), seq, purpose, state, occurredAt, expiresAt, UUID.randomUUID());
  }

  private static ConsentEvent given(long seq, String purpose, Instant occurredAt) {
    return event(seq, purpose, GIVEN, occurredAt, null);
  }

  private static ConsentEvent withdrawn(long seq, String purpose, Instant occurredAt) {
    return event(seq, purpose, WITHDRAWN, occurredAt, null);
  }

  private static List<PurposeStatus> statusAt(Collection<ConsentEvent> events, Instant at) {
    return ConsentLedger.statusAt(events, DIRECT_MARKETING, List.of(), at);
  }

  private static PurposeStatus only(List<PurposeStatus> statuses) {
    assertEquals(1, statuses.size(), () -> "expected exactly one purpose: " + statuses);
    return statuses.get(0);
  }

  private static void assertDecidedBy(ConsentEvent expected, PurposeStatus status) {
    assertEquals(expected.purposeCode(), status.purposeCode());
    assertEquals(expected.occurredAt(), status.since());
    assertEquals(expected.id(), status.eventId());
    assertEquals(expected.receiptId(), status.receiptId());
  }

  // --- Rule 2: records are append-only, the current state is derived ---------------------------

  /** Rule 2: with no events there is no state to derive. */
  @Test
  void noEventsMeansNoPurposes() {
    assertTrue(statusAt(List.of(), T2).isEmpty());
    assertTrue(ConsentLedger.givenAt(List.of(), T2).isEmpty());
  }

  /** Rule 2: a consent given is GIVEN and valid, decided by its own event and receipt. */
  @Test
  void consentGivenIsGivenAndValid() {
    ConsentEvent given = given(1, SERVICE_CALLS, T0);

    PurposeStatus status = only(statusAt(List.of(given), T1));

    assertEquals("GIVEN", status.state());
    assertTrue(status.valid());
    assertFalse(status.blockedByObjection());
    assertNull(status.expiresAt());
    assertDecidedBy(given, status);
  }

  /** Rule 2 (the {@code ?at=} query): events after the instant are ignored. */
  @Test
  void eventsAfterTheInstantAreIgnored() {
    ConsentEvent given = given(1, SERVICE_CALLS, T0);
    ConsentEvent withdrawn = withdrawn(2, SERVICE_CALLS, T2);
    ConsentEvent later = given(3, PROFILING, T3);

    PurposeStatus status = only(statusAt(List.of(given, withdrawn, later), T1));

    assertEquals("GIVEN", status.state());
    assertTrue(status.valid());
    assertDecidedBy(given, status);
  }

  /** Rule 2 (the {@code ?at=} query): before the first event there is nothing. */
  @Test
  void instantBeforeEveryEventHasNoPurposes() {
    assertTrue(statusAt(List.of(given(1, SERVICE_CALLS, T1)), T0).isEmpty());
  }

  /** Rule 2: of two events at the same instant, the later recorded one ({@code seq}) decides. */
  @Test
  void sameInstantTheLaterSeqDecides() {
    ConsentEvent given = given(7, TELEMARKETING, T1);
    ConsentEvent withdrawn = withdrawn(8, TELEMARKETING, T1);

    PurposeStatus status = only(statusAt(List.of(withdrawn, given), T1));
    assertEquals("WITHDRAWN", status.state());
    assertDecidedBy(withdrawn, status);

    ConsentEvent withdrawnFirst = withdrawn(7, TELEMARKETING, T1);
    ConsentEvent givenAfter = given(8, TELEMARKETING, T1);

    PurposeStatus reversed = only(statusAt(List.of(givenAfter, withdrawnFirst), T1));
    assertEquals("GIVEN", reversed.state());
    assertDecidedBy(givenAfter, reversed);
  }

  /** Rule 2: events are ordered by when they happened, then by seq, not by input order. */
  @Test
  void eventsOutOfOrderAreOrderedByOccurredAtThenSeq() {
    ConsentEvent given = given(1, TELEMARKETING, T0);
    // recorded later (higher seq) but happened earlier: time decides before seq
    ConsentEvent withdrawnLate = withdrawn(9, TELEMARKETING, T1);
    ConsentEvent givenAgain = given(3, TELEMARKETING, T2);
    ConsentEvent withdrawnSameInstant = withdrawn(2, TELEMARKETING, T2);

    List<ConsentEvent> shuffled = List.of(givenAgain, withdrawnLate, withdrawnSameInstant, given);

    PurposeStatus status = only(statusAt(shuffled, T3));
    assertEquals("GIVEN", status.state());
    assertDecidedBy(givenAgain, status);

    PurposeStatus earlier = only(statusAt(shuffled, T1));
    assertEquals("WITHDRAWN", earlier.state());
    assertDecidedBy(withdrawnLate, earlier);
  }

  /** Rule 2: several purposes are derived independently, in order of first appearance. */
  @Test
  void purposesAreReportedIndependentlyInOrderOfFirstAppearance() {
    ConsentEvent serviceGiven = given(1, SERVICE_CALLS, T0);
    ConsentEvent profilingGiven = given(2, PROFILING, T1);
    ConsentEvent telemarketingGiven = given(3, TELEMARKETING, T1);
    ConsentEvent serviceWithdrawn = withdrawn(4, SERVICE_CALLS, T2);
    ConsentEvent profilingExpiring = event(5, PROFILING, GIVEN, T2, T3);

    List<ConsentEvent> events =
        new ArrayList<>(
            List.of(
                profilingExpiring,
                telemarketingGiven,
                serviceWithdrawn,
                profilingGiven,
                serviceGiven));

    List<PurposeStatus> statuses = statusAt(events, T3);

    assertEquals(
        List.of(SERVICE_CALLS, PROFILING, TELEMARKETING),
        statuses.stream().map(PurposeStatus::purposeCode).toList());

    PurposeStatus service = statuses.get(0);
    assertEquals("WITHDRAWN", service.state());
    assertFalse(service.valid());
    assertDecidedBy(serviceWithdrawn, service);

    PurposeStatus profiling = statuses.get(1);
    assertEquals("EXPIRED", profiling.state());
    assertFalse(profiling.valid());
    assertEquals(T3, profiling.expiresAt());
    assertDecidedBy(profilingExpiring, profiling);

    PurposeStatus telemarketing = statuses.get(2);
    assertEquals("GIVEN", telemarketing.state());
    assertTrue(telemarketing.valid());
    assertDecidedBy(telemarketingGiven, telemarketing);
  }

  // --- Rule 3: withdrawal takes effect at once --------------------------------------------------

  /** Rule 3: a consent given and then withdrawn is WITHDRAWN and not valid. */
  @Test
  void givenThenWithdrawnIsWithdrawnAndNotValid() {
    ConsentEvent given = given(1, TELEMARKETING, T0);
    ConsentEvent withdrawn = withdrawn(2, TELEMARKETING, T1);

    PurposeStatus status = only(statusAt(List.of(given, withdrawn), T2));

    assertEquals("WITHDRAWN", status.state());
    assertFalse(status.valid());
    assertFalse(status.blockedByObjection());
    assertNull(status.expiresAt());
    assertDecidedBy(withdrawn, status);
  }

  /** Rule 3: a withdrawal is not forever: consent given again afterwards is GIVEN. */
  @Test
  void withdrawnThenGivenAgainIsGiven() {
    ConsentEvent given = given(1, TELEMARKETING, T0);
    ConsentEvent withdrawn = withdrawn(2, TELEMARKETING, T1);
    ConsentEvent givenAgain = given(3, TELEMARKETING, T2);

    PurposeStatus status = only(statusAt(List.of(given, withdrawn, givenAgain), T3));

    assertEquals("GIVEN", status.state());
    assertTrue(status.valid());
    assertDecidedBy(givenAgain, status);
  }

  /** Rule 3: a withdrawal takes effect at the instant it happened, with no grace period. */
  @Test
  void withdrawalTakesEffectAtTheInstantItHappened() {
    ConsentEvent given = given(1, TELEMARKETING, T0);
    ConsentEvent withdrawn = withdrawn(2, TELEMARKETING, T1);
    List<ConsentEvent> events = List.of(given, withdrawn);

    PurposeStatus atWithdrawal = only(statusAt(events, T1));
    assertEquals("WITHDRAWN", atWithdrawal.state());
    assertFalse(atWithdrawal.valid());
    assertDecidedBy(withdrawn, atWithdrawal);

    PurposeStatus justBefore = only(statusAt(events, T1.minusNanos(1)));
    assertEquals("GIVEN", justBefore.state());
    assertTrue(justBefore.valid());
    assertDecidedBy(given, justBefore);
  }

  /** Rule 3: a withdrawal after expiry is WITHDRAWN, with no expiry in force. */
  @Test
  void withdrawalAfterExpiryIsWithdrawnWithoutExpiry() {
    ConsentEvent given = event(1, TELEMARKETING, GIVEN, T0, T1);
    ConsentEvent withdrawn = event(2, TELEMARKETING, WITHDRAWN, T2, T1);

    PurposeStatus status = only(statusAt(List.of(given, withdrawn), T3));

    assertEquals("WITHDRAWN", status.state());
    assertFalse(status.valid());
    assertNull(status.expiresAt());
    assertDecidedBy(withdrawn, status);
  }

  // --- Rule 2: expiry -----------------------------------------------------------------------

  /** Rule 2: a consent before its expiry is GIVEN and valid, and reports the expiry. */
  @Test
  void consentBeforeItsExpiryIsGivenAndValid() {
    ConsentEvent given = event(1, TELEMARKETING, GIVEN, T0, T2);

    PurposeStatus status = only(statusAt(List.of(given), T2.minusNanos(1)));

    assertEquals("GIVEN", status.state());
    assertTrue(status.valid());
    assertEquals(T2, status.expiresAt());
    assertDecidedBy(given, status);
  }

  /** Rule 2: a consent is EXPIRED from the very instant of its expiry. */
  @Test
  void consentIsExpiredAtTheInstantOfItsExpiry() {
    ConsentEvent given = event(1, TELEMARKETING, GIVEN, T0, T2);

    PurposeStatus status = only(statusAt(List.of(given), T2));

    assertEquals(ConsentLedger.EXPIRED, status.state());
    assertFalse(status.valid());
    assertEquals(T2, status.expiresAt());
    assertDecidedBy(given, status);
  }

  /** Rule 2: a consent past its expiry is EXPIRED and not valid. */
  @Test
  void consentPastItsExpiryIsExpiredAndNotValid() {
    ConsentEvent given = event(1, SERVICE_CALLS, GIVEN, T0, T1);

    PurposeStatus status = only(statusAt(List.of(given), T3));

    assertEquals(ConsentLedger.EXPIRED, status.state());
    assertFalse(status.valid());
    assertFalse(status.blockedByObjection());
    assertEquals(T1, status.expiresAt());
  }

  // --- Rule 4: an objection to direct marketing is absolute -----------------------------------

  /** Rule 4: an objection blocks every direct-marketing purpose; the consent stays recorded. */
  @Test
  void objectionBlocksEveryDirectMarketingPurpose() {
    ConsentEvent telemarketing = given(1, TELEMARKETING, T0);
    ConsentEvent profiling = given(2, PROFILING, T0);

    List<PurposeStatus> statuses =
        ConsentLedger.statusAt(
            List.of(telemarketing, profiling), DIRECT_MARKETING, List.of(T1), T2);

    assertEquals(2, statuses.size());
    for (PurposeStatus status : statuses) {
      assertEquals("GIVEN", status.state(), status.purposeCode());
      assertTrue(status.blockedByObjection(), status.purposeCode());
      assertFalse(status.valid(), status.purposeCode());
    }
    assertDecidedBy(telemarketing, statuses.get(0));
    assertDecidedBy(profiling, statuses.get(1));
  }

  /** Rule 4: an objection takes effect at the instant it was made. */
  @Test
  void objectionTakesEffectAtTheInstantItWasMade() {
    List<ConsentEvent> events = List.of(given(1, TELEMARKETING, T0));

    PurposeStatus atObjection =
        only(ConsentLedger.statusAt(events, DIRECT_MARKETING, List.of(T1), T1));
    assertTrue(atObjection.blockedByObjection());
    assertFalse(atObjection.valid());

    PurposeStatus justBefore =
        only(ConsentLedger.statusAt(events, DIRECT_MARKETING, List.of(T1), T1.minusNanos(1)));
    assertFalse(justBefore.blockedByObjection());
    assertTrue(justBefore.valid());
  }

  /** Rule 4: an objection does not touch a purpose that is not direct marketing. */
  @Test
  void objectionDoesNotTouchANonMarketingPurpose() {
    ConsentEvent service = given(1, SERVICE_CALLS, T0);
    ConsentEvent telemarketing = given(2, TELEMARKETING, T0);

    List<PurposeStatus> statuses =
        ConsentLedger.statusAt(List.of(service, telemarketing), DIRECT_MARKETING, List.of(T1), T2);

    PurposeStatus serviceStatus = statuses.get(0);
    assertEquals(SERVICE_CALLS, serviceStatus.purposeCode());
    assertEquals("GIVEN", serviceStatus.state());
    assertFalse(serviceStatus.blockedByObjection());
    assertTrue(serviceStatus.valid());

    PurposeStatus telemarketingStatus = statuses.get(1);
    assertEquals(TELEMARKETING, telemarketingStatus.purposeCode());
    assertTrue(telemarketingStatus.blockedByObjection());
    assertFalse(telemarketingStatus.valid());
  }

  /** Rule 4 (the {@code ?at=} query): an objection made after the instant does not block. */
  @Test
  void objectionAfterTheInstantDoesNotBlock() {
    ConsentEvent telemarketing = given(1, TELEMARKETING, T0);

    PurposeStatus status =
        only(ConsentLedger.statusAt(List.of(telemarketing), DIRECT_MARKETING, List.of(T2), T1));

    assertEquals("GIVEN", status.state());
    assertFalse(status.blockedByObjection());
    assertTrue(status.valid());
  }

  /** Rule 4: any one objection at or before the instant blocks, whatever came later. */
  @Test
  void anyObjectionAtOrBeforeTheInstantBlocks() {
    ConsentEvent telemarketing = given(1, TELEMARKETING, T0);

    PurposeStatus status =
        only(ConsentLedger.statusAt(List.of(telemarketing), DIRECT_MARKETING, List.of(T4, T1), T2));

    assertTrue(status.blockedByObjection());
    assertFalse(status.valid());
  }

  /** Rule 4: an objection is absolute: it blocks even a consent given after it. */
  @Test
  void objectionBlocksEvenAConsentGivenAfterIt() {
    ConsentEvent withdrawn = withdrawn(1, TELEMARKETING, T0);
    ConsentEvent givenAfterObjection = given(2, TELEMARKETING, T2);

    PurposeStatus status =
        only(
            ConsentLedger.statusAt(
                List.of(withdrawn, givenAfterObjection), DIRECT_MARKETING, List.of(T1), T3));

    assertEquals("GIVEN", status.state());
    assertTrue(status.blockedByObjection());
    assertFalse(status.valid());
    assertDecidedBy(givenAfterObjection, status);
  }

  /** Rule 4: a withdrawn or expired direct-marketing purpose is reported as blocked too. */
  @Test
  void objectionMarksWithdrawnAndExpiredMarketingPurposesBlocked() {
    ConsentEvent telemarketingWithdrawn = withdrawn(1, TELEMARKETING, T0);
    ConsentEvent profilingExpired = event(2, PROFILING, GIVEN, T0, T1);

    List<PurposeStatus> statuses =
        ConsentLedger.statusAt(
            List.of(telemarketingWithdrawn, profilingExpired), DIRECT_MARKETING, List.of(T2), T3);

    assertEquals("WITHDRAWN", statuses.get(0).state());
    assertTrue(statuses.get(0).blockedByObjection());
    assertFalse(statuses.get(0).valid());
    assertEquals(ConsentLedger.EXPIRED, statuses.get(1).state());
    assertTrue(statuses.get(1).blockedByObjection());
    assertFalse(statuses.get(1).valid());
  }

  // --- givenAt: what withdraw-all ends (rule 3) ---------------------------------------------

  /** Rule 3 (one call withdraws everything): only purposes GIVEN at the instant are listed. */
  @Test
  void givenAtListsOnlyGivenPurposesExcludingExpiredAndWithdrawn() {
    List<ConsentEvent> events =
        List.of(
            given(1, SERVICE_CALLS, T0),
            given(2, TELEMARKETING, T0),
            withdrawn(3, TELEMARKETING, T1),
            event(4, PROFILING, GIVEN, T0, T2),
            given(5, "third-party-transfer", T1),
            given(6, "call-recording", T4));

    assertEquals(List.of(SERVICE_CALLS, "third-party-transfer"), ConsentLedger.givenAt(events, T3));
    assertEquals(
        List.of(SERVICE_CALLS, TELEMARKETING, PROFILING),
        ConsentLedger.givenAt(events, T1.minusNanos(1)));
  }

  /** Rule 3: withdraw-all also ends consents blocked by an objection (objections are ignored). */
  @Test
  void givenAtIgnoresObjections() {
    List<ConsentEvent> events = List.of(given(1, TELEMARKETING, T0), given(2, PROFILING, T0));

    List<PurposeStatus> statuses =
        ConsentLedger.statusAt(events, DIRECT_MARKETING, List.of(T1), T2);
    assertTrue(statuses.stream().allMatch(PurposeStatus::blockedByObjection));

    assertEquals(List.of(TELEMARKETING, PROFILING), ConsentLedger.givenAt(events, T2));
  }
}
