package dev.riservo.consent.dialcheck.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
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
import dev.riservo.encryption.FieldEncryption;
import dev.riservo.encryption.InvalidIdentifierException;
import dev.riservo.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
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

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

  /** What a dial check answers. */
  public record Checked(
      UUID id, DialDecision.Verdict decision, List<Reason> reasons, Instant at, UUID campaign) {}

  private final CampaignRepository campaigns;
  private final CampaignService campaignService;
  private final PurposeRepository purposes;
  private final NumberDirectory directory;
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
      ConsentService consents,
      RpoRegister register,
      FieldEncryption encryption,
      DialingConfig dialing,
      ConsentConfig config) {
    this.campaigns = campaigns;
    this.campaignService = campaignService;
    this.purposes = purposes;
    this.directory = directory;
    this.consents = consents;
    this.register = register;
    this.encryption = encryption;
    this.dialing = dialing;
    this.config = config;
  }

  /** The facts gathered so far (one read after another on one session). */
  private static final class Gathered {
    CampaignEntity campaign;
    PurposeEntity purpose;
    UUID subjectRef;
    SubjectSnapshots.Snapshot snapshot;
    boolean suppressed;
    int allowedCalls;
  }

  @WithTransaction
  public Uni<Checked> check(String number, UUID campaignId, Instant requestedAt, String actor) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    Instant at = requestedAt == null ? now : requestedAt.truncatedTo(ChronoUnit.MICROS);
    if (at.isAfter(now.plus(config.clockSkew()))) {
      throw ProblemException.unprocessable(
          "future-instant", "at", "is in the future: a check decides for now or a past call");
    }
    if (!directory.loaded() || !register.loaded()) {
      throw ProblemException.unavailable("the number directory (still loading)");
    }
    String index;
    List<String> indexes;
    boolean listed;
    try {
      index = encryption.phoneIndex(number);
      indexes = encryption.phoneIndexes(number);
      listed = listed(encryption.identifiers().phone(number));
    } catch (InvalidIdentifierException e) {
      throw ProblemException.badRequest("number", "is not a valid phone number");
    }
    Gathered facts = new Gathered();
    return campaigns
        .findById(campaignId)
        .onItem()
        .ifNull()
        .failWith(
            () -> ProblemException.unprocessable("unknown-campaign", "campaign", "is not known"))
        .invoke(campaign -> facts.campaign = campaign)
        .chain(campaign -> purposes.findById(campaign.purposeCode))
        .invoke(purpose -> facts.purpose = purpose)
        .chain(() -> lock(campaignId, index))
        .chain(
            () -> {
              // from memory: who holds the number, and whether it is suppressed
              facts.subjectRef = directory.subject(indexes);
              facts.suppressed = directory.suppressedAt(indexes, at);
              return facts.subjectRef == null
                  ? Uni.createFrom().nullItem()
                  : consents
                      .snapshot(facts.subjectRef)
                      .onFailure(ProblemException.class)
                      .recoverWithNull(); // erased meanwhile: the suppression list speaks for it
            })
        .invoke(snapshot -> facts.snapshot = snapshot)
        .chain(() -> allowedCalls(facts.campaign, index, at))
        .invoke(count -> facts.allowedCalls = count)
        .chain(() -> decideAndKeep(facts, index, listed, at, now, actor));
  }

  private Uni<Checked> decideAndKeep(
      Gathered g, String index, boolean listed, Instant at, Instant now, String actor) {
    DialFacts.Consent consent = consentAt(g, at);
    boolean objected =
        g.suppressed
            || (g.snapshot != null
                && g.snapshot.objections().stream().anyMatch(when -> !when.isAfter(at)));
    CampaignEntity campaign = g.campaign;
    DialFacts.RpoEntry rpo = register.lookupIndex(index);
    DialFacts facts =
        new DialFacts(
            at,
            new DialFacts.Campaign(
                g.purpose.category,
                campaign.automated,
                campaign.operator,
                dialing.cliPolicy().check(campaign.cli, campaign.kind).allowed(),
                campaign.capCalls),
            new DialFacts.NumberFacts(objected, listed, rpo),
            consent,
            g.allowedCalls);
    DialPolicy legal = dialing.policy();
    DialPolicy policy =
        new DialPolicy(
            campaignService.hoursOf(campaign),
            legal.consultationValidDays(),
            legal.contractGraceDays());
    DialDecision decision = DialRules.decide(facts, policy);
    UUID id = UUID.randomUUID();
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "INSERT INTO dial_check (id, checked_at, decided_for, campaign_id,"
                            + " phone_index, checked_by, verdict, reasons, facts) VALUES (?1, ?2,"
                            + " ?3, ?4, ?5, ?6, ?7, ?8, ?9)")
                    .setParameter(1, id)
                    .setParameter(2, now)
                    .setParameter(3, at)
                    .setParameter(4, campaign.id)
                    .setParameter(5, index)
                    .setParameter(6, actor)
                    .setParameter(7, decision.verdict().name())
                    .setParameter(
                        8, String.join(",", decision.reasons().stream().map(Enum::name).toList()))
                    .setParameter(9, evidence(facts, g))
                    .executeUpdate())
        .replaceWith(new Checked(id, decision.verdict(), decision.reasons(), at, campaign.id));
  }

  /** The consent event for the campaign's purpose that holds at the instant, if any. */
  private static DialFacts.Consent consentAt(Gathered g, Instant at) {
    if (g.snapshot == null) {
      return null;
    }
    return g.snapshot.history().stream()
        .filter(e -> e.purposeCode.equals(g.purpose.code) && !e.occurredAt.isAfter(at))
        .max(
            Comparator.comparing((ConsentEventEntity e) -> e.occurredAt)
                .thenComparing(e -> e.seq == null ? Long.MAX_VALUE : e.seq))
        .map(
            e ->
                new DialFacts.Consent(
                    e.state, e.occurredAt, e.expiresAt, e.withinContract, e.contractEndsAt))
        .orElse(null);
  }

  /** Rule 6's "listed": fixed lines are in public directories, mobiles (and the rest) are not. */
  private static boolean listed(String e164) {
    try {
      return PHONES.getNumberType(PHONES.parse(e164, null)) == PhoneNumberType.FIXED_LINE;
    } catch (NumberParseException e) {
      return false;
    }
  }

  private static Uni<Integer> lock(UUID campaign, String index) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery("SELECT pg_advisory_xact_lock(hashtext(?1))")
                    .setParameter(1, "dial:" + campaign + ":" + index)
                    .executeUpdate());
  }

  private Uni<Integer> allowedCalls(CampaignEntity campaign, String index, Instant at) {
    Duration period = Duration.parse(campaign.capPeriod);
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createSelectionQuery(
                        "select count(d) from DialCheckEntity d where d.campaignId = :campaign and"
                            + " d.phoneIndex = :index and d.verdict = 'ALLOW' and d.decidedFor >"
                            + " :from and d.decidedFor <= :to",
                        Long.class)
                    .setParameter("campaign", campaign.id)
                    .setParameter("index", index)
                    .setParameter("from", at.minus(period))
                    .setParameter("to", at)
                    .getSingleResult())
        .map(Long::intValue);
  }

  private static String evidence(DialFacts facts, Gathered g) {
    Map<String, Object> evidence = new LinkedHashMap<>();
    evidence.put("purpose", g.purpose.code);
    evidence.put("category", g.purpose.category.name());
    evidence.put("automated", facts.campaign().automated());
    evidence.put("cliAllowed", facts.campaign().cliAllowed());
    evidence.put("objected", facts.number().objected());
    evidence.put("listed", facts.number().listed());
    if (facts.number().rpo() != null) {
      DialFacts.RpoEntry rpo = facts.number().rpo();
      evidence.put("rpoConsultedOn", rpo.consultedOn().toString());
      evidence.put("rpoRegistered", rpo.registered());
      evidence.put(
          "rpoRegisteredOn", rpo.registeredOn() == null ? null : rpo.registeredOn().toString());
      evidence.put("rpoReallowed", !rpo.reallowedOperators().isEmpty());
    }
    if (facts.consent() != null) {
      evidence.put("consentState", facts.consent().state().name());
      evidence.put("consentAt", facts.consent().occurredAt().toString());
      evidence.put("withinContract", facts.consent().withinContract());
    }
    if (g.subjectRef != null) {
      evidence.put("subjectRef", g.subjectRef.toString());
    }
    evidence.put("allowedCallsInPeriod", facts.allowedCallsInPeriod());
    try {
      return JSON.writeValueAsString(evidence);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
