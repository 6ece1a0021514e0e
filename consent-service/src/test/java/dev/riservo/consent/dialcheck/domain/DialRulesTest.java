package dev.riservo.consent.dialcheck.domain;

import static dev.riservo.consent.dialcheck.domain.Reason.AUTOMATED_WITHOUT_CONSENT;
import static dev.riservo.consent.dialcheck.domain.Reason.CLI_NOT_ALLOWED;
import static dev.riservo.consent.dialcheck.domain.Reason.CONSENT_BEFORE_RPO_REGISTRATION;
import static dev.riservo.consent.dialcheck.domain.Reason.CONSENT_EXPIRED;
import static dev.riservo.consent.dialcheck.domain.Reason.CONSENT_WITHDRAWN;
import static dev.riservo.consent.dialcheck.domain.Reason.FREQUENCY_CAP_REACHED;
import static dev.riservo.consent.dialcheck.domain.Reason.NO_VALID_RPO_CONSULTATION;
import static dev.riservo.consent.dialcheck.domain.Reason.OBJECTED;
import static dev.riservo.consent.dialcheck.domain.Reason.OUTSIDE_CALLING_HOURS;
import static dev.riservo.consent.dialcheck.domain.Reason.RPO_REGISTERED_WITHOUT_CONSENT;
import static dev.riservo.consent.dialcheck.domain.Reason.TRANSFER_WITHOUT_CONSENT;
import static dev.riservo.consent.dialcheck.domain.Reason.UNLISTED_WITHOUT_CONSENT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riservo.consent.consents.domain.CallMeans;
import dev.riservo.consent.consents.domain.ConsentState;
import dev.riservo.consent.dialcheck.domain.DialDecision.Verdict;
import dev.riservo.consent.dialcheck.domain.DialFacts.Campaign;
import dev.riservo.consent.dialcheck.domain.DialFacts.Consent;
import dev.riservo.consent.dialcheck.domain.DialFacts.NumberFacts;
import dev.riservo.consent.dialcheck.domain.DialFacts.RpoEntry;
import dev.riservo.consent.purposes.domain.PurposeCategory;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.EnumSource.Mode;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Unit tests of the pre-dial decision (DESIGN.md rules 2–8), rule by rule, and of the list scrub
 * built on it (which drops rule 8's calling hours and adds rule 1 for third-party transfers). Every
 * test starts from a call that is allowed ({@link #baseline()}) and changes only the facts the rule
 * under test looks at, so the expected reasons are exactly those of that rule.
 */
class DialRulesTest {

  private static final ZoneId ROME = ZoneId.of("Europe/Rome");
  private static final DialPolicy ITALY = DialPolicy.italy();

  /** Tuesday 10 March 2026, 11:00 in Rome: an ordinary working day, well within the hours. */
  private static final Instant CALL = rome(2026, 3, 10, 11, 0);

  private static final LocalDate CALL_DAY = LocalDate.of(2026, 3, 10);

  /** The baseline consultation of the register: five days before the call. */
  private static final LocalDate CONSULTED = LocalDate.of(2026, 3, 5);

  /** The registration used by the register tests: well before the call. */
  private static final LocalDate REGISTERED_ON = LocalDate.of(2025, 6, 1);

  // ---------------------------------------------------------------------------------------------
  // Fixture
  // ---------------------------------------------------------------------------------------------

  /** An instant given as a local time in Rome, so that the tests read as the rules do. */
  private static Instant rome(int year, int month, int day, int hour, int minute) {
    return ZonedDateTime.of(year, month, day, hour, minute, 0, 0, ROME).toInstant();
  }

  /** Midday in Rome on the given day. */
  private static Instant noon(int year, int month, int day) {
    return rome(year, month, day, 12, 0);
  }

  /**
   * The baseline call: ALLOW with no reasons. A manual TELEMARKETING call by operator "op-1", with
   * its caller id allowed, a cap of 3 and no call so far, to a listed, not objected number that a
   * consultation of 2026-03-05 found not registered; no consent on record.
   */
  private static Call baseline() {
    return new Call();
  }

  /** The baseline moved to another instant, with a consultation made the day before that call. */
  private static Call callAt(Instant at) {
    LocalDate day = at.atZone(ROME).toLocalDate();
    return baseline().at(at).withRpo(notRegistered(day.minusDays(1)));
  }

  private static RpoEntry notRegistered(LocalDate consultedOn) {
    return new RpoEntry(consultedOn, false, null, Set.of());
  }

  private static RpoEntry registered(LocalDate registeredOn, String... reallowedOperators) {
    return new RpoEntry(CONSULTED, true, registeredOn, Set.of(reallowedOperators));
  }

  /** A consent to calls by a person and automated calls (rule 6's means tested on their own). */
  private static Consent given(Instant occurredAt) {
    return givenFor(CallMeans.PERSON_AND_AUTOMATED, occurredAt);
  }

  private static Consent givenFor(CallMeans means, Instant occurredAt) {
    return new Consent(ConsentState.GIVEN, occurredAt, null, false, null, means);
  }

  private static Consent givenUntil(Instant occurredAt, Instant expiresAt) {
    return new Consent(
        ConsentState.GIVEN, occurredAt, expiresAt, false, null, CallMeans.PERSON_AND_AUTOMATED);
  }

  private static Consent givenWithinContract(Instant occurredAt, Instant contractEndsAt) {
    return new Consent(
        ConsentState.GIVEN, occurredAt, null, true, contractEndsAt, CallMeans.PERSON_AND_AUTOMATED);
  }

  private static Consent withdrawn(Instant occurredAt) {
    return new Consent(
        ConsentState.WITHDRAWN, occurredAt, null, false, null, CallMeans.PERSON_AND_AUTOMATED);
  }

  /** A builder of {@link DialFacts}: the baseline, changed one fact at a time. */
  private static final class Call {
    private Instant at = CALL;
    private PurposeCategory category = PurposeCategory.TELEMARKETING;
    private boolean automated = false;
    private String operator = "op-1";
    private boolean cliAllowed = true;
    private int frequencyCap = 3;
    private int allowedCallsInPeriod = 0;
    private boolean objected = false;
    private boolean listed = true;
    private RpoEntry rpo = notRegistered(CONSULTED);
    private Consent consent = null;

    Call at(Instant at) {
      this.at = at;
      return this;
    }

    Call withCategory(PurposeCategory category) {
      this.category = category;
      return this;
    }

    Call withAutomated() {
      this.automated = true;
      return this;
    }

    Call withCliNotAllowed() {
      this.cliAllowed = false;
      return this;
    }

    Call withFrequencyCap(int frequencyCap) {
      this.frequencyCap = frequencyCap;
      return this;
    }

    Call withAllowedCallsInPeriod(int allowedCallsInPeriod) {
      this.allowedCallsInPeriod = allowedCallsInPeriod;
      return this;
    }

    Call withObjected() {
      this.objected = true;
      return this;
    }

    Call withUnlisted() {
      this.listed = false;
      return this;
    }

    Call withRpo(RpoEntry rpo) {
      this.rpo = rpo;
      return this;
    }

    Call withConsent(Consent consent) {
      this.consent = consent;
      return this;
    }

    DialFacts facts() {
      return new DialFacts(
          at,
          new Campaign(category, automated, operator, cliAllowed, frequencyCap),
          new NumberFacts(objected, listed, rpo),
          consent,
          allowedCallsInPeriod);
    }

    DialDecision decide() {
      return DialRules.decide(facts(), ITALY);
    }

    /** The same facts judged as one number of a list scrub at the instant. */
    DialDecision scrub() {
      return DialRules.scrub(facts(), ITALY);
    }
  }

  private static void assertAllowed(Call call) {
    assertAllow(call.decide());
  }

  private static void assertDenied(Call call, Reason... expected) {
    assertDeny(call.decide(), expected);
  }

  private static void assertScrubAllowed(Call call) {
    assertAllow(call.scrub());
  }

  private static void assertScrubDenied(Call call, Reason... expected) {
    assertDeny(call.scrub(), expected);
  }

  private static void assertAllow(DialDecision decision) {
    assertEquals(List.of(), decision.reasons(), "reasons");
    assertEquals(Verdict.ALLOW, decision.verdict());
    assertTrue(decision.allowed());
  }

  private static void assertDeny(DialDecision decision, Reason... expected) {
    assertEquals(List.of(expected), decision.reasons(), "reasons");
    assertEquals(Verdict.DENY, decision.verdict());
    assertFalse(decision.allowed());
  }

  // ---------------------------------------------------------------------------------------------
  // Baseline
  // ---------------------------------------------------------------------------------------------

  @Test
  @DisplayName(
      "baseline: a manual telemarketing call on a Tuesday morning, number clear, is allowed")
  void baselineIsAllowed() {
    DialDecision decision = baseline().decide();

    assertEquals(Verdict.ALLOW, decision.verdict());
    assertEquals(List.of(), decision.reasons());
  }

  // ---------------------------------------------------------------------------------------------
  // Rule 4: objection
  // ---------------------------------------------------------------------------------------------

  @Nested
  @DisplayName("rule 4: objection to direct marketing")
  class Objection {

    @Test
    @DisplayName("rule 4: an objected number may not be called for telemarketing")
    void objectedTelemarketing() {
      assertDenied(baseline().withObjected(), OBJECTED);
    }

    @Test
    @DisplayName("rule 4: an objection also stops a third-party-transfer campaign")
    void objectedThirdPartyTransfer() {
      assertDenied(
          baseline().withObjected().withCategory(PurposeCategory.THIRD_PARTY_TRANSFER), OBJECTED);
    }

    @Test
    @DisplayName("rule 4: an objection also stops profiling for marketing")
    void objectedProfiling() {
      assertDenied(baseline().withObjected().withCategory(PurposeCategory.PROFILING), OBJECTED);
    }

    @ParameterizedTest(name = "rule 4: an objection does not stop a {0} call")
    @EnumSource(
        value = PurposeCategory.class,
        names = {"SERVICE", "CALL_RECORDING"})
    @DisplayName("rule 4: an objection does not stop a call that is not direct marketing")
    void objectedNotDirectMarketing(PurposeCategory category) {
      assertAllowed(baseline().withObjected().withCategory(category));
    }

    @Test
    @DisplayName("rule 4: an objection blocks even with a valid consent")
    void objectionBeatsConsent() {
      assertDenied(baseline().withObjected().withConsent(given(noon(2026, 1, 15))), OBJECTED);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Rule 5: the Registro Pubblico delle Opposizioni
  // ---------------------------------------------------------------------------------------------

  @Nested
  @DisplayName("rule 5: registered in the RPO")
  class RpoRegistration {

    @Test
    @DisplayName("rule 5: a registered number without consent may not be called")
    void registeredWithoutConsent() {
      assertDenied(baseline().withRpo(registered(REGISTERED_ON)), RPO_REGISTERED_WITHOUT_CONSENT);
    }

    @Test
    @DisplayName("rule 5: the register also applies to third-party-transfer campaigns")
    void registeredThirdPartyTransfer() {
      assertDenied(
          baseline()
              .withCategory(PurposeCategory.THIRD_PARTY_TRANSFER)
              .withRpo(registered(REGISTERED_ON)),
          RPO_REGISTERED_WITHOUT_CONSENT);
    }

    @Test
    @DisplayName("rule 5: the register does not apply to a service call")
    void registeredService() {
      assertAllowed(
          baseline().withCategory(PurposeCategory.SERVICE).withRpo(registered(REGISTERED_ON)));
    }

    @Test
    @DisplayName(
        "rule 5 + rule 3: registered with a withdrawn consent gives the register reason, then"
            + " CONSENT_WITHDRAWN")
    void registeredWithWithdrawnConsent() {
      assertDenied(
          baseline().withRpo(registered(REGISTERED_ON)).withConsent(withdrawn(noon(2025, 9, 1))),
          RPO_REGISTERED_WITHOUT_CONSENT,
          CONSENT_WITHDRAWN);
    }

    @Test
    @DisplayName(
        "rule 5 + rule 2: registered with an expired consent gives the register reason, then"
            + " CONSENT_EXPIRED")
    void registeredWithExpiredConsent() {
      assertDenied(
          baseline()
              .withRpo(registered(REGISTERED_ON))
              .withConsent(givenUntil(noon(2025, 9, 1), noon(2026, 3, 1))),
          RPO_REGISTERED_WITHOUT_CONSENT,
          CONSENT_EXPIRED);
    }

    @Test
    @DisplayName("rule 5: a consent given after the registration allows the call")
    void consentAfterRegistration() {
      assertAllowed(
          baseline().withRpo(registered(REGISTERED_ON)).withConsent(given(noon(2025, 7, 1))));
    }

    @Test
    @DisplayName("rule 5: a consent given before the registration is void since")
    void consentBeforeRegistration() {
      assertDenied(
          baseline().withRpo(registered(REGISTERED_ON)).withConsent(given(noon(2025, 1, 10))),
          CONSENT_BEFORE_RPO_REGISTRATION);
    }

    @Test
    @DisplayName("rule 5: a consent given on the same day as the registration counts as before")
    void consentOnRegistrationDay() {
      assertDenied(
          baseline().withRpo(registered(REGISTERED_ON)).withConsent(given(rome(2025, 6, 1, 18, 0))),
          CONSENT_BEFORE_RPO_REGISTRATION);
    }

    @Test
    @DisplayName(
        "rule 5: the consent's day is its day in Rome: 23:30Z the evening before is the"
            + " registration day")
    void consentDayIsTheDayInRome() {
      // 2025-05-31T22:30Z is 2025-06-01 00:30 in Rome (CEST): the day of the registration.
      assertDenied(
          baseline()
              .withRpo(registered(REGISTERED_ON))
              .withConsent(given(Instant.parse("2025-05-31T22:30:00Z"))),
          CONSENT_BEFORE_RPO_REGISTRATION);
      // 2025-06-01T22:30Z is 2025-06-02 00:30 in Rome: the day after.
      assertAllowed(
          baseline()
              .withRpo(registered(REGISTERED_ON))
              .withConsent(given(Instant.parse("2025-06-01T22:30:00Z"))));
    }

    @Test
    @DisplayName("rule 5: a renewal of the registration voids a consent given before the renewal")
    void renewalVoidsEarlierConsent() {
      // Registered on 2024-01-01, consent on 2025-03-01, renewed on 2025-09-01: registeredOn is
      // the latest renewal, so the consent now comes before it.
      assertDenied(
          baseline()
              .withRpo(registered(LocalDate.of(2025, 9, 1)))
              .withConsent(given(noon(2025, 3, 1))),
          CONSENT_BEFORE_RPO_REGISTRATION);
    }

    @Test
    @DisplayName("rule 5: a registration dated after the call day does not apply yet")
    void registrationAfterCallDay() {
      assertAllowed(baseline().withRpo(registered(CALL_DAY.plusDays(1))));
    }

    @Test
    @DisplayName(
        "rule 5: a past call checked against a later consultation: no valid consultation, but the"
            + " later registration is not held against it")
    void pastCallWithLaterRegistration() {
      RpoEntry laterConsultation =
          new RpoEntry(LocalDate.of(2026, 3, 20), true, LocalDate.of(2026, 3, 15), Set.of());
      assertDenied(baseline().withRpo(laterConsultation), NO_VALID_RPO_CONSULTATION);
    }

    @Test
    @DisplayName("rule 5: a registration on the call day applies")
    void registrationOnCallDay() {
      assertDenied(baseline().withRpo(registered(CALL_DAY)), RPO_REGISTERED_WITHOUT_CONSENT);
    }
  }

  @Nested
  @DisplayName("rule 5: the contract exception")
  class ContractException {

    private final Instant consentBeforeRegistration = noon(2025, 1, 10);

    private Call withContractEndingAt(Instant contractEndsAt) {
      return baseline()
          .withRpo(registered(REGISTERED_ON))
          .withConsent(givenWithinContract(consentBeforeRegistration, contractEndsAt));
    }

    @Test
    @DisplayName("rule 5: a consent within a running contract prevails over a later registration")
    void runningContract() {
      assertAllowed(withContractEndingAt(null));
    }

    @Test
    @DisplayName("rule 5: a contract ending after the call still prevails")
    void contractEndingLater() {
      assertAllowed(withContractEndingAt(noon(2027, 1, 1)));
    }

    @Test
    @DisplayName("rule 5: a contract that ended 29 days before the call still prevails")
    void contractEnded29DaysAgo() {
      assertAllowed(withContractEndingAt(noon(2026, 2, 9)));
    }

    @Test
    @DisplayName("rule 5: a contract that ended exactly 30 days before the call still prevails")
    void contractEnded30DaysAgo() {
      assertAllowed(withContractEndingAt(noon(2026, 2, 8)));
    }

    @Test
    @DisplayName("rule 5: a contract that ended 31 days before the call no longer prevails")
    void contractEnded31DaysAgo() {
      assertDenied(withContractEndingAt(noon(2026, 2, 7)), CONSENT_BEFORE_RPO_REGISTRATION);
    }

    @Test
    @DisplayName("rule 5: the contract's end is a day in Rome (23:30Z on 7 Feb is 8 Feb, 30 days)")
    void contractEndIsTheDayInRome() {
      assertAllowed(withContractEndingAt(Instant.parse("2026-02-07T23:30:00Z")));
    }

    @Test
    @DisplayName("rule 5: a consent outside a contract gets no exception")
    void noContract() {
      assertDenied(
          baseline()
              .withRpo(registered(REGISTERED_ON))
              .withConsent(given(consentBeforeRegistration)),
          CONSENT_BEFORE_RPO_REGISTRATION);
    }
  }

  @Nested
  @DisplayName("rule 5: re-allowance of an operator")
  class ReAllowance {

    @Test
    @DisplayName("rule 5: a number that re-allowed the campaign's operator may be called")
    void reallowedOperator() {
      assertAllowed(
          baseline()
              .withRpo(registered(REGISTERED_ON, "op-1"))
              .withConsent(given(noon(2025, 1, 10))));
    }

    @Test
    @DisplayName(
        "rule 5: a re-allowance of the operator lifts the registration even with no consent")
    void reallowedOperatorWithoutConsent() {
      assertAllowed(baseline().withRpo(registered(REGISTERED_ON, "op-1", "op-3")));
    }

    @Test
    @DisplayName("rule 5: a re-allowance of another operator does not help")
    void reallowedOtherOperator() {
      assertDenied(
          baseline()
              .withRpo(registered(REGISTERED_ON, "op-2"))
              .withConsent(given(noon(2025, 1, 10))),
          CONSENT_BEFORE_RPO_REGISTRATION);
    }
  }

  @Nested
  @DisplayName("rule 5: a valid consultation of the RPO")
  class Consultation {

    @Test
    @DisplayName("rule 5: no consultation covering the number")
    void noConsultation() {
      assertDenied(baseline().withRpo(null), NO_VALID_RPO_CONSULTATION);
    }

    @Test
    @DisplayName("rule 5: no consultation also stops a third-party-transfer campaign")
    void noConsultationThirdPartyTransfer() {
      assertDenied(
          baseline().withCategory(PurposeCategory.THIRD_PARTY_TRANSFER).withRpo(null),
          NO_VALID_RPO_CONSULTATION);
    }

    @Test
    @DisplayName("rule 5: a consultation 16 days before the call day has lapsed")
    void consultation16DaysOld() {
      assertDenied(
          baseline().withRpo(notRegistered(CALL_DAY.minusDays(16))), NO_VALID_RPO_CONSULTATION);
    }

    @Test
    @DisplayName("rule 5: a consultation exactly 15 days before the call day is still valid")
    void consultation15DaysOld() {
      assertAllowed(baseline().withRpo(notRegistered(CALL_DAY.minusDays(15))));
    }

    @Test
    @DisplayName("rule 5: a consultation on the call day is valid")
    void consultationOnCallDay() {
      assertAllowed(baseline().withRpo(notRegistered(CALL_DAY)));
    }

    @Test
    @DisplayName("rule 5: a consultation dated after the call day does not cover it")
    void consultationAfterCallDay() {
      assertDenied(
          baseline().withRpo(notRegistered(CALL_DAY.plusDays(1))), NO_VALID_RPO_CONSULTATION);
    }

    @Test
    @DisplayName("rule 5: a stale consultation that found the number registered gives both reasons")
    void staleAndRegistered() {
      RpoEntry stale = new RpoEntry(CALL_DAY.minusDays(16), true, REGISTERED_ON, Set.of());
      assertDenied(
          baseline().withRpo(stale), NO_VALID_RPO_CONSULTATION, RPO_REGISTERED_WITHOUT_CONSENT);
    }

    @ParameterizedTest(name = "rule 5: no consultation is needed for a {0} call")
    @EnumSource(
        value = PurposeCategory.class,
        names = {"SERVICE", "PROFILING", "CALL_RECORDING"})
    @DisplayName("rule 5: the consultation is not required outside the register's purposes")
    void noConsultationNeeded(PurposeCategory category) {
      assertAllowed(baseline().withCategory(category).withRpo(null));
      assertAllowed(
          baseline().withCategory(category).withRpo(notRegistered(CALL_DAY.minusDays(16))));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Rule 6: prior consent for unlisted numbers and automated calls
  // ---------------------------------------------------------------------------------------------

  @Nested
  @DisplayName("rule 6: prior consent")
  class PriorConsent {

    @Test
    @DisplayName("rule 6: an unlisted number without consent may not be called")
    void unlistedWithoutConsent() {
      assertDenied(baseline().withUnlisted(), UNLISTED_WITHOUT_CONSENT);
    }

    @Test
    @DisplayName("rule 6: an unlisted number with a valid consent may be called")
    void unlistedWithConsent() {
      assertAllowed(baseline().withUnlisted().withConsent(given(noon(2026, 1, 15))));
    }

    @Test
    @DisplayName("rule 6 + rule 2: an expired consent does not count for an unlisted number")
    void unlistedWithExpiredConsent() {
      assertDenied(
          baseline().withUnlisted().withConsent(givenUntil(noon(2025, 1, 15), noon(2026, 1, 15))),
          UNLISTED_WITHOUT_CONSENT,
          CONSENT_EXPIRED);
    }

    @Test
    @DisplayName("rule 6: an unlisted number needs no consent for a service call")
    void unlistedService() {
      assertAllowed(baseline().withUnlisted().withCategory(PurposeCategory.SERVICE));
    }

    @Test
    @DisplayName("rule 6: an automated call without consent may not be made")
    void automatedWithoutConsent() {
      assertDenied(baseline().withAutomated(), AUTOMATED_WITHOUT_CONSENT);
    }

    @Test
    @DisplayName("rule 6: an automated service call also needs consent")
    void automatedServiceWithoutConsent() {
      assertDenied(
          baseline().withAutomated().withCategory(PurposeCategory.SERVICE),
          AUTOMATED_WITHOUT_CONSENT);
    }

    @Test
    @DisplayName("rule 6: an automated call with a valid consent may be made")
    void automatedWithConsent() {
      assertAllowed(baseline().withAutomated().withConsent(given(noon(2026, 1, 15))));
    }

    @Test
    @DisplayName("rule 6: a consent recorded after the call instant does not count")
    void consentAfterTheCall() {
      assertDenied(
          baseline().withAutomated().withConsent(given(CALL.plusSeconds(1))),
          AUTOMATED_WITHOUT_CONSENT);
    }

    @Test
    @DisplayName(
        "rule 6: an automated call on a consent given for calls by a person only may not be made")
    void automatedOnAConsentForCallsByAPerson() {
      assertDenied(
          baseline().withAutomated().withConsent(givenFor(CallMeans.PERSON, noon(2026, 1, 15))),
          AUTOMATED_WITHOUT_CONSENT);
    }

    @Test
    @DisplayName("rule 6: an automated call on a consent to automated calls may be made")
    void automatedOnAConsentForAutomatedCalls() {
      assertAllowed(
          baseline().withAutomated().withConsent(givenFor(CallMeans.AUTOMATED, noon(2026, 1, 15))));
    }

    @Test
    @DisplayName(
        "rule 6: a consent to automated calls only is no consent to a person's call to an unlisted"
            + " number")
    void personsCallOnAConsentForAutomatedCallsOnly() {
      assertDenied(
          baseline().withUnlisted().withConsent(givenFor(CallMeans.AUTOMATED, noon(2026, 1, 15))),
          UNLISTED_WITHOUT_CONSENT);
      assertAllowed(
          baseline().withUnlisted().withConsent(givenFor(CallMeans.PERSON, noon(2026, 1, 15))));
      // A listed number needs no consent for a person's call: one for other means stops nothing.
      assertAllowed(baseline().withConsent(givenFor(CallMeans.AUTOMATED, noon(2026, 1, 15))));
    }

    @Test
    @DisplayName(
        "rule 5 + rule 6: a registered number's person call needs a consent covering calls by a"
            + " person")
    void registeredNumberNeedsAConsentForTheCallsMeans() {
      assertDenied(
          baseline()
              .withRpo(registered(REGISTERED_ON))
              .withConsent(givenFor(CallMeans.AUTOMATED, noon(2026, 1, 15))),
          RPO_REGISTERED_WITHOUT_CONSENT);
    }

    @Test
    @DisplayName("rule 6: an automated call to an unlisted number without consent gives both")
    void automatedAndUnlisted() {
      assertDenied(
          baseline().withAutomated().withUnlisted(),
          UNLISTED_WITHOUT_CONSENT,
          AUTOMATED_WITHOUT_CONSENT);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Rule 7: caller id
  // ---------------------------------------------------------------------------------------------

  @Nested
  @DisplayName("rule 7: caller id")
  class CallerId {

    @Test
    @DisplayName("rule 7: a campaign whose caller id may not be presented may not call")
    void cliNotAllowed() {
      assertDenied(baseline().withCliNotAllowed(), CLI_NOT_ALLOWED);
    }

    @Test
    @DisplayName("rule 7: the caller id rule applies to service calls too")
    void cliNotAllowedService() {
      assertDenied(
          baseline().withCliNotAllowed().withCategory(PurposeCategory.SERVICE), CLI_NOT_ALLOWED);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Rule 8: calling hours and frequency cap
  // ---------------------------------------------------------------------------------------------

  @Nested
  @DisplayName("rule 8: calling hours")
  class Hours {

    @Test
    @DisplayName("rule 8: 08:59 on a weekday is too early")
    void weekdayTooEarly() {
      assertDenied(callAt(rome(2026, 3, 10, 8, 59)), OUTSIDE_CALLING_HOURS);
    }

    @Test
    @DisplayName("rule 8: 09:00 on a weekday is allowed (window start included)")
    void weekdayStart() {
      assertAllowed(callAt(rome(2026, 3, 10, 9, 0)));
    }

    @Test
    @DisplayName("rule 8: 19:59 on a weekday is allowed")
    void weekdayLastMinute() {
      assertAllowed(callAt(rome(2026, 3, 10, 19, 59)));
    }

    @Test
    @DisplayName("rule 8: 20:00 on a weekday is too late (window end excluded)")
    void weekdayEnd() {
      assertDenied(callAt(rome(2026, 3, 10, 20, 0)), OUTSIDE_CALLING_HOURS);
    }

    @Test
    @DisplayName("rule 8: Saturday 10:00 is allowed")
    void saturdayStart() {
      assertAllowed(callAt(rome(2026, 3, 14, 10, 0)));
    }

    @Test
    @DisplayName("rule 8: Saturday 09:30 is too early (weekday hours do not apply)")
    void saturdayTooEarly() {
      assertDenied(callAt(rome(2026, 3, 14, 9, 30)), OUTSIDE_CALLING_HOURS);
    }

    @Test
    @DisplayName("rule 8: Saturday 18:59 is allowed")
    void saturdayLastMinute() {
      assertAllowed(callAt(rome(2026, 3, 14, 18, 59)));
    }

    @Test
    @DisplayName("rule 8: Saturday 19:00 is too late")
    void saturdayEnd() {
      assertDenied(callAt(rome(2026, 3, 14, 19, 0)), OUTSIDE_CALLING_HOURS);
    }

    @ParameterizedTest(name = "rule 8: Sunday 15 March 2026 at {0}:00 is refused")
    @ValueSource(ints = {0, 9, 10, 11, 15, 19})
    @DisplayName("rule 8: no call on a Sunday at any hour")
    void sunday(int hour) {
      assertDenied(callAt(rome(2026, 3, 15, hour, 0)), OUTSIDE_CALLING_HOURS);
    }

    @ParameterizedTest(name = "rule 8: public holiday {0} at 11:00 is refused")
    @ValueSource(
        strings = {
          "2026-01-01", // Thursday, Capodanno
          "2026-01-06", // Tuesday, Epifania
          "2026-04-06", // Monday, Easter Monday
          "2026-05-01", // Friday, Festa del Lavoro
          "2026-06-02", // Tuesday, Festa della Repubblica
          "2026-08-15", // Saturday, Ferragosto
          "2026-12-08", // Tuesday, Immacolata
          "2026-12-25", // Friday, Natale
          "2026-12-26" // Saturday, Santo Stefano
        })
    @DisplayName("rule 8: no call on a public holiday falling on a working day")
    void publicHoliday(String date) {
      LocalDate day = LocalDate.parse(date);
      Instant at = ZonedDateTime.of(day.atTime(11, 0), ROME).toInstant();
      assertDenied(callAt(at), OUTSIDE_CALLING_HOURS);
    }

    @Test
    @DisplayName("rule 8: Easter Tuesday (2026-04-07) is an ordinary working day")
    void easterTuesday() {
      assertAllowed(callAt(rome(2026, 4, 7, 11, 0)));
    }

    @Test
    @DisplayName("rule 8: Monday 2026-03-30 07:30Z is 09:30 in Rome (CEST): allowed")
    void afterSpringForward() {
      assertAllowed(callAt(Instant.parse("2026-03-30T07:30:00Z")));
    }

    @Test
    @DisplayName("rule 8: Monday 2026-03-23 07:30Z is 08:30 in Rome (CET): too early")
    void beforeSpringForward() {
      assertDenied(callAt(Instant.parse("2026-03-23T07:30:00Z")), OUTSIDE_CALLING_HOURS);
    }

    @Test
    @DisplayName("rule 8: Monday 2026-10-26 19:30Z is 20:30 in Rome (CET): too late")
    void afterFallBack() {
      assertDenied(callAt(Instant.parse("2026-10-26T19:30:00Z")), OUTSIDE_CALLING_HOURS);
    }

    @Test
    @DisplayName("rule 8: Friday 2026-10-23 17:30Z is 19:30 in Rome (CEST): allowed")
    void beforeFallBack() {
      assertAllowed(callAt(Instant.parse("2026-10-23T17:30:00Z")));
    }
  }

  @Nested
  @DisplayName("rule 8: frequency cap")
  class FrequencyCap {

    @Test
    @DisplayName("rule 8: as many allowed calls as the cap: refused")
    void capReached() {
      assertDenied(
          baseline().withFrequencyCap(3).withAllowedCallsInPeriod(3), FREQUENCY_CAP_REACHED);
    }

    @Test
    @DisplayName("rule 8: more allowed calls than the cap: refused")
    void capExceeded() {
      assertDenied(
          baseline().withFrequencyCap(3).withAllowedCallsInPeriod(4), FREQUENCY_CAP_REACHED);
    }

    @Test
    @DisplayName("rule 8: one call below the cap: allowed")
    void belowCap() {
      assertAllowed(baseline().withFrequencyCap(3).withAllowedCallsInPeriod(2));
    }

    @Test
    @DisplayName("rule 8: the cap applies to service calls too")
    void capService() {
      assertDenied(
          baseline().withCategory(PurposeCategory.SERVICE).withAllowedCallsInPeriod(3),
          FREQUENCY_CAP_REACHED);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Rules 2 and 3: the consent's own state
  // ---------------------------------------------------------------------------------------------

  @Nested
  @DisplayName("rules 2 and 3: the consent's state")
  class ConsentStateRules {

    @Test
    @DisplayName("rule 3: a withdrawn consent stops calls for the purpose")
    void withdrawnConsent() {
      assertDenied(baseline().withConsent(withdrawn(noon(2026, 2, 1))), CONSENT_WITHDRAWN);
    }

    @Test
    @DisplayName("rule 3: a withdrawn consent also stops an automated call, with both reasons")
    void withdrawnConsentAutomated() {
      assertDenied(
          baseline().withAutomated().withConsent(withdrawn(noon(2026, 2, 1))),
          AUTOMATED_WITHOUT_CONSENT,
          CONSENT_WITHDRAWN);
    }

    @Test
    @DisplayName("rule 2: a consent that expired before the call")
    void expiredConsent() {
      assertDenied(
          baseline().withConsent(givenUntil(noon(2025, 1, 15), noon(2026, 1, 15))),
          CONSENT_EXPIRED);
    }

    @Test
    @DisplayName("rule 2: a consent expiring exactly at the call instant counts as expired")
    void expiresAtTheCall() {
      assertDenied(baseline().withConsent(givenUntil(noon(2025, 1, 15), CALL)), CONSENT_EXPIRED);
    }

    @Test
    @DisplayName("rule 2: a consent expiring one second after the call is still in force")
    void expiresJustAfterTheCall() {
      assertAllowed(
          baseline()
              .withAutomated()
              .withConsent(givenUntil(noon(2025, 1, 15), CALL.plusSeconds(1))));
    }

    @Test
    @DisplayName("rule 2: a consent expiring exactly at the call does not count as consent")
    void expiresAtTheCallAutomated() {
      assertDenied(
          baseline().withAutomated().withConsent(givenUntil(noon(2025, 1, 15), CALL)),
          AUTOMATED_WITHOUT_CONSENT,
          CONSENT_EXPIRED);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Several reasons at once, and coverage of every reason
  // ---------------------------------------------------------------------------------------------

  @Test
  @DisplayName(
      "rules 4, 5, 6, 8: a Sunday automated call to an objected, registered number without"
          + " consent lists every applicable reason")
  void severalReasons() {
    assertDenied(
        baseline()
            .at(rome(2026, 3, 8, 11, 0))
            .withObjected()
            .withRpo(registered(REGISTERED_ON))
            .withAutomated(),
        OBJECTED,
        RPO_REGISTERED_WITHOUT_CONSENT,
        AUTOMATED_WITHOUT_CONSENT,
        OUTSIDE_CALLING_HOURS);
  }

  /**
   * A Sunday-night automated telemarketing call with every fact wrong: objected, unlisted, found
   * registered by a stale consultation, caller id not allowed, cap reached, consent withdrawn.
   */
  private static Call everythingWrongCall() {
    RpoEntry staleRegistered =
        new RpoEntry(LocalDate.of(2026, 2, 1), true, REGISTERED_ON, Set.of());
    return baseline()
        .at(rome(2026, 3, 8, 22, 0))
        .withObjected()
        .withUnlisted()
        .withRpo(staleRegistered)
        .withAutomated()
        .withCliNotAllowed()
        .withAllowedCallsInPeriod(3)
        .withConsent(withdrawn(noon(2026, 2, 1)));
  }

  @Test
  @DisplayName("rules 2–8: everything wrong at once gives every reason, in the stable order")
  void everythingWrong() {
    assertDenied(
        everythingWrongCall(),
        OBJECTED,
        NO_VALID_RPO_CONSULTATION,
        RPO_REGISTERED_WITHOUT_CONSENT,
        UNLISTED_WITHOUT_CONSENT,
        AUTOMATED_WITHOUT_CONSENT,
        CLI_NOT_ALLOWED,
        OUTSIDE_CALLING_HOURS,
        FREQUENCY_CAP_REACHED,
        CONSENT_WITHDRAWN);
  }

  /**
   * One dial-check scenario per reason, named after it; the reason must be among those it produces.
   * TRANSFER_WITHOUT_CONSENT has none: it is scrub-only ({@link DialRules#decide} never produces
   * it) and is covered by {@link Scrub}.
   */
  private static Map<Reason, Call> scenarioPerReason() {
    Map<Reason, Call> scenarios = new LinkedHashMap<>();
    scenarios.put(OBJECTED, baseline().withObjected());
    scenarios.put(RPO_REGISTERED_WITHOUT_CONSENT, baseline().withRpo(registered(REGISTERED_ON)));
    scenarios.put(
        CONSENT_BEFORE_RPO_REGISTRATION,
        baseline().withRpo(registered(REGISTERED_ON)).withConsent(given(noon(2025, 1, 10))));
    scenarios.put(NO_VALID_RPO_CONSULTATION, baseline().withRpo(null));
    scenarios.put(UNLISTED_WITHOUT_CONSENT, baseline().withUnlisted());
    scenarios.put(AUTOMATED_WITHOUT_CONSENT, baseline().withAutomated());
    scenarios.put(CLI_NOT_ALLOWED, baseline().withCliNotAllowed());
    scenarios.put(OUTSIDE_CALLING_HOURS, callAt(rome(2026, 3, 15, 11, 0)));
    scenarios.put(FREQUENCY_CAP_REACHED, baseline().withAllowedCallsInPeriod(3));
    scenarios.put(CONSENT_WITHDRAWN, baseline().withConsent(withdrawn(noon(2026, 2, 1))));
    scenarios.put(CONSENT_EXPIRED, baseline().withConsent(givenUntil(noon(2025, 1, 15), CALL)));
    return scenarios;
  }

  // TRANSFER_WITHOUT_CONSENT is excluded: it is scrub-only (decide never produces it), so it has no
  // dial-check scenario; the scrub tests (Scrub) cover it.
  @ParameterizedTest(name = "{0} is produced, alone, by its scenario")
  @EnumSource(
      value = Reason.class,
      names = {"TRANSFER_WITHOUT_CONSENT"},
      mode = Mode.EXCLUDE)
  @DisplayName("every dial-check reason code is produced, alone, by its own scenario")
  void everyReasonIsProduced(Reason reason) {
    Call scenario = scenarioPerReason().get(reason);
    assertTrue(scenario != null, () -> "no scenario for " + reason);
    assertDenied(scenario, reason);
  }

  @Test
  @DisplayName(
      "the scenarios together cover every Reason constant but the scrub-only"
          + " TRANSFER_WITHOUT_CONSENT")
  void scenariosCoverAllReasons() {
    Set<Reason> produced = EnumSet.noneOf(Reason.class);
    for (Call scenario : scenarioPerReason().values()) {
      produced.addAll(scenario.decide().reasons());
    }
    // TRANSFER_WITHOUT_CONSENT is scrub-only (decide never produces it): covered by Scrub.
    assertEquals(EnumSet.complementOf(EnumSet.of(TRANSFER_WITHOUT_CONSENT)), produced);
  }

  @Test
  @DisplayName(
      "rule 1: the dial check never gives TRANSFER_WITHOUT_CONSENT: a third-party-transfer call"
          + " without consent to a listed, unregistered number is allowed")
  void decideNeverGivesTransferWithoutConsent() {
    assertAllowed(baseline().withCategory(PurposeCategory.THIRD_PARTY_TRANSFER));
    // Nor alongside other reasons: every dial-check scenario, as a third-party transfer.
    for (Map.Entry<Reason, Call> scenario : scenarioPerReason().entrySet()) {
      List<Reason> reasons =
          scenario.getValue().withCategory(PurposeCategory.THIRD_PARTY_TRANSFER).decide().reasons();
      assertFalse(reasons.contains(TRANSFER_WITHOUT_CONSENT), () -> scenario.getKey().name());
    }
  }

  @Test
  @DisplayName("each reason names the DESIGN.md rule it enforces")
  void reasonRules() {
    Map<Reason, Integer> expected = new LinkedHashMap<>();
    expected.put(OBJECTED, 4);
    expected.put(RPO_REGISTERED_WITHOUT_CONSENT, 5);
    expected.put(CONSENT_BEFORE_RPO_REGISTRATION, 5);
    expected.put(NO_VALID_RPO_CONSULTATION, 5);
    expected.put(UNLISTED_WITHOUT_CONSENT, 6);
    expected.put(AUTOMATED_WITHOUT_CONSENT, 6);
    expected.put(CLI_NOT_ALLOWED, 7);
    expected.put(OUTSIDE_CALLING_HOURS, 8);
    expected.put(FREQUENCY_CAP_REACHED, 8);
    expected.put(CONSENT_WITHDRAWN, 3);
    expected.put(CONSENT_EXPIRED, 2);
    expected.put(TRANSFER_WITHOUT_CONSENT, 1);
    for (Reason reason : Reason.values()) {
      assertEquals(expected.get(reason), reason.rule(), reason::name);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // The list scrub: the dial check without calling hours, plus rule 1 for third-party transfers
  // ---------------------------------------------------------------------------------------------

  @Nested
  @DisplayName(
      "list scrub: rules 2–7 and the cap apply, calling hours do not; rule 1 for transfers")
  class Scrub {

    /** Sunday 15 March 2026, 22:00 in Rome: outside the calling hours twice over. */
    private final Instant sundayNight = rome(2026, 3, 15, 22, 0);

    private Call transfer() {
      return baseline().withCategory(PurposeCategory.THIRD_PARTY_TRANSFER);
    }

    @Test
    @DisplayName("list scrub: the baseline, scrubbed, is allowed")
    void baselineIsAllowed() {
      assertScrubAllowed(baseline());
    }

    @Test
    @DisplayName(
        "rule 8: calling hours do not apply to a scrub (Sunday 22:00: the dial check refuses,"
            + " the scrub allows)")
    void callingHoursDoNotApply() {
      assertDenied(callAt(sundayNight), OUTSIDE_CALLING_HOURS);
      assertScrubAllowed(callAt(sundayNight));
    }

    @Test
    @DisplayName("rule 8: a public holiday does not stop a scrub either")
    void publicHolidayDoesNotApply() {
      Instant christmas = rome(2026, 12, 25, 11, 0);
      assertDenied(callAt(christmas), OUTSIDE_CALLING_HOURS);
      assertScrubAllowed(callAt(christmas));
    }

    @ParameterizedTest(name = "list scrub: {0} still applies to a scrub")
    @EnumSource(
        value = Reason.class,
        names = {"OUTSIDE_CALLING_HOURS", "TRANSFER_WITHOUT_CONSENT"},
        mode = Mode.EXCLUDE)
    @DisplayName("rules 2–8: every other reason of the dial check still applies to a scrub")
    void otherReasonsApply(Reason reason) {
      assertScrubDenied(scenarioPerReason().get(reason), reason);
    }

    @Test
    @DisplayName("rule 4: an objected number is left out of a scrub")
    void objected() {
      assertScrubDenied(baseline().withObjected(), OBJECTED);
    }

    @Test
    @DisplayName("rule 5: a registered number without consent is left out of a scrub")
    void registeredWithoutConsent() {
      assertScrubDenied(
          baseline().withRpo(registered(REGISTERED_ON)), RPO_REGISTERED_WITHOUT_CONSENT);
    }

    @Test
    @DisplayName("rule 8: the frequency cap still applies to a scrub")
    void capReached() {
      assertScrubDenied(baseline().withAllowedCallsInPeriod(3), FREQUENCY_CAP_REACHED);
    }

    @Test
    @DisplayName("rule 7: a caller id that may not be presented still applies to a scrub")
    void cliNotAllowed() {
      assertScrubDenied(baseline().withCliNotAllowed(), CLI_NOT_ALLOWED);
    }

    @Test
    @DisplayName("rule 6: an unlisted number without consent is left out of a scrub")
    void unlistedWithoutConsent() {
      assertScrubDenied(baseline().withUnlisted(), UNLISTED_WITHOUT_CONSENT);
    }

    @Test
    @DisplayName(
        "rules 2–8: everything wrong at once gives every reason but OUTSIDE_CALLING_HOURS, in the"
            + " stable order")
    void everythingWrong() {
      assertScrubDenied(
          everythingWrongCall(),
          OBJECTED,
          NO_VALID_RPO_CONSULTATION,
          RPO_REGISTERED_WITHOUT_CONSENT,
          UNLISTED_WITHOUT_CONSENT,
          AUTOMATED_WITHOUT_CONSENT,
          CLI_NOT_ALLOWED,
          FREQUENCY_CAP_REACHED,
          CONSENT_WITHDRAWN);
    }

    @Test
    @DisplayName("rule 1: a third-party transfer with a valid consent to it is allowed")
    void transferWithConsent() {
      assertScrubAllowed(transfer().withConsent(given(noon(2026, 1, 15))));
    }

    @Test
    @DisplayName(
        "rule 1: a third-party transfer without consent (listed, unregistered number) gives"
            + " TRANSFER_WITHOUT_CONSENT alone")
    void transferWithoutConsent() {
      assertAllowed(transfer());
      assertScrubDenied(transfer(), TRANSFER_WITHOUT_CONSENT);
    }

    @Test
    @DisplayName("rule 1: calling hours aside, a transfer without consent is still left out")
    void transferWithoutConsentSundayNight() {
      assertScrubDenied(
          callAt(sundayNight).withCategory(PurposeCategory.THIRD_PARTY_TRANSFER),
          TRANSFER_WITHOUT_CONSENT);
    }

    @Test
    @DisplayName(
        "rule 1 + rule 3: a withdrawn consent gives CONSENT_WITHDRAWN, then"
            + " TRANSFER_WITHOUT_CONSENT")
    void transferWithWithdrawnConsent() {
      assertScrubDenied(
          transfer().withConsent(withdrawn(noon(2026, 2, 1))),
          CONSENT_WITHDRAWN,
          TRANSFER_WITHOUT_CONSENT);
    }

    @Test
    @DisplayName(
        "rule 1 + rule 2: an expired consent gives CONSENT_EXPIRED, then TRANSFER_WITHOUT_CONSENT")
    void transferWithExpiredConsent() {
      assertScrubDenied(
          transfer().withConsent(givenUntil(noon(2025, 1, 15), noon(2026, 1, 15))),
          CONSENT_EXPIRED,
          TRANSFER_WITHOUT_CONSENT);
    }

    @Test
    @DisplayName(
        "rule 1 + rule 2: a consent expiring exactly at the scrub's instant no longer counts; one"
            + " second later it does")
    void transferConsentExpiringAtTheInstant() {
      assertScrubDenied(
          transfer().withConsent(givenUntil(noon(2025, 1, 15), CALL)),
          CONSENT_EXPIRED,
          TRANSFER_WITHOUT_CONSENT);
      assertScrubAllowed(
          transfer().withConsent(givenUntil(noon(2025, 1, 15), CALL.plusSeconds(1))));
    }

    @Test
    @DisplayName(
        "rule 1: a consent given after the scrub's instant does not count; one given at the"
            + " instant does")
    void transferConsentInTheFuture() {
      assertScrubDenied(
          transfer().withConsent(given(CALL.plusSeconds(1))), TRANSFER_WITHOUT_CONSENT);
      assertScrubAllowed(transfer().withConsent(given(CALL)));
    }

    @Test
    @DisplayName(
        "rule 1 + rule 5: a consent given before the RPO registration is in force for the"
            + " transfer but void against the register: CONSENT_BEFORE_RPO_REGISTRATION, not"
            + " allowed")
    void transferConsentBeforeRegistration() {
      assertScrubDenied(
          transfer().withRpo(registered(REGISTERED_ON)).withConsent(given(noon(2025, 1, 10))),
          CONSENT_BEFORE_RPO_REGISTRATION);
    }

    @Test
    @DisplayName(
        "rule 1 + rule 5: a registered number without consent gives the register reason, then"
            + " TRANSFER_WITHOUT_CONSENT")
    void transferRegisteredWithoutConsent() {
      assertScrubDenied(
          transfer().withRpo(registered(REGISTERED_ON)),
          RPO_REGISTERED_WITHOUT_CONSENT,
          TRANSFER_WITHOUT_CONSENT);
    }

    @Test
    @DisplayName(
        "rule 1 + rule 6: an unlisted number without consent gives UNLISTED_WITHOUT_CONSENT, then"
            + " TRANSFER_WITHOUT_CONSENT")
    void transferUnlistedWithoutConsent() {
      assertScrubDenied(
          transfer().withUnlisted(), UNLISTED_WITHOUT_CONSENT, TRANSFER_WITHOUT_CONSENT);
    }

    @Test
    @DisplayName(
        "rule 1: a telemarketing scrub of a listed, unregistered number without consent is"
            + " allowed (no transfer rule)")
    void telemarketingWithoutConsent() {
      assertScrubAllowed(baseline().withCategory(PurposeCategory.TELEMARKETING));
    }

    @ParameterizedTest(name = "rule 1: a {0} scrub without consent is allowed (no transfer rule)")
    @EnumSource(
        value = PurposeCategory.class,
        names = {"THIRD_PARTY_TRANSFER"},
        mode = Mode.EXCLUDE)
    @DisplayName("rule 1: the transfer rule applies to no other purpose")
    void otherPurposesWithoutConsent(PurposeCategory category) {
      assertScrubAllowed(baseline().withCategory(category));
    }
  }
}
