package dev.riservo.consent.dialcheck.service;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A dial check kept as evidence. Written once. */
@Entity
@Table(name = "dial_check")
public class DialCheckEntity {

  @Id public UUID id;

  @Column(name = "checked_at", nullable = false)
  public Instant checkedAt;

  @Column(name = "decided_for", nullable = false)
  public Instant decidedFor;

  @Column(name = "campaign_id", nullable = false)
  public UUID campaignId;

  @Column(name = "phone_index", nullable = false)
  public String phoneIndex;

  @Column(name = "checked_by", nullable = false)
  public String checkedBy;

  @Column(nullable = false)
  public String verdict;

  @Column(nullable = false)
  public String reasons;

  @Column(nullable = false)
  public String facts;
}
