package dev.riservo.consent.purposes.domain;

/** The GDPR Art. 6 basis a purpose rests on. */
public enum LegalBasis {
  CONSENT,
  CONTRACT,
  LEGITIMATE_INTEREST,
  LEGAL_OBLIGATION
}
