package dev.riservo.notice.versions.rest;

import dev.riservo.notice.versions.domain.NoticeVersion;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A published version without its text: the publish answer and each entry of the list. */
@Schema(description = "A published notice version, without its text")
public record NoticeVersionSummary(
    @Schema(description = "{noticeId}@{version}: what a presentation records", examples = "tm-it@2")
        String id,
    String noticeId,
    int version,
    String language,
    String title,
    @Schema(description = "Lower-case hex SHA-256 of the content's UTF-8 bytes") String contentHash,
    Instant publishedAt,
    @Schema(description = "Who published it (the DPO's user name)") String publishedBy) {

  static NoticeVersionSummary of(NoticeVersion v) {
    return new NoticeVersionSummary(
        v.id().toString(),
        v.noticeId(),
        v.version(),
        v.language(),
        v.title(),
        v.contentHash(),
        v.publishedAt(),
        v.publishedBy());
  }
}
