package dev.riservo.notice.catalog.service;

import dev.riservo.audit.domain.AuditEvent;
import dev.riservo.audit.service.AuditTrail;
import dev.riservo.notice.catalog.domain.NoticeDefinition;
import dev.riservo.notice.catalog.repository.NoticeEntity;
import dev.riservo.notice.catalog.repository.NoticeRepository;
import dev.riservo.notice.refusal.domain.Refusal;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * Notice definitions: key, audience, channel, fallback language. Defined once by the DPO; the same
 * definition again is a no-op, another one a conflict (which version was in force when must not
 * change after the fact).
 */
@ApplicationScoped
public class NoticeCatalogService {

  /** A definition and whether this call made it. */
  public record Defined(NoticeDefinition definition, boolean created) {}

  private final NoticeRepository notices;
  private final AuditTrail audit;
  private final Clock clock = Clock.systemUTC();

  public NoticeCatalogService(NoticeRepository notices, AuditTrail audit) {
    this.notices = notices;
    this.audit = audit;
  }

  @WithTransaction
  public Uni<Defined> define(NoticeDefinition wanted, String actor) {
    return Panache.getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "INSERT INTO notice (notice_id, latest_version, created_at)"
                            + " VALUES (?1, 0, now()) ON CONFLICT (notice_id) DO NOTHING")
                    .setParameter(1, wanted.noticeId())
                    .executeUpdate())
        .chain(ignored -> notices.locked(wanted.noticeId()))
        .chain(row -> settle(row, wanted, actor));
  }

  private Uni<Defined> settle(NoticeEntity row, NoticeDefinition wanted, String actor) {
    if (row.defined()) {
      if (row.toDomain().equals(wanted)) {
        return Uni.createFrom().item(new Defined(wanted, false));
      }
      throw Refusal.conflict(
          "notice-already-defined",
          "The notice is already defined with another audience, channel or fallback language;"
              + " a definition never changes (use a new notice key)");
    }
    row.audience = wanted.audience();
    row.channel = wanted.channel();
    row.fallbackLanguage = wanted.fallbackLanguage();
    row.definedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
    row.definedBy = actor;
    return notices
        .flush()
        .call(
            () ->
                audit.append(
                    new AuditEvent(
                        actor,
                        "notice.defined",
                        null,
                        Map.of(
                            "noticeId", wanted.noticeId(),
                            "audience", wanted.audience().name(),
                            "channel", wanted.channel().name(),
                            "fallbackLanguage", wanted.fallbackLanguage()))))
        .replaceWith(new Defined(wanted, true));
  }

  /** The notice's definition; a refusal if there is none. */
  @WithSession
  public Uni<NoticeDefinition> definition(String noticeId) {
    return notices
        .findById(noticeId)
        .map(
            row -> {
              if (row == null || !row.defined()) {
                throw Refusal.notFound("The notice's definition");
              }
              return row.toDomain();
            });
  }
}
