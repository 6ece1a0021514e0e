package dev.riservo.notice.versions.domain;

import java.time.Instant;

/**
 * A published version of a privacy notice, without its text. Immutable once published. Versions
 * published from drafts have a {@code documentHash} and an {@code effectiveFrom}; older ones took
 * effect when they were published.
 */
public record NoticeVersion(
    String noticeId,
    int version,
    String language,
    String title,
    String contentHash,
    Instant publishedAt,
    String publishedBy,
    String documentHash,
    Instant effectiveFrom) {

  public NoticeVersionId id() {
    return new NoticeVersionId(noticeId, version);
  }

  /** The instant it takes (or took) effect. */
  public Instant inForceFrom() {
    return effectiveFrom != null ? effectiveFrom : publishedAt;
  }

  /** Published from a draft, with a structured document. */
  public boolean structured() {
    return documentHash != null;
  }
}
