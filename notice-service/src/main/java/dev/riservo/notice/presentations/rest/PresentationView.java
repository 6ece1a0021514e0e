package dev.riservo.notice.presentations.rest;

import dev.riservo.notice.presentations.domain.Presentation;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A presentation as the API shows it: the subject by reference only, no identifiers. */
@Schema(description = "A recorded presentation")
public record PresentationView(
    UUID id,
    UUID subjectRef,
    NoticeRef notice,
    String language,
    String deliveryMode,
    Instant presentedAt,
    Instant recordedAt,
    String recordedBy,
    String agentId,
    RecordingRef recording) {

  /** The version presented, its hash, and which of its hashes that is. */
  public record NoticeRef(String id, String hash, String hashKind) {}

  public record RecordingRef(String id, long offsetMs) {}

  /** What a person heard (DPO search): none, with a null subjectRef, if nobody was found. */
  public record Heard(UUID subjectRef, List<PresentationView> presentations) {}

  public static PresentationView of(Presentation p) {
    return new PresentationView(
        p.id(),
        p.subjectRef(),
        new NoticeRef(p.noticeVersionId(), p.noticeHash(), p.hashKind().name()),
        p.language(),
        p.deliveryMode().name(),
        p.presentedAt(),
        p.recordedAt(),
        p.recordedBy(),
        p.agentId(),
        p.recordingId() == null ? null : new RecordingRef(p.recordingId(), p.recordingOffsetMs()));
  }
}
