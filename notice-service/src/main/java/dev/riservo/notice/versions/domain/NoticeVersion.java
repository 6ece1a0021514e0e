package dev.riservo.notice.versions.domain;

import java.time.Instant;

/** A published version of a privacy notice, without its text. Immutable once published. */
public record NoticeVersion(
    String noticeId,
    int version,
    String language,
    String title,
    String contentHash,
    Instant publishedAt,
    String publishedBy) {

  public NoticeVersionId id() {
    return new NoticeVersionId(noticeId, version);
  }
}
