package dev.riservo.notice.versions.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.riservo.notice.content.domain.NoticeDocument;
import dev.riservo.notice.versions.domain.NoticeText;
import dev.riservo.notice.versions.domain.NoticeVersion;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A published version with its full text (and its structured document, if it has one). */
@Schema(description = "A published notice version with its full text")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record NoticeVersionDocument(
    @Schema(description = "{noticeId}@{version}: what a presentation records", examples = "tm-it@2")
        String id,
    String noticeId,
    int version,
    String language,
    String title,
    @Schema(description = "Lower-case hex SHA-256 of the content's UTF-8 bytes") String contentHash,
    @Schema(description = "Hash (hashAlg) of `document`, exactly as given here")
        String documentHash,
    @Schema(examples = "SHA-256/RFC8785") String hashAlg,
    Instant publishedAt,
    Instant effectiveFrom,
    @Schema(description = "Who published it (the DPO's user name); not on public reads")
        String publishedBy,
    @Schema(description = "SHA-256 of the audio file an IVR prompt plays") String audioSha256,
    @Schema(description = "The full text (Markdown body), exactly as published") String content,
    @Schema(
            description = "The structured document in RFC 8785 canonical JSON (hashed as is)",
            implementation = NoticeDocument.class)
        @JsonRawValue
        String document) {

  public static NoticeVersionDocument of(NoticeText text) {
    return of(text, true);
  }

  /** The public form leaves out who published it (a member of staff). */
  public static NoticeVersionDocument ofPublic(NoticeText text) {
    return of(text, false);
  }

  private static NoticeVersionDocument of(NoticeText text, boolean withPublisher) {
    NoticeVersion v = text.version();
    return new NoticeVersionDocument(
        v.id().toString(),
        v.noticeId(),
        v.version(),
        v.language(),
        v.title(),
        v.contentHash(),
        v.documentHash(),
        text.hashAlg(),
        v.publishedAt(),
        v.inForceFrom(),
        withPublisher ? v.publishedBy() : null,
        text.audioSha256(),
        text.content(),
        text.document());
  }
}
