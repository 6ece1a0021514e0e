package dev.riservo.consent.dialcheck.service;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.riservo.consent.campaigns.repository.CampaignEntity;
import dev.riservo.consent.campaigns.repository.CampaignRepository;
import dev.riservo.consent.campaigns.service.CampaignService;
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

/**
 * Dial checks: gathers the facts of one call (campaign, register, subject's consents and
 * objections, suppression list, allowed calls in the cap's period), lets {@link DialRules} decide,
 * and keeps the check as evidence. An allowed check counts toward the cap; two checks of the same
 * number and campaign are serialised so the cap holds under concurrency.
 */
@ApplicationScoped
public class DialCheckService {

  /** What a dial check answers. */
  public record Checked(
      UUID id, DialDecision.Verdict decision, List<Reason> reasons, Instant at, UUID campaign) {}

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
      ConsentConfig config) {
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

  @WithSession
  public Uni<Checked> check(String number, UUID campaignId, Instant requestedAt, String actor) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    Instant at = requestedAt == null ? now : requestedAt.truncatedTo(ChronoUnit.MICROS);
    if (at.isAfter(now.plus(config.clockSkew()))) {
      throw ProblemException.unprocessable(
          "future-instant", "at", "is in the future: a check decides for now or a past call");
    }
    if (!ready()) {
      throw ProblemException.unavailable("the dial-check state (still loading)");
    }
    NumberState state;
    try {
      state = numberState(number, at);
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
                    .map(snapshot -> decide(campaign, snapshot, state, at, now, actor)));
  }

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
      Instant at,
      Instant now,
      String actor) {
    DialFacts.Consent consent = consentAt(snapshot, c.purpose().code, at);
    boolean objected =
        number.suppressed()
            || (snapshot != null && snapshot.objections().stream().anyMatch(w -> !w.isAfter(at)));
    CampaignEntity campaign = c.campaign();
    DialDecision[] decided = new DialDecision[1];
    // The count and, if allowed, the new call are one step, so the cap holds under concurrency.
    ledger.countAndMaybeAllow(
        campaign.id,
        number.index(),
        at,
        c.capPeriod(),
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
        });
    DialDecision decision = decided[0];
    UUID id = RowIds.next();
    boolean kept =
        ledger.keep(
            new DialLedger.Evidence(
                id,
                now,
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
    return new Checked(id, decision.verdict(), decision.reasons(), at, campaign.id);
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
                    e.state, e.occurredAt, e.expiresAt, e.withinContract, e.contractEndsAt))
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
    }
    if (subjectRef != null) {
      evidence.put("subjectRef", subjectRef.toString());
    }
    return evidence;
  }
}
