package dev.riservo.notice.versions.service;

import dev.riservo.audit.domain.AuditEvent;
import dev.riservo.audit.service.AuditTrail;
import dev.riservo.notice.catalog.repository.NoticeEntity;
import dev.riservo.notice.catalog.repository.NoticeRepository;
import dev.riservo.notice.refusal.domain.Refusal;
import dev.riservo.notice.versions.domain.ContentHash;
import dev.riservo.notice.versions.domain.NoticeText;
import dev.riservo.notice.versions.domain.NoticeVersion;
import dev.riservo.notice.versions.domain.NoticeVersionId;
import dev.riservo.notice.versions.repository.NoticeVersionEntity;
import dev.riservo.notice.versions.repository.NoticeVersionRepository;
import dev.riservo.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/**
 * Privacy notices (DESIGN.md rule 10): the DPO publishes versions, anyone reads them. A published
 * version is never changed: a new text is a new version.
 */
@ApplicationScoped
public class NoticeVersionService {

  /** What the DPO sends to publish a version. */
  public record NoticeDraft(String noticeId, String language, String title, String content) {}

  private final NoticeVersionRepository versions;
  private final NoticeRepository notices;
  private final AuditTrail audit;
  private final Clock clock = Clock.systemUTC();

  public NoticeVersionService(
      NoticeVersionRepository versions, NoticeRepository notices, AuditTrail audit) {
    this.versions = versions;
    this.notices = notices;
    this.audit = audit;
  }

  /**
   * Publishes the notice's next version. Concurrent publishes of one notice are serialised on the
   * notice's head row, so each gets a version of its own; the audit entry commits with the version.
   */
  @WithTransaction
  public Uni<NoticeVersion> publish(NoticeDraft draft, String actor) {
    String hash = ContentHash.of(draft.content());
    return versions
        .nextVersion(draft.noticeId())
        .call(
            ignored ->
                notices.findById(draft.noticeId()).invoke(NoticeVersionService::unstructured))
        .chain(
            version -> {
              NoticeVersionEntity entity = new NoticeVersionEntity();
              entity.noticeId = draft.noticeId();
              entity.version = version;
              entity.language = draft.language();
              entity.title = draft.title();
              entity.content = draft.content();
              entity.contentHash = hash;
              // Taken once the version is ours: a later version never has an earlier time.
              entity.publishedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
              entity.publishedBy = actor;
              return versions.persist(entity);
            })
        .call(
            entity ->
                audit.append(
                    new AuditEvent(
                        actor,
                        "notice.published",
                        null,
                        Map.of(
                            "noticeId", entity.noticeId,
                            "version", Integer.toString(entity.version),
                            "contentHash", entity.contentHash))))
        .map(NoticeVersionEntity::toDomain);
  }

  /**
   * A notice that has a definition is published from drafts only (its versions must pass the
   * completeness check): this plain-text publish is for notices without one.
   */
  private static void unstructured(NoticeEntity notice) {
    if (notice != null && notice.defined()) {
      throw Refusal.conflict(
          "structured-notice",
          "The notice is defined (audience, channel): publish it from a draft,"
              + " POST .../drafts/{id}/publication");
    }
  }

  /** One version with its text; 404 if the notice or the version does not exist. */
  @WithSession
  public Uni<NoticeText> version(NoticeVersionId id) {
    return versions.version(id.noticeId(), id.version()).map(NoticeVersionService::found);
  }

  /** The newest version with its text; 404 if the notice has none. */
  @WithSession
  public Uni<NoticeText> latest(String noticeId) {
    return versions.latest(noticeId).map(NoticeVersionService::found);
  }

  /** Every version of the notice, newest first, without texts; 404 if it has none. */
  @WithSession
  public Uni<List<NoticeVersion>> history(String noticeId) {
    return versions
        .history(noticeId)
        .map(
            list -> {
              if (list.isEmpty()) {
                throw ProblemException.notFound("The notice");
              }
              return list;
            });
  }

  private static NoticeText found(NoticeVersionEntity entity) {
    if (entity == null) {
      throw ProblemException.notFound("The notice version");
    }
    return entity.toText();
  }
}
