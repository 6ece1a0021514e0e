package dev.riservo.notice.current.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riservo.notice.versions.domain.NoticeVersion;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Rule 10: which version was in force when, at the boundaries. */
class InForceTest {

  private static NoticeVersion v(int n, String language, String effectiveFrom) {
    Instant from = OffsetDateTime.parse(effectiveFrom).toInstant();
    return new NoticeVersion(
        "outbound-call", n, language, "t", "h", from.minusSeconds(3600), "dora", "d", from);
  }

  private static Instant at(String instant) {
    return OffsetDateTime.parse(instant).toInstant();
  }

  private static final NoticeVersion IT1 = v(1, "it", "2026-01-01T00:00:00+01:00");
  private static final NoticeVersion IT2 = v(2, "it", "2026-03-01T00:00:00+01:00");

  @Test
  @DisplayName("rule 10: a version is in force from its exact effectiveFrom instant on")
  void theExactEffectiveFromInstant() {
    List<NoticeVersion> all = List.of(IT1, IT2);
    var before = InForce.at(all, "it", null, at("2026-02-28T23:59:59.999999+01:00")).orElseThrow();
    assertEquals(1, before.version().version());
    assertEquals(IT2.inForceFrom(), before.validUntil());
    var exactly = InForce.at(all, "it", null, at("2026-03-01T00:00:00+01:00")).orElseThrow();
    assertEquals(2, exactly.version().version());
    assertNull(exactly.validUntil());
    assertFalse(exactly.fallback());
    assertTrue(InForce.at(all, "it", null, at("2025-12-31T23:59:59+01:00")).isEmpty());
  }

  @Test
  @DisplayName("rule 10: daylight-saving changes move no boundary (instants, not wall clocks)")
  void daylightSavingChanges() {
    // Europe/Rome springs forward on 2026-03-29 at 02:00 +01:00 (03:00 +02:00 = 01:00Z).
    List<NoticeVersion> spring = List.of(IT1, v(2, "it", "2026-03-29T03:00:00+02:00"));
    assertEquals(
        1,
        InForce.at(spring, "it", null, at("2026-03-29T01:59:59+01:00"))
            .orElseThrow()
            .version()
            .version());
    assertEquals(
        2,
        InForce.at(spring, "it", null, at("2026-03-29T01:00:00Z"))
            .orElseThrow()
            .version()
            .version());
    // It falls back on 2026-10-25: 02:30 happens twice, an hour apart; the second is later.
    List<NoticeVersion> autumn = List.of(IT1, v(2, "it", "2026-10-25T02:30:00+01:00"));
    assertEquals(
        1,
        InForce.at(autumn, "it", null, at("2026-10-25T02:30:00+02:00"))
            .orElseThrow()
            .version()
            .version());
    assertEquals(
        2,
        InForce.at(autumn, "it", null, at("2026-10-25T02:30:00+01:00"))
            .orElseThrow()
            .version()
            .version());
  }

  @Test
  @DisplayName("rule 10: with no version in force in the language asked, the fallback is served")
  void fallbackLanguage() {
    NoticeVersion en = v(3, "en", "2026-04-01T00:00:00Z");
    List<NoticeVersion> all = List.of(IT1, IT2, en);
    var fallback = InForce.at(all, "en", "it", at("2026-03-15T00:00:00Z")).orElseThrow();
    assertEquals(2, fallback.version().version());
    assertTrue(fallback.fallback());
    // the English version takes over on April 1st: the fallback answer is valid until then
    assertEquals(en.inForceFrom(), fallback.validUntil());
    var own = InForce.at(all, "en", "it", at("2026-04-01T00:00:00Z")).orElseThrow();
    assertEquals(3, own.version().version());
    assertFalse(own.fallback());
    // no fallback configured, or a language with nothing at all: nothing in force
    assertTrue(InForce.at(all, "de", null, at("2026-03-15T00:00:00Z")).isEmpty());
    assertTrue(InForce.at(List.of(en), "de", "it", at("2026-05-01T00:00:00Z")).isEmpty());
  }

  @Test
  void statusScheduledInForceSuperseded() {
    List<NoticeVersion> all = List.of(IT1, IT2);
    Instant feb = at("2026-02-01T00:00:00Z");
    assertEquals(InForce.Status.IN_FORCE, InForce.status(all, IT1, feb));
    assertEquals(InForce.Status.SCHEDULED, InForce.status(all, IT2, feb));
    assertEquals(InForce.Status.SUPERSEDED, InForce.status(all, IT1, at("2026-03-02T00:00:00Z")));
  }
}
