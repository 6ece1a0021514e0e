package dev.riservo.notice.drafts.domain;

import dev.riservo.notice.content.domain.NoticeContent;
import dev.riservo.notice.content.domain.Section;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A notice version being written, with what it still lacks to be published ({@code missing}, for
 * the notice's audience and channel). Once published, {@code publishedVersion} names the version
 * and the draft never changes again.
 */
public record Draft(
    UUID id,
    String noticeId,
    String language,
    String title,
    NoticeContent content,
    String body,
    String audioSha256,
    int revision,
    Instant createdAt,
    String createdBy,
    Instant updatedAt,
    String updatedBy,
    Integer publishedVersion,
    List<Section> missing) {}
