package dev.riservo.notice.acknowledgements;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riservo.notice.acknowledgements.domain.Acknowledgement;
import dev.riservo.notice.acknowledgements.domain.AcknowledgementRules;
import dev.riservo.notice.acknowledgements.domain.AcknowledgementRules.Outcome;
import dev.riservo.notice.acknowledgements.domain.PolicyDecision;
import dev.riservo.notice.acknowledgements.domain.Standing;
import dev.riservo.notice.roster.domain.StaffMember;
import dev.riservo.notice.versions.domain.NoticeVersion;
import dev.riservo.notice.versions.domain.NoticeVersionId;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Rule 10: which version staff acknowledge, who has, and the staff policy's decision. */
class AcknowledgementRulesTest {

  static final Instant T = Instant.parse("2026-03-01T09:00:00Z");
  static final String HASH1 = "a".repeat(64);
  static final String HASH2 = "b".repeat(64);
  static final String HASH3 = "c".repeat(64);

  static NoticeVersion version(int n, String language, Instant from, String hash) {
    return new NoticeVersion(
        "staff-policy", n, language, "t", "f".repeat(64), from.minusSeconds(60), "dpo", hash, from);
  }

  static final List<NoticeVersion> VERSIONS =
      List.of(
          version(1, "it", T, HASH1),
          version(2, "it", T.plusSeconds(3600), HASH2),
          version(3, "it", T.plusSeconds(7200), HASH3));

  @Test
  @DisplayName("rule 10: the version in force is acknowledged from its exact effectiveFrom")
  void inForceFromTheExactInstant() {
    Instant at = T.plusSeconds(3600);
    assertEquals(Outcome.ACCEPTED, AcknowledgementRules.check(VERSIONS, 2, HASH2, at));
    assertEquals(
        Outcome.NOT_IN_FORCE, AcknowledgementRules.check(VERSIONS, 2, HASH2, at.minusNanos(1000)));
    assertEquals(
        Outcome.NOT_IN_FORCE, AcknowledgementRules.check(VERSIONS, 1, HASH1, at), "superseded");
    assertEquals(
        Outcome.NOT_IN_FORCE, AcknowledgementRules.check(VERSIONS, 3, HASH3, at), "scheduled");
  }

  @Test
  @DisplayName("rule 10: the hash shown must be the version's, document or content hash")
  void theHashMustMatch() {
    assertEquals(Outcome.HASH_MISMATCH, AcknowledgementRules.check(VERSIONS, 1, HASH2, T));
    assertEquals(Outcome.ACCEPTED, AcknowledgementRules.check(VERSIONS, 1, HASH1.toUpperCase(), T));
    assertEquals(Outcome.ACCEPTED, AcknowledgementRules.check(VERSIONS, 1, "f".repeat(64), T));
    assertEquals(Outcome.HASH_MISMATCH, AcknowledgementRules.check(VERSIONS, 1, null, T));
    assertEquals(Outcome.UNKNOWN_VERSION, AcknowledgementRules.check(VERSIONS, 9, HASH1, T));
  }

  @Test
  void currentVersionsAreOnePerLanguageAndTheNextChangeIsKnown() {
    List<NoticeVersion> withEnglish =
        List.of(VERSIONS.get(0), VERSIONS.get(1), version(4, "en", T, HASH3));
    assertEquals(
        List.of(4, 1),
        AcknowledgementRules.current(withEnglish, T.plusSeconds(1)).stream()
            .map(NoticeVersion::version)
            .toList());
    assertEquals(T.plusSeconds(3600), AcknowledgementRules.nextChange(withEnglish, T));
    assertNull(AcknowledgementRules.nextChange(withEnglish, T.plusSeconds(3600)));
  }

  @Test
  @DisplayName("rule 10: who has not acknowledged the current one is visible, over the roster")
  void standingOverTheRoster() {
    StaffMember ann = new StaffMember("1", "ann");
    StaffMember bob = new StaffMember("2", "bob");
    Acknowledgement byAnn = new Acknowledgement("staff-policy", 1, "1", "ann", HASH1, T);
    Acknowledgement byGone = new Acknowledgement("staff-policy", 1, "9", "gone", HASH1, T);
    Standing s = Standing.of(List.of(ann, bob), List.of(byAnn, byGone));
    assertEquals(List.of(ann), s.done().stream().map(Standing.Entry::member).toList());
    assertEquals(List.of(bob), s.missing().stream().map(Standing.Entry::member).toList());
    assertEquals(2, s.total(), "someone no longer on the roster counts nowhere");
  }

  @Test
  @DisplayName("staff policy: refused until the version in force is acknowledged")
  void thePolicyDecision() {
    NoticeVersionId v1 = new NoticeVersionId("staff-policy", 1);
    NoticeVersionId v2 = new NoticeVersionId("staff-policy", 2);
    PolicyDecision none = PolicyDecision.decide(VERSIONS, List.of(), T);
    assertFalse(none.allowed());
    assertEquals(PolicyDecision.Reason.NOT_ACKNOWLEDGED, none.reason());
    assertEquals(T.plusSeconds(3600), none.validUntil());
    PolicyDecision done = PolicyDecision.decide(VERSIONS, List.of(v1), T);
    assertTrue(done.allowed());
    assertEquals(v1, done.acknowledgedVersion());
    assertFalse(
        PolicyDecision.decide(VERSIONS, List.of(v1), T.plusSeconds(3600)).allowed(),
        "v2 took over");
    assertTrue(PolicyDecision.decide(VERSIONS, List.of(v1, v2), T.plusSeconds(3600)).allowed());
    PolicyDecision nothing = PolicyDecision.decide(List.of(), List.of(), T);
    assertTrue(nothing.allowed());
    assertEquals(PolicyDecision.Reason.NO_VERSION_IN_FORCE, nothing.reason());
    assertTrue(PolicyDecision.notEnforced().allowed());
  }
}
