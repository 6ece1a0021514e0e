package dev.riservo.notice.acknowledgements.domain;

import dev.riservo.notice.versions.domain.NoticeVersionId;
import java.time.Instant;

/**
 * A member of staff's acknowledgement of one version of a {@code STAFF} notice: who (the tokens'
 * {@code sub} and username, nothing else), which version, the hash of what they saw, when.
 */
public record Acknowledgement(
    String noticeId,
    int version,
    String subjectId,
    String username,
    String hash,
    Instant acknowledgedAt) {

  public NoticeVersionId versionId() {
    return new NoticeVersionId(noticeId, version);
  }
}
