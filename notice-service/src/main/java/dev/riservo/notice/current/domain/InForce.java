package dev.riservo.notice.current.domain;

import dev.riservo.notice.versions.domain.NoticeVersion;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Which version of a notice is in force at an instant (DESIGN.md rule 10): of the versions in the
 * language asked for, the one with the latest effectiveFrom at or before the instant (a version is
 * in force from its exact effectiveFrom on); if that language has none in force then, the same in
 * the notice's fallback language. Instants, not local times: a daylight-saving change moves no
 * boundary. Plain Java.
 */
public final class InForce {

  /** The version in force, whether it is the fallback language's, and when it stops being so. */
  public record Selection(NoticeVersion version, boolean fallback, Instant validUntil) {}

  private static final Comparator<NoticeVersion> NEWEST =
      Comparator.comparing(NoticeVersion::inForceFrom).thenComparingInt(NoticeVersion::version);

  private InForce() {}

  /**
   * @param versions every published version of one notice
   * @param language the language asked for, canonical
   * @param fallback the notice's fallback language (null: none)
   */
  public static Optional<Selection> at(
      List<NoticeVersion> versions, String language, String fallback, Instant at) {
    Optional<NoticeVersion> own = latest(versions, language, at);
    if (own.isPresent()) {
      return Optional.of(new Selection(own.get(), false, nextAfter(versions, language, at)));
    }
    if (fallback == null || fallback.equals(language)) {
      return Optional.empty();
    }
    return latest(versions, fallback, at)
        .map(
            v ->
                new Selection(
                    v,
                    true,
                    earliest(
                        nextAfter(versions, fallback, at), nextAfter(versions, language, at))));
  }

  private static Optional<NoticeVersion> latest(
      List<NoticeVersion> versions, String language, Instant at) {
    return versions.stream()
        .filter(v -> v.language().equals(language) && !v.inForceFrom().isAfter(at))
        .max(NEWEST);
  }

  /** When the next version in that language takes effect after {@code at} (null: none yet). */
  private static Instant nextAfter(List<NoticeVersion> versions, String language, Instant at) {
    return versions.stream()
        .filter(v -> v.language().equals(language) && v.inForceFrom().isAfter(at))
        .map(NoticeVersion::inForceFrom)
        .min(Comparator.naturalOrder())
        .orElse(null);
  }

  private static Instant earliest(Instant a, Instant b) {
    if (a == null || b == null) {
      return a == null ? b : a;
    }
    return a.isBefore(b) ? a : b;
  }

  /** Where a version stands in its life at an instant. */
  public enum Status {
    SCHEDULED,
    IN_FORCE,
    SUPERSEDED
  }

  /** The status of {@code version} among the notice's {@code versions} at {@code at}. */
  public static Status status(List<NoticeVersion> versions, NoticeVersion version, Instant at) {
    if (version.inForceFrom().isAfter(at)) {
      return Status.SCHEDULED;
    }
    return latest(versions, version.language(), at)
        .filter(v -> Objects.equals(v.id(), version.id()))
        .map(v -> Status.IN_FORCE)
        .orElse(Status.SUPERSEDED);
  }
}
