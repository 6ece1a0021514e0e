package dev.riservo.consent.consents.domain;

/** Who collected a consent: an agent (identified by the token) or the subject themselves. */
public enum CollectorKind {
  AGENT,
  SUBJECT
}
