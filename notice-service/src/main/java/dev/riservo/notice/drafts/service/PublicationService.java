package dev.riservo.notice.drafts.service;

import dev.riservo.audit.domain.AuditEvent;
import dev.riservo.audit.service.AuditTrail;
import dev.riservo.notice.catalog.domain.NoticeDefinition;
import dev.riservo.notice.catalog.repository.NoticeRepository;
import dev.riservo.notice.changes.domain.MaterialChange;
import dev.riservo.notice.changes.service.NotificationCampaigns;
import dev.riservo.notice.config.NoticeConfig;
import dev.riservo.notice.content.domain.CanonicalJson;
import dev.riservo.notice.content.domain.NoticeDocument;
import dev.riservo.notice.content.domain.Section;
import dev.riservo.notice.drafts.domain.Draft;
import dev.riservo.notice.drafts.domain.EffectiveFrom;
import dev.riservo.notice.drafts.repository.DraftEntity;
import dev.riservo.notice.drafts.repository.DraftRepository;
import dev.riservo.notice.refusal.domain.Refusal;
import dev.riservo.notice.versions.domain.ContentHash;
import dev.riservo.notice.versions.domain.NoticeVersion;
import dev.riservo.notice.versions.repository.NoticeVersionEntity;
import dev.riservo.notice.versions.repository.NoticeVersionRepository;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Publishing a draft: complete for its audience (else a refusal naming the missing sections),
 * numbered as the notice's next version, hashed (SHA-256 over RFC 8785 canonical JSON), effective
 * now or later; then immutable, the draft with it. The audit entry commits with the version.
 */
@ApplicationScoped
public class PublicationService {

  private final NoticeRepository notices;
  private final DraftRepository drafts;
  private final NoticeVersionRepository versions;
  private final AuditTrail audit;
  private final NoticeConfig config;
  private final NotificationCampaigns campaigns;
  private final Clock clock = Clock.systemUTC();

  public PublicationService(
      NoticeRepository notices,
      DraftRepository drafts,
      NoticeVersionRepository versions,
      AuditTrail audit,
      NoticeConfig config,
      NotificationCampaigns campaigns) {
    this.notices = notices;
    this.drafts = drafts;
    this.versions = versions;
    this.audit = audit;
    this.config = config;
    this.campaigns = campaigns;
  }

  /** A version just published, and the notification campaign it opened if it is material. */
  public record Published(NoticeVersion version, boolean material, UUID notificationCampaign) {}

  @WithTransaction
  public Uni<Published> publish(
      String noticeId, UUID draftId, Instant requestedFrom, boolean material, String actor) {
    // one reading of the clock for the whole publication: the version takes effect at least the
    // propagation delay (and a material one its notice period) after the publishedAt it stores
    Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
    return notices
        .findById(noticeId)
        .chain(
            notice -> {
              if (notice == null || !notice.defined()) {
                throw Refusal.notFound("The notice's definition");
              }
              NoticeDefinition definition = notice.toDomain();
              return drafts
                  .locked(noticeId, draftId)
                  .map(d -> publishable(d, definition))
                  .chain(d -> numbered(d, requestedFrom, now))
                  .chain(numbered -> store(numbered, definition, material, actor, now));
            });
  }

  /** A draft about to become a version: its number and the instant it takes effect. */
  private record Numbered(DraftEntity draft, int version, Instant effectiveFrom) {}

  private Uni<Numbered> numbered(DraftEntity d, Instant requestedFrom, Instant now) {
    // the notice's head row is locked from here on: publishes of it run one at a time, so the
    // latest effectiveFrom read next cannot change before this one commits
    return versions
        .nextVersion(d.noticeId)
        .chain(
            n ->
                versions
                    .latestInForceFrom(d.noticeId, d.language)
                    .map(latest -> new Numbered(d, n, effectiveFrom(requestedFrom, latest, now))));
  }

  private DraftEntity publishable(DraftEntity d, NoticeDefinition definition) {
    if (d == null) {
      throw Refusal.notFound("The draft");
    }
    if (d.publishedVersion != null) {
      throw Refusal.conflict(
          "version-published",
          "The draft was already published as version " + d.publishedVersion + "; it is immutable");
    }
    Draft draft = DraftService.toDomain(d, definition);
    if (!draft.missing().isEmpty()) {
      throw incomplete(draft.missing());
    }
    return d;
  }

  /** 422 naming each missing section, its field and the provision that requires it. */
  static Refusal incomplete(List<Section> missing) {
    return new Refusal(
        Refusal.Kind.BREAKS_A_RULE,
        "notice-incomplete",
        "The notice lacks sections its audience must be told: "
            + String.join(
                ", ", missing.stream().map(s -> s.field() + " (" + s.provision() + ")").toList()),
        missing.stream()
            .map(
                s ->
                    new Refusal.FieldIssue(
                        s.field(), "missing: " + s.provision() + ", " + s.what()))
            .toList());
  }

  private Instant effectiveFrom(Instant requested, Instant latestOfLanguage, Instant now) {
    return EffectiveFrom.decide(
        requested,
        now,
        latestOfLanguage,
        config.publish().propagationDelay(),
        config.publish().clockSkew(),
        config.publish().maxScheduleAhead());
  }

  private Uni<Published> store(
      Numbered numbered, NoticeDefinition definition, boolean material, String actor, Instant now) {
    DraftEntity d = numbered.draft();
    if (material) {
      MaterialChange.checkNoticePeriod(
          numbered.effectiveFrom(), now, config.materialChange().noticePeriod());
    }
    NoticeDocument document =
        new NoticeDocument(
            definition.noticeId(),
            definition.audience(),
            definition.channel(),
            d.language,
            d.title,
            NoticeDocument.parseContent(d.content),
            d.body,
            d.audioSha256);
    String canonical = document.canonical();
    NoticeVersionEntity v = new NoticeVersionEntity();
    v.noticeId = d.noticeId;
    v.version = numbered.version();
    v.language = d.language;
    v.title = d.title;
    v.content = d.body;
    v.contentHash = ContentHash.of(d.body);
    v.publishedAt = now;
    v.material = material;
    v.publishedBy = actor;
    v.document = canonical;
    v.documentHash = CanonicalJson.sha256(canonical);
    v.hashAlg = CanonicalJson.HASH_ALG;
    v.effectiveFrom = numbered.effectiveFrom();
    v.audioSha256 = d.audioSha256;
    v.draftId = d.id;
    return versions
        .persist(v)
        .chain(versions::flush)
        .invoke(() -> d.publishedVersion = v.version)
        .chain(drafts::flush)
        .call(() -> audit.append(published(actor, v)))
        .chain(
            () ->
                material
                    ? campaigns.open(v.noticeId, v.version, actor)
                    : Uni.createFrom().<UUID>nullItem())
        .map(campaign -> new Published(v.toDomain(), material, campaign));
  }

  private static AuditEvent published(String actor, NoticeVersionEntity v) {
    return new AuditEvent(
        actor,
        "notice.published",
        null,
        Map.of(
            "noticeId",
            v.noticeId,
            "version",
            Integer.toString(v.version),
            "language",
            v.language,
            "contentHash",
            v.contentHash,
            "documentHash",
            v.documentHash,
            "effectiveFrom",
            v.effectiveFrom.toString(),
            "draftId",
            v.draftId.toString(),
            "material",
            Boolean.toString(v.material)));
  }
}
