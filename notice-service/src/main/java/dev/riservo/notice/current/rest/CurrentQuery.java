package dev.riservo.notice.current.rest;

import dev.riservo.notice.catalog.domain.Channel;
import dev.riservo.notice.content.domain.Languages;
import dev.riservo.problem.ProblemException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * The query parameters of {@code current}, checked (400 naming the parameter); shared by the staff
 * and the public routes ({@link CurrentAnswers} answers them).
 */
final class CurrentQuery {

  /** The earliest and the latest instant anyone may ask about. */
  private static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

  private static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");

  private CurrentQuery() {}

  static String language(String tag) {
    if (tag == null || tag.isEmpty()) {
      throw ProblemException.badRequest("language", "is required (it, en, de-CH, ...)");
    }
    return Languages.canonical(tag)
        .orElseThrow(
            () ->
                ProblemException.badRequest(
                    "language",
                    "is not a supported language: an ISO 639-1 code, optionally with a region"));
  }

  static Channel channel(String channel) {
    if (channel == null) {
      return null;
    }
    try {
      return Channel.valueOf(channel);
    } catch (IllegalArgumentException e) {
      throw ProblemException.badRequest("channel", "must be VERBAL_SCRIPT, IVR_PROMPT or WRITTEN");
    }
  }

  static Instant at(String at, Instant now) {
    if (at == null) {
      return now;
    }
    Instant instant;
    try {
      instant = OffsetDateTime.parse(at).toInstant();
    } catch (DateTimeParseException e) {
      throw ProblemException.badRequest(
          "at", "must be an ISO 8601 instant with its offset, e.g. 2026-03-29T03:00:00+02:00");
    }
    if (instant.isBefore(EARLIEST) || !instant.isBefore(LATEST)) {
      throw ProblemException.badRequest("at", "must lie between the years 2000 and 2199");
    }
    return instant;
  }
}
