package dev.riservo.consent.dialcheck.domain;

/**
 * Why a call may not be made: stable codes, each tied to the rule of DESIGN.md it enforces. A dial
 * check answers every reason that applies, not only the first.
 */
public enum Reason {
  /** Rule 4: the person objected to direct marketing (or is on the suppression list). */
  OBJECTED(4),
  /** Rule 5: the number is registered in the RPO and there is no valid consent given after. */
  RPO_REGISTERED_WITHOUT_CONSENT(5),
  /** Rule 5: the consent was given before the registration (or its latest renewal): void since. */
  CONSENT_BEFORE_RPO_REGISTRATION(5),
  /** Rule 5: no consultation of the RPO covering the number, valid at the call (15 days). */
  NO_VALID_RPO_CONSULTATION(5),
  /** Rule 6: an unlisted number (most mobiles) needs prior consent. */
  UNLISTED_WITHOUT_CONSENT(6),
  /** Rule 6: automated calls always need prior consent, given for automated calls. */
  AUTOMATED_WITHOUT_CONSENT(6),
  /** Rule 7: the campaign's caller id may not be presented for its purpose. */
  CLI_NOT_ALLOWED(7),
  /** Rule 8: outside the calling hours, on a Sunday or on a public holiday. */
  OUTSIDE_CALLING_HOURS(8),
  /** Rule 8: the number has had as many allowed calls in the period as the cap allows. */
  FREQUENCY_CAP_REACHED(8),
  /** Rule 3: the consent for the campaign's purpose was withdrawn. */
  CONSENT_WITHDRAWN(3),
  /** Rule 2: the consent for the campaign's purpose has expired. */
  CONSENT_EXPIRED(2),
  /**
   * Rule 1 (list scrubs only): a contact list is passed on to a third party only for numbers with a
   * valid consent to that transfer; the scrub leaves the others out of its result.
   */
  TRANSFER_WITHOUT_CONSENT(1);

  private final int rule;

  Reason(int rule) {
    this.rule = rule;
  }

  /** The number of the DESIGN.md compliance rule this reason enforces. */
  public int rule() {
    return rule;
  }
}
