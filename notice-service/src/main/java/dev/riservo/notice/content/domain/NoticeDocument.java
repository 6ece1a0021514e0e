package dev.riservo.notice.content.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.riservo.notice.catalog.domain.Audience;
import dev.riservo.notice.catalog.domain.Channel;

/**
 * Everything a version says, as one JSON document: which notice, for whom, how, in which language,
 * the structured content, the text presented and (IVR) the audio's hash. Its RFC 8785 canonical
 * form is what is stored and hashed ({@code documentHash}); absent values are left out.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NoticeDocument(
    String noticeId,
    Audience audience,
    Channel channel,
    String language,
    String title,
    NoticeContent content,
    String body,
    String audioSha256) {

  private static final ObjectMapper JSON =
      new ObjectMapper().setSerializationInclusion(JsonInclude.Include.NON_NULL);

  /** The canonical JSON text of this document. */
  public String canonical() {
    try {
      return CanonicalJson.of(JSON.writeValueAsString(this));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a notice document could not be serialised", e);
    }
  }

  /** The canonical JSON text of structured content alone (a draft's stored form). */
  public static String canonical(NoticeContent content) {
    if (content == null) {
      return "{}";
    }
    try {
      return CanonicalJson.of(JSON.writeValueAsString(content));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("notice content could not be serialised", e);
    }
  }

  /** Structured content stored by {@link #canonical(NoticeContent)}, read back. */
  public static NoticeContent parseContent(String canonical) {
    try {
      return JSON.readValue(canonical, NoticeContent.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored notice content could not be read", e);
    }
  }

  /** The canonical JSON text of a stored document, read back. */
  public static NoticeDocument parse(String canonical) {
    try {
      return JSON.readValue(canonical, NoticeDocument.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored notice document could not be read", e);
    }
  }
}
