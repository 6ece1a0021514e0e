package dev.riservo.consent.dialcheck.domain;

import dev.riservo.consent.consents.domain.ConsentState;
import dev.riservo.consent.purposes.domain.PurposeCategory;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The pre-dial decision (DESIGN.md rules 2–8): given the facts of one call, every reason it may not
 * be made. Plain Java, no framework types, no clock: the instant is a fact.
 *
 * <ul>
 *   <li>Dates of the register (registration, renewal, consultation) are days in the country's time
 *       zone; an instant is compared with them as the day it falls on there.
 *   <li>A consent given on the same day as the registration (or renewal) cannot be shown to come
 *       after it, so it counts as given before: void since the registration.
 *   <li>A consultation made on day D is valid for calls up to and including day D + 15.
 *   <li>A contract that ended on day E still lets its consents prevail over a registration up to
 *       and including day E + 30.
 * </ul>
 */
public final class DialRules {

  /** Purposes for which the register applies (rule 5): calls for marketing, lists passed on. */
  static final Set<PurposeCategory> REGISTER_APPLIES =
      EnumSet.of(PurposeCategory.TELEMARKETING, PurposeCategory.THIRD_PARTY_TRANSFER);

  private DialRules() {}

  public static DialDecision decide(DialFacts facts, DialPolicy policy) {
    List<Reason> reasons = new ArrayList<>();
    DialFacts.Campaign campaign = facts.campaign();
    DialFacts.NumberFacts number = facts.number();
    DialFacts.Consent consent = facts.consent();
    Instant at = facts.at();
    LocalDate callDay = at.atZone(policy.zone()).toLocalDate();
    // Rule 6: a consent counts for a call only if it covers the call's means (by a person or
    // automated); one given for the other means is no consent to this call, so the reasons that
    // need a consent (unlisted, automated, registered) apply as if there were none.
    boolean consentValid =
        givenAndInForce(consent, at) && consent.means().covers(campaign.automated());

    if (number.objected() && campaign.category().isDirectMarketing()) {
      reasons.add(Reason.OBJECTED);
    }
    if (REGISTER_APPLIES.contains(campaign.category())) {
      register(reasons, number.rpo(), consent, consentValid, campaign.operator(), callDay, policy);
      if (!number.listed() && !consentValid) {
        reasons.add(Reason.UNLISTED_WITHOUT_CONSENT);
      }
    }
    if (campaign.automated() && !consentValid) {
      reasons.add(Reason.AUTOMATED_WITHOUT_CONSENT);
    }

    if (!campaign.cliAllowed()) {
      reasons.add(Reason.CLI_NOT_ALLOWED);
    }
    if (!policy.callingHours().allows(at)) {
      reasons.add(Reason.OUTSIDE_CALLING_HOURS);
    }
    if (facts.allowedCallsInPeriod() >= campaign.frequencyCap()) {
      reasons.add(Reason.FREQUENCY_CAP_REACHED);
    }
    if (consent != null && consent.state() == ConsentState.WITHDRAWN) {
      reasons.add(Reason.CONSENT_WITHDRAWN);
    } else if (consent != null && expired(consent, at)) {
      reasons.add(Reason.CONSENT_EXPIRED);
    }
    return DialDecision.of(reasons);
  }

  /**
   * A list scrub's decision for one number: the dial check's at the scrub's instant, except calling
   * hours (a list is scrubbed ahead of its calls; the dial check judges each call's hour). For a
   * third-party-transfer purpose the number must also hold a valid consent to the transfer (rule
   * 1): there is no other way to pass a contact list on.
   */
  public static DialDecision scrub(DialFacts facts, DialPolicy policy) {
    List<Reason> reasons = new ArrayList<>(decide(facts, policy).reasons());
    reasons.remove(Reason.OUTSIDE_CALLING_HOURS);
    if (facts.campaign().category() == PurposeCategory.THIRD_PARTY_TRANSFER
        && !givenAndInForce(facts.consent(), facts.at())) {
      reasons.add(Reason.TRANSFER_WITHOUT_CONSENT);
    }
    return DialDecision.of(reasons);
  }

  /** Rule 5: a valid consultation, and a registration only a later consent (or exception) beats. */
  private static void register(
      List<Reason> reasons,
      DialFacts.RpoEntry rpo,
      DialFacts.Consent consent,
      boolean consentValid,
      String operator,
      LocalDate callDay,
      DialPolicy policy) {
    if (rpo == null
        || rpo.consultedOn().isAfter(callDay)
        || callDay.isAfter(rpo.consultedOn().plusDays(policy.consultationValidDays()))) {
      reasons.add(Reason.NO_VALID_RPO_CONSULTATION);
    }
    if (rpo == null
        || !rpo.registered()
        || rpo.registeredOn().isAfter(callDay)
        || rpo.reallowedOperators().contains(operator)) {
      return;
    }
    if (!consentValid) {
      reasons.add(Reason.RPO_REGISTERED_WITHOUT_CONSENT);
      return;
    }
    LocalDate consentDay = consent.occurredAt().atZone(policy.zone()).toLocalDate();
    boolean givenAfterRegistration = consentDay.isAfter(rpo.registeredOn());
    if (!givenAfterRegistration && !contractException(consent, callDay, policy)) {
      reasons.add(Reason.CONSENT_BEFORE_RPO_REGISTRATION);
    }
  }

  /** Rule 5's exception: a consent within a running contract, or one ended at most N days ago. */
  private static boolean contractException(
      DialFacts.Consent consent, LocalDate callDay, DialPolicy policy) {
    if (!consent.withinContract()) {
      return false;
    }
    if (consent.contractEndsAt() == null) {
      return true;
    }
    LocalDate ended = consent.contractEndsAt().atZone(policy.zone()).toLocalDate();
    return !callDay.isAfter(ended.plusDays(policy.contractGraceDays()));
  }

  private static boolean givenAndInForce(DialFacts.Consent consent, Instant at) {
    return consent != null
        && consent.state() == ConsentState.GIVEN
        && !consent.occurredAt().isAfter(at)
        && !expired(consent, at);
  }

  private static boolean expired(DialFacts.Consent consent, Instant at) {
    return consent.expiresAt() != null && !at.isBefore(consent.expiresAt());
  }
}
