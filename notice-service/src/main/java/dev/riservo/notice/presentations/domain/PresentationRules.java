package dev.riservo.notice.presentations.domain;

import dev.riservo.notice.catalog.domain.Audience;
import dev.riservo.notice.current.domain.InForce;
import dev.riservo.notice.refusal.domain.Refusal;
import dev.riservo.notice.versions.domain.NoticeVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a presentation must satisfy (DESIGN.md rule 10, "every presentation records the version"),
 * as plain Java. Each refusal is a 422 naming the field.
 *
 * <p><b>In force</b> means: the version {@code current} answers at that instant for that notice in
 * the version's own language (the latest of that language with effectiveFrom at or before the
 * instant; from the exact effectiveFrom instant on). A version scheduled later was not yet in
 * force; one superseded by a later version of its language before the instant was no longer in
 * force: presenting it is a 422, so the record never claims a person was duly told what the call
 * centre no longer said (the agent's script must be refreshed). A version in another language than
 * the one presented is a 422 on {@code language}: a fallback version is presented in its own
 * language.
 */
public final class PresentationRules {

  /** Which of the version's hashes the presenter sent. */
  public enum HashKind {
    /** SHA-256 of the body (every version has one). */
    CONTENT,
    /** SHA-256 of the RFC 8785 canonical document (versions published from drafts). */
    DOCUMENT
  }

  private PresentationRules() {}

  /**
   * When the presentation happened: as sent, or now; not in the future beyond the clock skew, not
   * longer ago than {@code maxAge}.
   */
  public static Instant presentedAt(
      Instant requested, Instant now, Duration skew, Duration maxAge) {
    Instant at = requested == null ? now : requested;
    if (at.isAfter(now.plus(skew))) {
      throw Refusal.breaksARule("presented-in-future", "presentedAt", "must not be in the future");
    }
    if (at.isBefore(now.minus(maxAge))) {
      throw Refusal.breaksARule(
          "presented-too-long-ago",
          "presentedAt",
          "must be within the last " + maxAge.toDays() + " days");
    }
    return at;
  }

  /**
   * The agent a presentation names: an agent records their own (the token's name; another name is
   * refused); a service client names the agent, needed when an agent read the notice.
   */
  public static String agent(
      boolean callerIsAgent, String caller, String requested, DeliveryMode mode) {
    if (callerIsAgent) {
      if (requested != null && !requested.equals(caller)) {
        throw Refusal.breaksARule(
            "agent-mismatch",
            "agentId",
            "must be left out or be your own: agents record their own");
      }
      return caller;
    }
    if (requested == null && mode == DeliveryMode.AGENT_READ) {
      throw Refusal.breaksARule(
          "agent-required", "agentId", "must name the agent who read the notice (AGENT_READ)");
    }
    return requested;
  }

  /** The version the id names among the notice's published versions; 422 if none. */
  public static NoticeVersion version(List<NoticeVersion> versions, String id) {
    return versions.stream()
        .filter(v -> v.id().toString().equals(id))
        .findFirst()
        .orElseThrow(
            () ->
                Refusal.breaksARule(
                    "notice-version-unknown", "notice.id", "names no published notice version"));
  }

  /** A notice to staff is acknowledged, not presented to data subjects. */
  public static void forSubjects(Optional<Audience> audience) {
    if (audience.filter(a -> a == Audience.STAFF).isPresent()) {
      throw Refusal.breaksARule(
          "staff-notice",
          "notice.id",
          "is a notice to staff: staff acknowledge it, it is not presented to data subjects");
    }
  }

  /** Which hash of the version the presenter sent; 422 if it is neither. */
  public static HashKind hashKind(NoticeVersion version, String hash) {
    if (version.contentHash().equals(hash)) {
      return HashKind.CONTENT;
    }
    if (hash.equals(version.documentHash())) {
      return HashKind.DOCUMENT;
    }
    throw Refusal.breaksARule(
        "notice-hash-mismatch",
        "notice.hash",
        "matches neither the contentHash nor the documentHash of " + version.id());
  }

  /** The version was the one in force at {@code at} in its language (see the class comment). */
  public static void inForce(List<NoticeVersion> versions, NoticeVersion version, Instant at) {
    switch (InForce.status(versions, version, at)) {
      case IN_FORCE -> {}
      case SCHEDULED ->
          throw Refusal.breaksARule(
              "notice-not-in-force",
              "notice.id",
              "was not yet in force at presentedAt: it takes effect at " + version.inForceFrom());
      case SUPERSEDED ->
          throw Refusal.breaksARule(
              "notice-not-in-force",
              "notice.id",
              "was no longer in force at presentedAt: a later version of its language had taken"
                  + " effect");
    }
  }

  /** The language presented is the version's own. */
  public static void language(NoticeVersion version, String presented) {
    if (!version.language().equals(presented)) {
      throw Refusal.breaksARule(
          "language-mismatch",
          "language",
          "is not the language of " + version.id() + " (" + version.language() + ")");
    }
  }
}
