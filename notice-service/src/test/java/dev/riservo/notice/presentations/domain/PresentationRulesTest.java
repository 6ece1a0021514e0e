package dev.riservo.notice.presentations.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.riservo.notice.catalog.domain.Audience;
import dev.riservo.notice.presentations.domain.PresentationRules.HashKind;
import dev.riservo.notice.refusal.domain.Refusal;
import dev.riservo.notice.versions.domain.NoticeVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Rule 10: what a presentation must satisfy, boundaries spelled out. */
class PresentationRulesTest {

  private static final Instant T1 = Instant.parse("2026-03-29T00:59:59Z");
  private static final Instant T2 = Instant.parse("2026-03-29T01:00:00Z"); // DST change in Italy
  private static final String C1 = "a".repeat(64);
  private static final String D1 = "b".repeat(64);
  private static final NoticeVersion V1 = version(1, "it", T1, D1);
  private static final NoticeVersion V2 = version(2, "it", T2, null);
  private static final NoticeVersion EN = version(3, "en", T2, null);
  private static final List<NoticeVersion> ALL = List.of(V1, V2, EN);

  private static NoticeVersion version(int n, String language, Instant from, String documentHash) {
    return new NoticeVersion(
        "outbound-call",
        n,
        language,
        "t",
        n == 1 ? C1 : "c".repeat(64),
        from.minusSeconds(5),
        "dora",
        documentHash,
        from);
  }

  private static String slug(Runnable r) {
    return assertThrows(Refusal.class, r::run).slug();
  }

  @Nested
  class InForceAtTheInstant {
    @Test
    @DisplayName("a version is in force from its exact effectiveFrom instant on")
    void inForceFromTheExactInstant() {
      PresentationRules.inForce(ALL, V2, T2);
      assertEquals(
          "notice-not-in-force",
          slug(() -> PresentationRules.inForce(ALL, V2, T2.minusNanos(1000))));
    }

    @Test
    @DisplayName(
        "a version superseded before the instant is no longer in force; the instant before, it was")
    void supersededIsNotInForce() {
      PresentationRules.inForce(ALL, V1, T2.minusNanos(1000));
      assertEquals("notice-not-in-force", slug(() -> PresentationRules.inForce(ALL, V1, T2)));
    }

    @Test
    @DisplayName("a later version in another language supersedes nothing")
    void otherLanguagesDoNotSupersede() {
      PresentationRules.inForce(List.of(V1, EN), V1, T2.plusSeconds(3600));
    }
  }

  @Test
  @DisplayName("the hash is the contentHash or the documentHash, else 422 on notice.hash")
  void hashMatchesOneOfTheVersionsHashes() {
    assertEquals(HashKind.CONTENT, PresentationRules.hashKind(V1, C1));
    assertEquals(HashKind.DOCUMENT, PresentationRules.hashKind(V1, D1));
    Refusal r = assertThrows(Refusal.class, () -> PresentationRules.hashKind(V2, D1));
    assertEquals("notice.hash", r.issues().get(0).field());
  }

  @Test
  @DisplayName("presentedAt: now by default; the clock skew ahead at most; maxAge back at most")
  void presentedAtIsBounded() {
    Instant now = Instant.parse("2026-04-01T10:00:00Z");
    Duration skew = Duration.ofMinutes(2);
    Duration age = Duration.ofDays(90);
    assertEquals(now, PresentationRules.presentedAt(null, now, skew, age));
    assertEquals(now.plus(skew), PresentationRules.presentedAt(now.plus(skew), now, skew, age));
    assertEquals(
        "presented-in-future",
        slug(() -> PresentationRules.presentedAt(now.plus(skew).plusMillis(1), now, skew, age)));
    assertEquals(now.minus(age), PresentationRules.presentedAt(now.minus(age), now, skew, age));
    assertEquals(
        "presented-too-long-ago",
        slug(() -> PresentationRules.presentedAt(now.minus(age).minusMillis(1), now, skew, age)));
  }

  @Test
  @DisplayName(
      "agents record their own presentations; a service client names the agent of an AGENT_READ")
  void theAgentIsTheCallerOrNamed() {
    assertEquals("alice", PresentationRules.agent(true, "alice", null, DeliveryMode.AGENT_READ));
    assertEquals("alice", PresentationRules.agent(true, "alice", "alice", DeliveryMode.IVR));
    assertEquals(
        "agent-mismatch",
        slug(() -> PresentationRules.agent(true, "alice", "bob", DeliveryMode.AGENT_READ)));
    assertEquals(
        "agent-required",
        slug(() -> PresentationRules.agent(false, "svc", null, DeliveryMode.AGENT_READ)));
    assertEquals(null, PresentationRules.agent(false, "svc", null, DeliveryMode.IVR));
  }

  @Test
  @DisplayName("a staff notice is acknowledged, not presented; the language is the version's own")
  void staffNoticesAndLanguage() {
    assertEquals(
        "staff-notice", slug(() -> PresentationRules.forSubjects(Optional.of(Audience.STAFF))));
    PresentationRules.forSubjects(Optional.of(Audience.SUBJECTS));
    PresentationRules.forSubjects(Optional.empty());
    PresentationRules.language(V1, "it");
    assertEquals("language-mismatch", slug(() -> PresentationRules.language(V1, "en")));
    assertEquals(
        "notice-version-unknown", slug(() -> PresentationRules.version(ALL, "outbound-call@9")));
  }
}
