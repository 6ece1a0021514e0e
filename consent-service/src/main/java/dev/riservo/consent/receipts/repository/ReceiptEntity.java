package dev.riservo.consent.receipts.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A signed consent receipt (compact JWS). Its payload holds no personal data in clear. */
@Entity
@Table(name = "receipt")
public class ReceiptEntity {

  @Id public UUID id;

  @Column(name = "consent_event_id", nullable = false)
  public UUID consentEventId;

  @Column(name = "subject_ref", nullable = false)
  public UUID subjectRef;

  @Column(nullable = false)
  public String jws;

  @Column(name = "issued_at", nullable = false)
  public Instant issuedAt;
}
