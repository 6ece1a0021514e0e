package dev.riservo.consent.inbound.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A call received on a campaign's caller id; the caller only as a blind index. */
@Entity
@Table(name = "inbound_call")
public class InboundCallEntity {

  @Id public UUID id;

  @Column(name = "received_at", nullable = false)
  public Instant receivedAt;

  @Column(name = "recorded_at", nullable = false)
  public Instant recordedAt;

  /** The caller id dialled, E.164: the operator's own number. */
  @Column(nullable = false)
  public String cli;

  /** The campaigns presenting that caller id, comma-separated. */
  @Column(name = "campaign_ids", nullable = false)
  public String campaignIds;

  @Column(name = "caller_index")
  public String callerIndex;

  @Column(name = "objection_id")
  public UUID objectionId;

  @Column(name = "handled_by", nullable = false)
  public String handledBy;

  @Column(name = "recording_id")
  public String recordingId;
}
