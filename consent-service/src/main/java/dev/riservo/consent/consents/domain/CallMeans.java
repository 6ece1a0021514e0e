package dev.riservo.consent.consents.domain;

/**
 * Rule 6: the means of calling a consent covers. Automated calls always need a consent that covers
 * them; a consent that does not say covers calls by a person only.
 */
public enum CallMeans {
  /** Calls made by a person (an agent). */
  PERSON,
  /** Automated calls (no live agent: recorded messages, predictive dialling without an agent). */
  AUTOMATED,
  /** Both. */
  PERSON_AND_AUTOMATED;

  /** Whether a consent for these means covers a call made automatically or by a person. */
  public boolean covers(boolean automated) {
    return this == PERSON_AND_AUTOMATED || (automated ? this == AUTOMATED : this == PERSON);
  }
}
