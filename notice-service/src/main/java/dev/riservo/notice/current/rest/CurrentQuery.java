package dev.riservo.notice.current.rest;

import dev.riservo.notice.catalog.domain.Channel;
import dev.riservo.notice.content.domain.CanonicalJson;
import dev.riservo.notice.content.domain.Languages;
import dev.riservo.notice.current.service.CurrentNotices;
import dev.riservo.notice.current.service.CurrentNotices.Current;
import dev.riservo.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * The query parameters of {@code current}, checked (400 naming the parameter), and the answer with
 * its ETag (a 304 when the caller already holds it). Shared by the staff and the public routes.
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

  static Uni<Response> answer(
      CurrentNotices notices,
      String noticeId,
      String language,
      String channel,
      Instant at,
      String ifNoneMatch,
      boolean publicRead) {
    return notices
        .current(noticeId, language, channel(channel), at)
        .map(current -> respond(current, ifNoneMatch, publicRead));
  }

  private static Response respond(Current current, String ifNoneMatch, boolean publicRead) {
    EntityTag tag = new EntityTag(tag(current, publicRead), true);
    if (ifNoneMatch != null
        && (ifNoneMatch.contains("\"" + tag.getValue() + "\"") || ifNoneMatch.equals("*"))) {
      return Response.notModified(tag).header("Cache-Control", "no-cache").build();
    }
    return Response.ok(CurrentNoticeView.of(current, publicRead))
        .tag(tag)
        .header("Cache-Control", "no-cache")
        .build();
  }

  /** Changes whenever the answer's body would: the version, the language asked, the validity. */
  private static String tag(Current current, boolean publicRead) {
    var v = current.text().version();
    String basis =
        v.id()
            + "|"
            + (v.documentHash() != null ? v.documentHash() : v.contentHash())
            + "|"
            + current.languageRequested()
            + "|"
            + current.fallback()
            + "|"
            + current.validUntil()
            + "|"
            + publicRead;
    return CanonicalJson.sha256(basis).substring(0, 32);
  }
}
