package dev.riservo.notice.current.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.riservo.notice.content.domain.CanonicalJson;
import dev.riservo.notice.current.service.CurrentNotices;
import dev.riservo.notice.current.service.CurrentNotices.Current;
import dev.riservo.notice.versions.domain.NoticeVersionId;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;

/**
 * The answers of {@code current}, staff and public: the version in force, with its ETag (a 304 when
 * the caller holds it already). A published version never changes, so each distinct answer is
 * written to JSON once and kept (the version, the language asked, fallback or not, its validity,
 * public or not): a read then costs a lookup in memory, not a serialisation of the whole notice.
 */
@ApplicationScoped
public class CurrentAnswers {

  /** What makes two answers' bodies differ. */
  private record Key(
      NoticeVersionId version,
      String languageRequested,
      boolean fallback,
      Instant validUntil,
      boolean publicRead) {}

  /** An answer written once: its ETag value and its body. */
  private record Rendered(String tag, byte[] body) {}

  private final CurrentNotices notices;
  private final ObjectMapper json;
  private final Cache<Key, Rendered> rendered = Caffeine.newBuilder().maximumSize(10_000).build();

  public CurrentAnswers(CurrentNotices notices, ObjectMapper json) {
    this.notices = notices;
    this.json = json;
  }

  Uni<Response> answer(
      String noticeId,
      String language,
      String channel,
      Instant at,
      String ifNoneMatch,
      boolean publicRead) {
    return notices
        .current(noticeId, language, CurrentQuery.channel(channel), at)
        .map(current -> respond(current, ifNoneMatch, publicRead));
  }

  private Response respond(Current current, String ifNoneMatch, boolean publicRead) {
    Key key =
        new Key(
            current.text().version().id(),
            current.languageRequested(),
            current.fallback(),
            current.validUntil(),
            publicRead);
    Rendered answer = rendered.get(key, k -> render(current, publicRead));
    EntityTag tag = new EntityTag(answer.tag(), true);
    if (ifNoneMatch != null
        && (ifNoneMatch.contains("\"" + answer.tag() + "\"") || ifNoneMatch.equals("*"))) {
      return Response.notModified(tag).header("Cache-Control", "no-cache").build();
    }
    return Response.ok(answer.body(), MediaType.APPLICATION_JSON_TYPE)
        .tag(tag)
        .header("Cache-Control", "no-cache")
        .build();
  }

  private Rendered render(Current current, boolean publicRead) {
    try {
      return new Rendered(
          tag(current, publicRead),
          json.writeValueAsBytes(CurrentNoticeView.of(current, publicRead)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a notice version could not be written", e);
    }
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
