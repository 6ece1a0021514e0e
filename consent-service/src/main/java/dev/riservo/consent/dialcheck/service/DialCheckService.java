package dev.riservo.consent.dialcheck.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.riservo.consent.campaigns.repository.CampaignEntity;
import dev.riservo.consent.campaigns.repository.CampaignRepository;
import dev.riservo.consent.campaigns.service.CampaignService;
import dev.riservo.consent.clock.ServiceClock;
import dev.riservo.consent.config.ConsentConfig;
import dev.riservo.consent.config.DialingConfig;
import dev.riservo.consent.consents.cache.SubjectSnapshots;
import dev.riservo.consent.consents.repository.ConsentEventEntity;
import dev.riservo.consent.consents.service.ConsentService;
import dev.riservo.consent.dialcheck.domain.DialDecision;
import dev.riservo.consent.dialcheck.domain.DialFacts;
import dev.riservo.consent.dialcheck.domain.DialPolicy;
import dev.riservo.consent.dialcheck.domain.DialRules;
import dev.riservo.consent.dialcheck.domain.Reason;
import dev.riservo.consent.purposes.repository.PurposeEntity;
import dev.riservo.consent.purposes.repository.PurposeRepository;
import dev.riservo.consent.rpo.service.RpoRegister;
import dev.riservo.consent.sql.RowIds;
import dev.riservo.encryption.FieldEncryption;
import dev.riservo.encryption.InvalidIdentifierException;
import dev.riservo.encryption.identifiers.Identifiers;
import dev.riservo.problem.Problem;
import dev.riservo.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntPredicate;

/**
 * Dial checks: gathers the facts of one call (campaign, register, subject's consents and
 * objections, suppression list, allowed calls in the cap's period), lets {@link DialRules} decide,
 * and keeps the check as evidence. An allowed check counts toward the cap; two checks of the same
 * number and campaign are serialised so the cap holds under concurrency.
 */
@ApplicationScoped
public class DialCheckService {

  /**
   * What a dial check answers; {@code hypothetical}: an audit question about another instant, not a
   * call.
   */
  public record Checked(
      UUID id,
      DialDecision.Verdict decision,
      List<Reason> reasons,
      Instant at,
      UUID campaign,
      boolean hypothetical) {}

  /** How far back and ahead a hypothetical check may ask. */
  static final Duration HYPOTHETICAL_PAST = Duration.ofDays(3653);

  static final Duration HYPOTHETICAL_FUTURE = Duration.ofDays(366);

  private final CampaignRepository campaigns;
  private final CampaignService campaignService;
  private final PurposeRepository purposes;
  private final NumberDirectory directory;
  private final DialLedger ledger;
  private final ConsentService consents;
  private final RpoRegister register;
  private final FieldEncryption encryption;
  private final DialingConfig dialing;
  private final ConsentConfig config;
  private final ServiceClock clock;

  public DialCheckService(
      CampaignRepository campaigns,
      CampaignService campaignService,
      PurposeRepository purposes,
      NumberDirectory directory,
      DialLedger ledger,
      ConsentService consents,
      RpoRegister register,
      FieldEncryption encryption,
      DialingConfig dialing,
      ConsentConfig config,
      ServiceClock clock) {
    this.campaigns = campaigns;
    this.campaignService = campaignService;
    this.purposes = purposes;
    this.directory = directory;
    this.ledger = ledger;
    this.consents = consents;
    this.register = register;
    this.encryption = encryption;
    this.dialing = dialing;
    this.config = config;
    this.clock = clock;
  }

  /** A campaign as the hot path needs it, held in memory. */
  public record CampaignFacts(
      CampaignEntity campaign,
      PurposeEntity purpose,
      boolean cliAllowed,
      DialPolicy policy,
      Duration capPeriod) {

    /** The campaign as the decision reads it. */
    public DialFacts.Campaign forDecision() {
      return new DialFacts.Campaign(
          purpose.category, campaign.automated, campaign.operator, cliAllowed, campaign.capCalls);
    }
  }

  /**
   * What memory holds about a number at an instant: its blind index under the current key, who
   * holds it, whether it is suppressed, what the register says, whether it is listed (rule 6).
   */
  public record NumberState(
      String index, UUID subject, boolean suppressed, DialFacts.RpoEntry rpo, boolean listed) {}

  /** True once the register, the number directory and the cap counts are in memory. */
  public boolean ready() {
    return directory.loaded() && register.loaded() && ledger.loaded();
  }

  /**
   * Reads the number once (strictly: it must exist), indexes it once per key version, and looks it
   * up in memory: no database round trip.
   */
  public NumberState numberState(String number, Instant at) throws InvalidIdentifierException {
    Identifiers.TypedPhone phone = encryption.identifiers().typedPhone(number);
    List<String> indexes = encryption.indexes("phone", phone.e164());
    String index = indexes.get(indexes.size() - 1); // under the current key
    return new NumberState(
        index,
        directory.subject(indexes),
        directory.suppressedAt(indexes, at),
        register.lookupIndex(index),
        phone.fixedLine()); // rule 6: fixed lines are listed, the rest are not
  }

  /**
   * The subject was erased after the directory last heard of it (its notification is on the way):
   * erasure keeps the number on the suppression list since always, so it counts as objected.
   */
  private static final SubjectSnapshots.Snapshot ERASED =
      new SubjectSnapshots.Snapshot(List.of(), List.of(Instant.MIN));

  private final Cache<UUID, CampaignFacts> campaignFacts =
      Caffeine.newBuilder().maximumSize(10_000).expireAfterWrite(Duration.ofSeconds(30)).build();

  /**
   * An agent's (or a dialler's) check before a call: decided for the server's now, kept as the
   * call's evidence and, if allowed, counted toward the cap. A caller that sends its own instant
   * may only send now (within the clock skew): asking about another instant is {@link
   * #hypothetical}, for supervisors and the DPO (403 otherwise, so a back-dated check can never
   * pass for a call).
   */
  @WithSession
  public Uni<Checked> check(String number, UUID campaignId, Instant claimedNow, String actor) {
    Instant now = clock.now();
    if (claimedNow != null
        && Duration.between(claimedNow, now).abs().compareTo(config.clockSkew()) > 0) {
      throw new ProblemException(
          403,
          "instant-not-allowed",
          "Forbidden",
          "An agent's dial check decides for now; supervisors and the DPO ask about another"
              + " instant at /v1/dial-checks/hypothetical",
          List.of(new Problem.FieldError("at", "must be now, or left out")));
    }
    return check(number, campaignId, new Moment(now, now, false), actor);
  }

  /**
   * What would have been decided (or would be) at another instant: an audit question. It reads the
   * same facts as a call's check, is kept marked hypothetical, never counts toward the cap and is
   * never a call's evidence.
   */
  @WithSession
  public Uni<Checked> hypothetical(String number, UUID campaignId, Instant at, String actor) {
    Instant now = clock.now();
    Instant instant = at.truncatedTo(ChronoUnit.MICROS);
    if (instant.isBefore(now.minus(HYPOTHETICAL_PAST))
        || instant.isAfter(now.plus(HYPOTHETICAL_FUTURE))) {
      throw ProblemException.unprocessable(
          "instant-out-of-range", "at", "must lie within ten years before and one year after now");
    }
    return check(number, campaignId, new Moment(instant, now, true), actor);
  }

  /** Reads the number's facts from memory, then the campaign's and subject's, and decides. */
  private Uni<Checked> check(String number, UUID campaignId, Moment moment, String actor) {
    if (!ready()) {
      throw ProblemException.unavailable("the dial-check state (still loading)");
    }
    NumberState state;
    try {
      state = numberState(number, moment.at());
    } catch (InvalidIdentifierException e) {
      throw ProblemException.badRequest("number", "is not a valid phone number");
    }
    UUID subjectRef = state.subject();
    return campaign(campaignId)
        .chain(
            campaign ->
                (subjectRef == null
                        ? Uni.createFrom().<SubjectSnapshots.Snapshot>nullItem()
                        : consents
                            .snapshot(subjectRef)
                            .onFailure(ProblemException.class)
                            .recoverWithItem(ERASED))
                    .map(snapshot -> decide(campaign, snapshot, state, moment, actor)));
  }

  /** The instant decided for, when it was asked, and whether it is a call or a question. */
  private record Moment(Instant at, Instant now, boolean hypothetical) {}

  /** A campaign as the decision needs it (from memory when cached); 422 for an unknown one. */
  @WithSession
  public Uni<CampaignFacts> campaignFacts(UUID id) {
    return campaign(id);
  }

  private Uni<CampaignFacts> campaign(UUID id) {
    CampaignFacts cached = campaignFacts.getIfPresent(id);
    if (cached != null) {
      return Uni.createFrom().item(cached);
    }
    return campaigns
        .findById(id)
        .onItem()
        .ifNull()
        .failWith(
            () -> ProblemException.unprocessable("unknown-campaign", "campaign", "is not known"))
        .chain(
            campaign ->
                purposes
                    .findById(campaign.purposeCode)
                    .map(
                        purpose -> {
                          CampaignFacts facts =
                              new CampaignFacts(
                                  campaign,
                                  purpose,
                                  campaignService.cliAllowed(campaign),
                                  new DialPolicy(
                                      campaignService.hoursOf(campaign),
                                      dialing.consultationValidDays(),
                                      dialing.contractGraceDays()),
                                  Duration.parse(campaign.capPeriod));
                          campaignFacts.put(id, facts);
                          return facts;
                        }));
  }

  private Checked decide(
      CampaignFacts c,
      SubjectSnapshots.Snapshot snapshot,
      NumberState number,
      Moment moment,
      String actor) {
    Instant at = moment.at();
    DialFacts.Consent consent = consentAt(snapshot, c.purpose().code, at);
    boolean objected =
        number.suppressed()
            || (snapshot != null && snapshot.objections().stream().anyMatch(w -> !w.isAfter(at)));
    CampaignEntity campaign = c.campaign();
    DialDecision[] decided = new DialDecision[1];
    IntPredicate judge =
        count -> {
          DialFacts facts =
              new DialFacts(
                  at,
                  c.forDecision(),
                  new DialFacts.NumberFacts(objected, number.listed(), number.rpo()),
                  consent,
                  count);
          decided[0] = DialRules.decide(facts, c.policy());
          return decided[0].allowed();
        };
    if (moment.hypothetical()) {
      judge.test(ledger.count(campaign.id, number.index(), at, c.capPeriod()));
    } else {
      // The count and, if allowed, the new call are one step, so the cap holds under concurrency.
      ledger.countAndMaybeAllow(campaign.id, number.index(), at, c.capPeriod(), judge);
    }
    DialDecision decision = decided[0];
    UUID id = RowIds.next();
    boolean kept =
        ledger.keep(
            new DialLedger.Evidence(
                id,
                moment.hypothetical(),
                moment.now(),
                at,
                campaign.id,
                number.index(),
                actor,
                decision.verdict().name(),
                String.join(",", decision.reasons().stream().map(Enum::name).toList()),
                evidence(c, objected, number.listed(), number.rpo(), consent, number.subject())));
    if (!kept) {
      throw ProblemException.unavailable("the dial-check evidence store (queue full)");
    }
    return new Checked(
        id, decision.verdict(), decision.reasons(), at, campaign.id, moment.hypothetical());
  }

  /** The consent event for the campaign's purpose that holds at the instant, if any. */
  private static DialFacts.Consent consentAt(
      SubjectSnapshots.Snapshot snapshot, String purpose, Instant at) {
    if (snapshot == null) {
      return null;
    }
    return snapshot.history().stream()
        .filter(e -> e.purposeCode.equals(purpose) && !e.occurredAt.isAfter(at))
        .max(
            Comparator.comparing((ConsentEventEntity e) -> e.occurredAt)
                .thenComparing(e -> e.seq == null ? Long.MAX_VALUE : e.seq))
        .map(
            e ->
                new DialFacts.Consent(
                    e.state,
                    e.occurredAt,
                    e.expiresAt,
                    e.withinContract,
                    e.contractEndsAt,
                    e.callMeans))
        .orElse(null);
  }

  private static Map<String, Object> evidence(
      CampaignFacts c,
      boolean objected,
      boolean listed,
      DialFacts.RpoEntry rpo,
      DialFacts.Consent consent,
      UUID subjectRef) {
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("purpose", c.purpose().code);
    evidence.put("category", c.purpose().category.name());
    evidence.put("automated", c.campaign().automated);
    evidence.put("cliAllowed", c.cliAllowed());
    evidence.put("objected", objected);
    evidence.put("listed", listed);
    if (rpo != null) {
      evidence.put("rpoConsultedOn", rpo.consultedOn().toString());
      evidence.put("rpoRegistered", rpo.registered());
      evidence.put(
          "rpoRegisteredOn", rpo.registeredOn() == null ? null : rpo.registeredOn().toString());
      evidence.put("rpoReallowed", !rpo.reallowedOperators().isEmpty());
    }
    if (consent != null) {
      evidence.put("consentState", consent.state().name());
      evidence.put("consentAt", consent.occurredAt().toString());
      evidence.put("withinContract", consent.withinContract());
      evidence.put("consentMeans", consent.means().name());
    }
    if (subjectRef != null) {
      evidence.put("subjectRef", subjectRef.toString());
    }
    return evidence;
  }
}
