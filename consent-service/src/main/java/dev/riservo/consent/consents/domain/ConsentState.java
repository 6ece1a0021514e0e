package dev.riservo.consent.consents.domain;

/** What a consent event records. */
public enum ConsentState {
  GIVEN,
  WITHDRAWN
}
