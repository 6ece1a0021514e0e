package dev.riservo.consent.suppression.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A suppression-list row: a number's blind index, never to be called for marketing. */
@Entity
@Table(name = "suppression")
public class SuppressionEntity {

  @Id
  @Column(name = "phone_index")
  public String phoneIndex;

  @Column(name = "objected_at")
  public Instant objectedAt;

  @Column(nullable = false)
  public String reason;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;
}
