package dev.riservo.consent.campaigns.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.riservo.audit.domain.AuditEvent;
import dev.riservo.audit.service.AuditTrail;
import dev.riservo.consent.campaigns.repository.CampaignEntity;
import dev.riservo.consent.campaigns.repository.CampaignRepository;
import dev.riservo.consent.config.ConsentConfig;
import dev.riservo.consent.config.DialingConfig;
import dev.riservo.consent.dialcheck.domain.CallingHours;
import dev.riservo.consent.dialcheck.domain.CliPolicy;
import dev.riservo.consent.dialcheck.domain.CliPolicy.CallKind;
import dev.riservo.consent.purposes.repository.PurposeRepository;
import dev.riservo.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Campaigns: the caller id is checked against the CLI policy (rule 7), calling windows must lie
 * within the legal hours (rule 8), the frequency cap defaults from configuration.
 */
@ApplicationScoped
public class CampaignService {

  private static final ObjectMapper JSON = new ObjectMapper();
  static final Duration LONGEST_CAP_PERIOD = Duration.ofDays(366);

  /** What a supervisor sends. Null calling hours or cap: the configured defaults. */
  public record CampaignDraft(
      String name,
      String purpose,
      CallKind kind,
      String cli,
      boolean automated,
      String operator,
      Map<String, String> callingHours,
      Integer capCalls,
      String capPeriod) {}

  /** A campaign as the API shows it. */
  public record Campaign(
      UUID id,
      String name,
      String purpose,
      CallKind kind,
      String cli,
      String cliE164,
      boolean automated,
      String operator,
      Map<String, String> callingHours,
      FrequencyCap frequencyCap,
      String createdBy,
      Instant createdAt) {}

  public record FrequencyCap(int calls, String period) {}

  private final CampaignRepository campaigns;
  private final PurposeRepository purposes;
  private final DialingConfig dialing;
  private final ConsentConfig consent;
  private final AuditTrail audit;
  private final CliPolicy cliPolicy;

  public CampaignService(
      CampaignRepository campaigns,
      PurposeRepository purposes,
      DialingConfig dialing,
      ConsentConfig consent,
      AuditTrail audit) {
    this.campaigns = campaigns;
    this.purposes = purposes;
    this.dialing = dialing;
    this.consent = consent;
    this.audit = audit;
    this.cliPolicy = dialing.cliPolicy();
  }

  @WithTransaction
  public Uni<Campaign> create(CampaignDraft draft, String actor) {
    CampaignEntity entity = new CampaignEntity();
    entity.id = UUID.randomUUID();
    entity.name = draft.name().strip();
    entity.purposeCode = draft.purpose();
    entity.kind = draft.kind() == null ? CallKind.COMMERCIAL : draft.kind();
    CliPolicy.Checked cli = cliPolicy.check(draft.cli(), entity.kind);
    if (!cli.allowed()) {
      throw ProblemException.unprocessable("cli-not-allowed", "cli", cli.refusal());
    }
    entity.cli = draft.cli(); // as the supervisor typed it (rule 7)
    entity.cliE164 = cli.e164();
    entity.automated = draft.automated();
    entity.operator =
        draft.operator() == null || draft.operator().isBlank()
            ? consent.operator()
            : draft.operator().strip();
    entity.callingHours = json(callingHours(draft.callingHours()));
    entity.capCalls = draft.capCalls() == null ? dialing.frequencyCap().calls() : draft.capCalls();
    entity.capPeriod =
        iso(
            draft.capPeriod() == null
                ? dialing.frequencyCap().period()
                : capPeriod(draft.capPeriod()));
    entity.createdBy = actor;
    entity.createdAt = Instant.now();
    return purposes
        .findById(draft.purpose())
        .onItem()
        .ifNull()
        .failWith(
            () ->
                ProblemException.unprocessable(
                    "unknown-purpose", "purpose", "is not a known purpose"))
        .invoke(
            purpose -> {
              if (purpose.retiredAt != null) {
                throw ProblemException.unprocessable(
                    "retired-purpose", "purpose", "is retired: no new campaign may use it");
              }
            })
        .chain(() -> campaigns.persist(entity))
        .call(
            () ->
                audit.append(
                    new AuditEvent(
                        actor,
                        "campaign.created",
                        null,
                        Map.of(
                            "campaign",
                            entity.id.toString(),
                            "purpose",
                            entity.purposeCode,
                            "cli",
                            entity.cli,
                            "automated",
                            Boolean.toString(entity.automated)))))
        .map(CampaignService::view);
  }

  @WithSession
  public Uni<List<Campaign>> list() {
    return campaigns.listAll().map(all -> all.stream().map(CampaignService::view).toList());
  }

  @WithSession
  public Uni<Campaign> get(UUID id) {
    return campaigns
        .findById(id)
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.notFound("The campaign"))
        .map(CampaignService::view);
  }

  /**
   * The campaign's windows per day, each inside the legal hours of that day; the legal hours where
   * the campaign names none.
   */
  Map<String, String> callingHours(Map<String, String> requested) {
    Map<String, String> effective = new LinkedHashMap<>();
    CallingHours legal = dialing.callingHours();
    for (DayOfWeek day : DayOfWeek.values()) {
      String key = day.name().toLowerCase(Locale.ROOT);
      effective.put(key, dialing.hours().getOrDefault(key, "none"));
    }
    if (requested == null) {
      return effective;
    }
    for (Map.Entry<String, String> entry : requested.entrySet()) {
      String field = "callingHours." + entry.getKey();
      DayOfWeek day;
      try {
        day = DayOfWeek.valueOf(entry.getKey().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw ProblemException.badRequest(field, "is not a day of the week (monday ... sunday)");
      }
      List<CallingHours.Window> windows;
      try {
        windows = DialingConfig.windows(entry.getValue());
      } catch (IllegalArgumentException | DateTimeParseException e) {
        throw ProblemException.badRequest(field, "must read like 09:00-13:00,14:00-20:00");
      }
      List<CallingHours.Window> allowed = legal.windows().getOrDefault(day, List.of());
      for (CallingHours.Window window : windows) {
        boolean inside =
            allowed.stream()
                .anyMatch(
                    legalWindow ->
                        !window.from().isBefore(legalWindow.from())
                            && !window.to().isAfter(legalWindow.to()));
        if (!inside) {
          throw ProblemException.unprocessable(
              "outside-legal-hours", field, "must lie within the legal calling hours of that day");
        }
      }
      effective.put(
          day.name().toLowerCase(Locale.ROOT), windows.isEmpty() ? "none" : entry.getValue());
    }
    return effective;
  }

  /** A period as ISO-8601, whole days as days (P30D rather than Java's PT720H). */
  static String iso(Duration period) {
    return period.toSeconds() % 86_400 == 0 ? "P" + period.toDays() + "D" : period.toString();
  }

  private static Duration capPeriod(String value) {
    try {
      Duration period = Duration.parse(value);
      if (period.isNegative() || period.isZero() || period.compareTo(LONGEST_CAP_PERIOD) > 0) {
        throw ProblemException.badRequest(
            "frequencyCap.period", "must be between a second and 366 days");
      }
      return period;
    } catch (DateTimeParseException e) {
      throw ProblemException.badRequest(
          "frequencyCap.period", "must be an ISO-8601 duration like P30D");
    }
  }

  /**
   * The campaigns presenting a caller id (as dialled back: any usual writing); 400 if no number.
   */
  @WithSession
  public Uni<List<CampaignEntity>> presenting(String cli) {
    return campaigns.list("cliE164", e164(cli));
  }

  /** A caller id in E.164; 400 if it is no phone number. */
  public String e164(String cli) {
    return cliPolicy
        .e164(cli)
        .orElseThrow(() -> ProblemException.badRequest("cli", "is not a phone number"));
  }

  /** Whether the campaign's caller id passes the CLI policy as configured now (rule 7). */
  public boolean cliAllowed(CampaignEntity campaign) {
    return cliPolicy.check(campaign.cli, campaign.kind).allowed();
  }

  /** The legal calling hours as the decision reads a campaign's stored windows. */
  public CallingHours hoursOf(CampaignEntity campaign) {
    Map<String, String> stored = parse(campaign.callingHours);
    Map<DayOfWeek, List<CallingHours.Window>> days = new EnumMap<>(DayOfWeek.class);
    stored.forEach(
        (day, ranges) ->
            days.put(
                DayOfWeek.valueOf(day.toUpperCase(Locale.ROOT)), DialingConfig.windows(ranges)));
    CallingHours legal = dialing.callingHours();
    return new CallingHours(legal.zone(), days, legal.holidays());
  }

  static Campaign view(CampaignEntity e) {
    return new Campaign(
        e.id,
        e.name,
        e.purposeCode,
        e.kind,
        e.cli,
        e.cliE164,
        e.automated,
        e.operator,
        parse(e.callingHours),
        new FrequencyCap(e.capCalls, e.capPeriod),
        e.createdBy,
        e.createdAt);
  }

  private static String json(Map<String, String> hours) {
    try {
      return JSON.writeValueAsString(hours);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, String> parse(String json) {
    try {
      return JSON.readValue(json, new TypeReference<LinkedHashMap<String, String>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored campaign's hours are not JSON", e);
    }
  }
}
