package dev.riservo.consent.consents.repository;

import dev.riservo.consent.consents.domain.CallMeans;
import dev.riservo.consent.consents.domain.Channel;
import dev.riservo.consent.consents.domain.CollectorKind;
import dev.riservo.consent.consents.domain.ConsentEvent;
import dev.riservo.consent.consents.domain.ConsentState;
import dev.riservo.consent.consents.domain.ProvenanceSource;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A consent event row (ISO/IEC TS 27560 fields). Inserted once, never updated. */
@Entity
@Table(name = "consent_event")
public class ConsentEventEntity {

  @Id public UUID id;

  /**
   * Recording order, set by the database; read with the history, never fetched back after an insert
   * (a new event needs no order until it is read again).
   */
  @Column(insertable = false, updatable = false)
  public Long seq;

  @Column(name = "subject_ref", nullable = false)
  public UUID subjectRef;

  @Column(name = "purpose_code", nullable = false)
  public String purposeCode;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public ConsentState state;

  @Column(name = "occurred_at", nullable = false)
  public Instant occurredAt;

  @Column(name = "recorded_at", nullable = false)
  public Instant recordedAt;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public Channel channel;

  @Enumerated(EnumType.STRING)
  @Column(name = "collector_kind", nullable = false)
  public CollectorKind collectorKind;

  @Column(name = "collector_id")
  public String collectorId;

  @Column(name = "notice_id")
  public String noticeId;

  @Column(name = "notice_hash")
  public String noticeHash;

  @Column(name = "recording_id")
  public String recordingId;

  @Column(name = "recording_offset_ms")
  public Long recordingOffsetMs;

  @Column(nullable = false)
  public String jurisdiction;

  public String language;

  @Column(name = "expires_at")
  public Instant expiresAt;

  @Enumerated(EnumType.STRING)
  @Column(name = "provenance_source", nullable = false)
  public ProvenanceSource provenanceSource;

  @Column(name = "provenance_seller")
  public String provenanceSeller;

  @Column(name = "within_contract", nullable = false)
  public boolean withinContract;

  @Column(name = "contract_ends_at")
  public Instant contractEndsAt;

  @Column(name = "receipt_id", nullable = false)
  public UUID receiptId;

  /** The means of calling the consent covers (rule 6). */
  @Enumerated(EnumType.STRING)
  @Column(name = "call_means", nullable = false)
  public CallMeans callMeans;

  public ConsentEvent toDomain() {
    return new ConsentEvent(
        id,
        seq == null ? Long.MAX_VALUE : seq,
        purposeCode,
        state,
        occurredAt,
        expiresAt,
        receiptId);
  }
}
