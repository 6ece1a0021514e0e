package dev.riservo.consent.purposes.repository;

import dev.riservo.consent.purposes.domain.LegalBasis;
import dev.riservo.consent.purposes.domain.Purpose;
import dev.riservo.consent.purposes.domain.PurposeCategory;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

@Entity
@Table(name = "purpose")
public class PurposeEntity {

  @Id public String code;

  @Column(nullable = false)
  public String name;

  @Column(nullable = false)
  public String description;

  @Enumerated(EnumType.STRING)
  @Column(name = "legal_basis", nullable = false)
  public LegalBasis legalBasis;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public PurposeCategory category;

  @Column(name = "retention_days", nullable = false)
  public int retentionDays;

  @Column(name = "prior_consent_required", nullable = false)
  public boolean priorConsentRequired;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "retired_at")
  public Instant retiredAt;

  public Purpose toDomain() {
    return new Purpose(
        code,
        name,
        description,
        legalBasis,
        category,
        retentionDays,
        priorConsentRequired,
        createdAt,
        retiredAt);
  }
}
