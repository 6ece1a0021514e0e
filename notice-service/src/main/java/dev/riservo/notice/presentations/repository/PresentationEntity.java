package dev.riservo.notice.presentations.repository;

import dev.riservo.notice.presentations.domain.DeliveryMode;
import dev.riservo.notice.presentations.domain.Presentation;
import dev.riservo.notice.presentations.domain.PresentationRules.HashKind;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A row of {@code presentation} (V5__presentations.sql): no personal data in clear. */
@Entity
@Table(name = "presentation")
public class PresentationEntity {

  @Id public UUID id;

  @Column(name = "subject_ref", nullable = false)
  public UUID subjectRef;

  @Column(name = "notice_id", nullable = false)
  public String noticeId;

  @Column(name = "notice_version", nullable = false)
  public int noticeVersion;

  @Column(name = "notice_hash", nullable = false)
  public String noticeHash;

  @Enumerated(EnumType.STRING)
  @Column(name = "hash_kind", nullable = false)
  public HashKind hashKind;

  @Column(nullable = false)
  public String language;

  @Enumerated(EnumType.STRING)
  @Column(name = "delivery_mode", nullable = false)
  public DeliveryMode deliveryMode;

  @Column(name = "presented_at", nullable = false)
  public Instant presentedAt;

  @Column(name = "recorded_at", nullable = false)
  public Instant recordedAt;

  @Column(name = "recorded_by", nullable = false)
  public String recordedBy;

  @Column(name = "agent_id")
  public String agentId;

  @Column(name = "recording_id")
  public String recordingId;

  @Column(name = "recording_offset_ms")
  public Long recordingOffsetMs;

  public static PresentationEntity of(Presentation p) {
    PresentationEntity e = new PresentationEntity();
    e.id = p.id();
    e.subjectRef = p.subjectRef();
    int at = p.noticeVersionId().lastIndexOf('@');
    e.noticeId = p.noticeVersionId().substring(0, at);
    e.noticeVersion = Integer.parseInt(p.noticeVersionId().substring(at + 1));
    e.noticeHash = p.noticeHash();
    e.hashKind = p.hashKind();
    e.language = p.language();
    e.deliveryMode = p.deliveryMode();
    e.presentedAt = p.presentedAt();
    e.recordedAt = p.recordedAt();
    e.recordedBy = p.recordedBy();
    e.agentId = p.agentId();
    e.recordingId = p.recordingId();
    e.recordingOffsetMs = p.recordingOffsetMs();
    return e;
  }

  public Presentation toDomain() {
    return new Presentation(
        id,
        subjectRef,
        noticeId + "@" + noticeVersion,
        noticeHash,
        hashKind,
        language,
        deliveryMode,
        presentedAt,
        recordedAt,
        recordedBy,
        agentId,
        recordingId,
        recordingOffsetMs);
  }
}
