package dev.riservo.consent.purposes.domain;

import java.time.Instant;

/**
 * A processing purpose with its legal basis and retention. Retired purposes take no new consent.
 */
public record Purpose(
    String code,
    String name,
    String description,
    LegalBasis legalBasis,
    PurposeCategory category,
    int retentionDays,
    boolean priorConsentRequired,
    Instant createdAt,
    Instant retiredAt) {

  public boolean retired() {
    return retiredAt != null;
  }
}
