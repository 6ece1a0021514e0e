package dev.riservo.notice.acknowledgements.domain;

import dev.riservo.notice.versions.domain.NoticeVersion;
import dev.riservo.notice.versions.domain.NoticeVersionId;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * May a member of staff work on calls (dial checks, consent recording) under the staff policy?
 * Allowed when enforcement is off, when no version of the policy is in force, or when they
 * acknowledged a version in force now; refused otherwise ({@code policy-not-acknowledged}). Plain
 * Java.
 *
 * @param validUntil when an allowing answer may change on its own (a later version takes effect);
 *     null if none is scheduled
 */
public record PolicyDecision(
    boolean enforced,
    boolean allowed,
    Reason reason,
    List<NoticeVersionId> currentVersions,
    NoticeVersionId acknowledgedVersion,
    Instant validUntil) {

  /** Why. */
  public enum Reason {
    NOT_ENFORCED,
    NO_VERSION_IN_FORCE,
    ACKNOWLEDGED,
    NOT_ACKNOWLEDGED
  }

  public PolicyDecision {
    currentVersions = List.copyOf(currentVersions);
  }

  public static PolicyDecision notEnforced() {
    return new PolicyDecision(false, true, Reason.NOT_ENFORCED, List.of(), null, null);
  }

  /**
   * @param versions every published version of the policy notice (empty: none, or no such notice)
   * @param acknowledged the versions the member of staff acknowledged
   */
  public static PolicyDecision decide(
      List<NoticeVersion> versions, Collection<NoticeVersionId> acknowledged, Instant now) {
    List<NoticeVersionId> current =
        AcknowledgementRules.current(versions, now).stream().map(NoticeVersion::id).toList();
    Instant next = AcknowledgementRules.nextChange(versions, now);
    if (current.isEmpty()) {
      return new PolicyDecision(true, true, Reason.NO_VERSION_IN_FORCE, current, null, next);
    }
    Set<NoticeVersionId> theirs = Set.copyOf(acknowledged);
    List<NoticeVersionId> done =
        current.stream().filter(theirs::contains).collect(Collectors.toList());
    if (done.isEmpty()) {
      return new PolicyDecision(true, false, Reason.NOT_ACKNOWLEDGED, current, null, next);
    }
    return new PolicyDecision(true, true, Reason.ACKNOWLEDGED, current, done.get(0), next);
  }
}
