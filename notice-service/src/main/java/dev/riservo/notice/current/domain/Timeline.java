package dev.riservo.notice.current.domain;

import dev.riservo.notice.catalog.domain.NoticeDefinition;
import dev.riservo.notice.versions.domain.NoticeVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A notice's published versions as read at {@code loadedAt}. Published versions never change, and
 * one published later takes effect at least the propagation delay after its publication, so this
 * answers exactly for any instant before {@code loadedAt}, and for later ones while it is younger
 * than the refresh interval.
 *
 * @param definition null for a notice published before definitions existed
 */
public record Timeline(
    NoticeDefinition definition, List<NoticeVersion> versions, Instant loadedAt) {

  public Timeline {
    versions = List.copyOf(versions);
  }

  /** Whether this answers for {@code at}, asked at {@code now}. */
  public boolean answers(Instant at, Instant now, Duration refresh) {
    return at.isBefore(loadedAt) || now.isBefore(loadedAt.plus(refresh));
  }

  public String fallbackLanguage() {
    return definition == null ? null : definition.fallbackLanguage();
  }
}
