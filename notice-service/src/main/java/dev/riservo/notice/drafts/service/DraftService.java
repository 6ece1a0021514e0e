package dev.riservo.notice.drafts.service;

import dev.riservo.audit.domain.AuditEvent;
import dev.riservo.audit.service.AuditTrail;
import dev.riservo.notice.catalog.domain.Channel;
import dev.riservo.notice.catalog.domain.NoticeDefinition;
import dev.riservo.notice.catalog.repository.NoticeRepository;
import dev.riservo.notice.content.domain.Completeness;
import dev.riservo.notice.content.domain.NoticeDocument;
import dev.riservo.notice.drafts.domain.Draft;
import dev.riservo.notice.drafts.domain.DraftInput;
import dev.riservo.notice.drafts.repository.DraftEntity;
import dev.riservo.notice.drafts.repository.DraftRepository;
import dev.riservo.notice.refusal.domain.Refusal;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Drafts of notice versions (DPO only): written, rewritten and deleted freely until published; a
 * published draft is part of the record and refuses any change (409).
 */
@ApplicationScoped
public class DraftService {

  private final DraftRepository drafts;
  private final NoticeRepository notices;
  private final AuditTrail audit;
  private final Clock clock = Clock.systemUTC();

  public DraftService(DraftRepository drafts, NoticeRepository notices, AuditTrail audit) {
    this.drafts = drafts;
    this.notices = notices;
    this.audit = audit;
  }

  @WithTransaction
  public Uni<Draft> create(String noticeId, DraftInput input, String actor) {
    return definition(noticeId)
        .chain(
            definition -> {
              acceptable(definition, input);
              DraftEntity d = new DraftEntity();
              d.id = UUID.randomUUID();
              d.noticeId = noticeId;
              d.revision = 1;
              d.createdAt = now();
              d.createdBy = actor;
              write(d, input, actor);
              return drafts
                  .persist(d)
                  .call(() -> audited(actor, "notice.draft-created", d))
                  .map(saved -> toDomain(saved, definition));
            });
  }

  @WithTransaction
  public Uni<Draft> update(String noticeId, UUID id, DraftInput input, String actor) {
    return definition(noticeId)
        .chain(
            definition ->
                unpublished(noticeId, id)
                    .chain(
                        d -> {
                          acceptable(definition, input);
                          d.revision++;
                          write(d, input, actor);
                          return drafts
                              .flush()
                              .call(() -> audited(actor, "notice.draft-updated", d))
                              .map(ignored -> toDomain(d, definition));
                        }));
  }

  @WithTransaction
  public Uni<Void> delete(String noticeId, UUID id, String actor) {
    return unpublished(noticeId, id)
        .call(d -> audited(actor, "notice.draft-deleted", d))
        .chain(drafts::delete);
  }

  @WithSession
  public Uni<Draft> draft(String noticeId, UUID id) {
    return definition(noticeId)
        .chain(
            definition ->
                drafts
                    .of(noticeId, id)
                    .map(
                        d -> {
                          if (d == null) {
                            throw Refusal.notFound("The draft");
                          }
                          return toDomain(d, definition);
                        }));
  }

  @WithSession
  public Uni<List<Draft>> drafts(String noticeId) {
    return definition(noticeId)
        .chain(
            definition ->
                drafts
                    .ofNotice(noticeId)
                    .map(list -> list.stream().map(d -> toDomain(d, definition)).toList()));
  }

  /** The draft, locked: 404 if there is none, 409 if it was published. */
  private Uni<DraftEntity> unpublished(String noticeId, UUID id) {
    return drafts
        .locked(noticeId, id)
        .map(
            d -> {
              if (d == null) {
                throw Refusal.notFound("The draft");
              }
              if (d.publishedVersion != null) {
                throw Refusal.conflict(
                    "version-published",
                    "The draft was published as version "
                        + d.publishedVersion
                        + " and is immutable; write a new draft");
              }
              return d;
            });
  }

  private Uni<NoticeDefinition> definition(String noticeId) {
    return notices
        .findById(noticeId)
        .map(
            n -> {
              if (n == null || !n.defined()) {
                throw Refusal.notFound(
                    "The notice's definition (PUT /v1/notices/" + noticeId + ")");
              }
              return n.toDomain();
            });
  }

  /** The rules a draft must meet whatever its completeness. */
  static void acceptable(NoticeDefinition definition, DraftInput input) {
    if (input.isEmpty()) {
      throw Refusal.breaksARule(
          "empty-draft", "content", "and body are both empty: write something");
    }
    if (input.audioSha256() != null && definition.channel() != Channel.IVR_PROMPT) {
      throw Refusal.breaksARule(
          "audio-not-ivr", "audioSha256", "is only for notices of channel IVR_PROMPT");
    }
  }

  private void write(DraftEntity d, DraftInput input, String actor) {
    d.language = input.language();
    d.title = input.title();
    d.content = NoticeDocument.canonical(input.content());
    d.body = input.body();
    d.audioSha256 = input.audioSha256();
    d.updatedAt = now();
    d.updatedBy = actor;
  }

  private Uni<Void> audited(String actor, String action, DraftEntity d) {
    return audit.append(
        new AuditEvent(
            actor,
            action,
            null,
            Map.of(
                "noticeId",
                d.noticeId,
                "draftId",
                d.id.toString(),
                "language",
                d.language,
                "revision",
                Integer.toString(d.revision))));
  }

  /** The draft as the domain sees it, with the sections it lacks for its notice. */
  public static Draft toDomain(DraftEntity d, NoticeDefinition definition) {
    var content = NoticeDocument.parseContent(d.content);
    return new Draft(
        d.id,
        d.noticeId,
        d.language,
        d.title,
        content,
        d.body,
        d.audioSha256,
        d.revision,
        d.createdAt,
        d.createdBy,
        d.updatedAt,
        d.updatedBy,
        d.publishedVersion,
        Completeness.missing(
            definition.audience(), definition.channel(), content, d.body, d.audioSha256));
  }

  private java.time.Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }
}
