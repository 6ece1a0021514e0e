package dev.riservo.consent.dialcheck.domain;

import dev.riservo.consent.consents.domain.CallMeans;
import dev.riservo.consent.consents.domain.ConsentState;
import dev.riservo.consent.purposes.domain.PurposeCategory;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;

/**
 * Everything a dial check decides on, gathered before the decision: plain values, no framework
 * types, so {@link DialRules} can be tested rule by rule.
 *
 * @param at the instant of the call
 * @param campaign the campaign that makes it
 * @param number what is known of the number
 * @param consent the consent for the campaign's purpose that holds at {@code at} (the latest event
 *     at or before it), or null if none was ever recorded
 * @param allowedCallsInPeriod allowed dial checks of this number in the cap's period before {@code
 *     at}
 */
public record DialFacts(
    Instant at, Campaign campaign, NumberFacts number, Consent consent, int allowedCallsInPeriod) {

  /**
   * @param category the category of the campaign's purpose
   * @param automated calls are made by an automated system (no live agent)
   * @param operator the operator (call centre or principal) named in re-allowances
   * @param cliAllowed the campaign's caller id may be presented for this kind of call
   * @param frequencyCap allowed calls to one number per period
   */
  public record Campaign(
      PurposeCategory category,
      boolean automated,
      String operator,
      boolean cliAllowed,
      int frequencyCap) {}

  /**
   * @param objected the person objected to direct marketing at or before the call, or the number is
   *     on the suppression list
   * @param listed the number is in a public directory (unlisted numbers, most mobiles, need prior
   *     consent)
   * @param rpo the number's entry in the latest consultation of the register that covered it, or
   *     null if no consultation covered it
   */
  public record NumberFacts(boolean objected, boolean listed, RpoEntry rpo) {}

  /**
   * A number as a consultation of the Registro Pubblico delle Opposizioni answered it.
   *
   * @param consultedOn the day of the consultation
   * @param registered the number is registered (opposed to telemarketing)
   * @param registeredOn the day of its registration or of its latest renewal
   * @param reallowedOperators operators the subscriber has re-allowed despite the registration
   */
  public record RpoEntry(
      LocalDate consultedOn,
      boolean registered,
      LocalDate registeredOn,
      Set<String> reallowedOperators) {}

  /**
   * The consent event that holds at the call.
   *
   * @param withinContract given within a contract with the person (the RPO exception of rule 5)
   * @param contractEndsAt when that contract ended or ends; null while it runs with no end date
   * @param means the means of calling the consent covers (rule 6)
   */
  public record Consent(
      ConsentState state,
      Instant occurredAt,
      Instant expiresAt,
      boolean withinContract,
      Instant contractEndsAt,
      CallMeans means) {}
}
