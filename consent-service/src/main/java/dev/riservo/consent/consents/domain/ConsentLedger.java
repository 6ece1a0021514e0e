package dev.riservo.consent.consents.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Derives the current state from the append-only consent events (DESIGN.md rules 2-4). Plain Java:
 * every branch is unit-tested.
 *
 * <ul>
 *   <li>Only events that happened at or before the instant count; among them, per purpose, the
 *       latest (by time, then by recording order) decides.
 *   <li>A withdrawal takes effect at the instant it happened: there is no grace period.
 *   <li>A consent past its expiry is EXPIRED, not valid.
 *   <li>An objection to direct marketing made at or before the instant blocks every direct
 *       marketing purpose, whatever was consented.
 * </ul>
 */
public final class ConsentLedger {

  public static final String EXPIRED = "EXPIRED";

  private static final Comparator<ConsentEvent> ORDER =
      Comparator.comparing(ConsentEvent::occurredAt).thenComparingLong(ConsentEvent::seq);

  private ConsentLedger() {}

  /**
   * The state of every purpose that has an event at or before {@code at}, in purpose order of first
   * appearance.
   *
   * @param directMarketing codes of the purposes that are direct marketing
   * @param objectedAt instants of the subject's objections to direct marketing
   */
  public static List<PurposeStatus> statusAt(
      Collection<ConsentEvent> events,
      Set<String> directMarketing,
      Collection<Instant> objectedAt,
      Instant at) {
    boolean objected = objectedAt.stream().anyMatch(when -> !when.isAfter(at));
    Map<String, ConsentEvent> deciding = new LinkedHashMap<>();
    events.stream()
        .filter(event -> !event.occurredAt().isAfter(at))
        .sorted(ORDER)
        .forEach(event -> deciding.put(event.purposeCode(), event));
    List<PurposeStatus> statuses = new ArrayList<>(deciding.size());
    for (ConsentEvent event : deciding.values()) {
      statuses.add(status(event, directMarketing.contains(event.purposeCode()) && objected, at));
    }
    return statuses;
  }

  private static PurposeStatus status(ConsentEvent event, boolean blocked, Instant at) {
    String state;
    boolean valid;
    if (event.state() == ConsentState.WITHDRAWN) {
      state = ConsentState.WITHDRAWN.name();
      valid = false;
    } else if (event.expiresAt() != null && !at.isBefore(event.expiresAt())) {
      state = EXPIRED;
      valid = false;
    } else {
      state = ConsentState.GIVEN.name();
      valid = !blocked;
    }
    return new PurposeStatus(
        event.purposeCode(),
        state,
        event.occurredAt(),
        event.state() == ConsentState.GIVEN ? event.expiresAt() : null,
        blocked,
        valid,
        event.id(),
        event.receiptId());
  }

  /**
   * Purposes whose consent is GIVEN at {@code at} (expired ones excluded): what withdraw-all ends.
   */
  public static List<String> givenAt(Collection<ConsentEvent> events, Instant at) {
    return statusAt(events, Set.of(), List.of(), at).stream()
        .filter(status -> status.state().equals(ConsentState.GIVEN.name()))
        .map(PurposeStatus::purposeCode)
        .toList();
  }
}
