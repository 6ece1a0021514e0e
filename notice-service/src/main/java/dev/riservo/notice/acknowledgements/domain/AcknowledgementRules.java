package dev.riservo.notice.acknowledgements.domain;

import dev.riservo.notice.current.domain.InForce;
import dev.riservo.notice.versions.domain.NoticeVersion;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Rule 10, "staff acknowledge internal policy versions; who has not acknowledged the current one is
 * visible". A staff notice's current versions are those in force now, one per language; a member of
 * staff has acknowledged the notice when they acknowledged one of them. Only a version in force now
 * may be acknowledged, with the hash of what was shown (its document hash, or for a plain-text
 * version its content hash). Plain Java.
 */
public final class AcknowledgementRules {

  /** Whether an acknowledgement of a version with a hash may be recorded now, and if not why. */
  public enum Outcome {
    ACCEPTED,
    UNKNOWN_VERSION,
    HASH_MISMATCH,
    NOT_IN_FORCE
  }

  private AcknowledgementRules() {}

  /**
   * @param versions every published version of the notice
   * @param version the version number acknowledged
   * @param hash the hash the member of staff saw
   */
  public static Outcome check(List<NoticeVersion> versions, int version, String hash, Instant now) {
    Optional<NoticeVersion> found = versions.stream().filter(v -> v.version() == version).findAny();
    if (found.isEmpty()) {
      return Outcome.UNKNOWN_VERSION;
    }
    if (!hashMatches(found.get(), hash)) {
      return Outcome.HASH_MISMATCH;
    }
    return InForce.status(versions, found.get(), now) == InForce.Status.IN_FORCE
        ? Outcome.ACCEPTED
        : Outcome.NOT_IN_FORCE;
  }

  /** The hash shown is the version's document hash, or its content hash (any case). */
  public static boolean hashMatches(NoticeVersion version, String hash) {
    return hash != null
        && (hash.equalsIgnoreCase(version.contentHash())
            || (version.documentHash() != null && hash.equalsIgnoreCase(version.documentHash())));
  }

  /** The versions in force now, one per language, ordered by language. */
  public static List<NoticeVersion> current(List<NoticeVersion> versions, Instant now) {
    return versions.stream()
        .filter(v -> InForce.status(versions, v, now) == InForce.Status.IN_FORCE)
        .sorted(Comparator.comparing(NoticeVersion::language))
        .toList();
  }

  /**
   * When the current versions next change (the earliest effectiveFrom of a version scheduled after
   * now), null if none is scheduled: an acknowledgement answers "done" until then.
   */
  public static Instant nextChange(List<NoticeVersion> versions, Instant now) {
    return versions.stream()
        .map(NoticeVersion::inForceFrom)
        .filter(at -> at.isAfter(now))
        .min(Comparator.naturalOrder())
        .orElse(null);
  }
}
