package dev.riservo.consent.objections.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An objection to direct marketing. Absolute and immediate; only erasure removes the row. */
@Entity
@Table(name = "objection")
public class ObjectionEntity {

  @Id public UUID id;

  @Column(name = "subject_ref", nullable = false)
  public UUID subjectRef;

  @Column(name = "occurred_at", nullable = false)
  public Instant occurredAt;

  @Column(name = "recorded_at", nullable = false)
  public Instant recordedAt;

  @Column(nullable = false)
  public String channel;

  @Column(name = "collector_kind", nullable = false)
  public String collectorKind;

  @Column(name = "collector_id")
  public String collectorId;

  @Column(name = "recording_id")
  public String recordingId;
}
