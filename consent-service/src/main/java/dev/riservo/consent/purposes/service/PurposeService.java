package dev.riservo.consent.purposes.service;

import dev.riservo.audit.domain.AuditEvent;
import dev.riservo.audit.service.AuditTrail;
import dev.riservo.consent.consents.cache.ConsentChanges;
import dev.riservo.consent.purposes.domain.LegalBasis;
import dev.riservo.consent.purposes.domain.Purpose;
import dev.riservo.consent.purposes.domain.PurposeCategory;
import dev.riservo.consent.purposes.repository.PurposeEntity;
import dev.riservo.consent.purposes.repository.PurposeRepository;
import dev.riservo.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Purposes: admin writes, staff reads. A purpose in use is retired, never deleted. */
@ApplicationScoped
public class PurposeService {

  /** What an admin sends to create or change a purpose. */
  public record PurposeDraft(
      String code,
      String name,
      String description,
      LegalBasis legalBasis,
      PurposeCategory category,
      int retentionDays,
      boolean priorConsentRequired) {}

  private final PurposeRepository purposes;
  private final AuditTrail audit;
  private final ConsentChanges changes;

  public PurposeService(PurposeRepository purposes, AuditTrail audit, ConsentChanges changes) {
    this.purposes = purposes;
    this.audit = audit;
    this.changes = changes;
  }

  @WithSession
  public Uni<List<Purpose>> list(boolean includeRetired) {
    return purposes
        .listAll(includeRetired)
        .map(list -> list.stream().map(PurposeEntity::toDomain).toList());
  }

  @WithSession
  public Uni<Purpose> get(String code) {
    return existing(code).map(PurposeEntity::toDomain);
  }

  @WithTransaction
  public Uni<Purpose> create(PurposeDraft draft, String actor) {
    return purposes
        .findById(draft.code())
        .chain(
            existing -> {
              if (existing != null) {
                return Uni.createFrom()
                    .failure(
                        ProblemException.conflict(
                            "purpose-exists", "A purpose with code " + draft.code() + " exists"));
              }
              PurposeEntity entity = new PurposeEntity();
              entity.code = draft.code();
              entity.createdAt = Instant.now();
              apply(entity, draft);
              return purposes
                  .persist(entity)
                  .call(() -> audit(actor, "purpose.created", entity))
                  .map(PurposeEntity::toDomain);
            });
  }

  /** Changes a purpose's description and terms; its code and its history stay. */
  @WithTransaction
  public Uni<Purpose> update(String code, PurposeDraft draft, String actor) {
    return existing(code)
        .call(
            entity -> {
              apply(entity, draft);
              return audit(actor, "purpose.updated", entity);
            })
        .map(PurposeEntity::toDomain);
  }

  /** Deletes an unused purpose; a purpose with consent records answers 409 and must be retired. */
  @WithTransaction
  public Uni<Void> delete(String code, String actor) {
    return existing(code)
        .chain(
            entity ->
                purposes
                    .inUse(code)
                    .chain(
                        inUse -> {
                          if (inUse) {
                            return Uni.createFrom()
                                .failure(
                                    ProblemException.conflict(
                                        "purpose-in-use",
                                        "Purpose "
                                            + code
                                            + " has consent records; retire it instead"));
                          }
                          return purposes
                              .delete(entity)
                              .call(() -> audit(actor, "purpose.deleted", entity));
                        }));
  }

  /** Retires a purpose: it takes no new consent; its records and withdrawals stay possible. */
  @WithTransaction
  public Uni<Purpose> retire(String code, String actor) {
    return existing(code)
        .call(
            entity -> {
              if (entity.retiredAt != null) {
                return Uni.createFrom().voidItem();
              }
              entity.retiredAt = Instant.now();
              return audit(actor, "purpose.retired", entity);
            })
        .map(PurposeEntity::toDomain);
  }

  private Uni<PurposeEntity> existing(String code) {
    return purposes
        .findById(code)
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.notFound("The purpose"));
  }

  private static void apply(PurposeEntity entity, PurposeDraft draft) {
    entity.name = draft.name();
    entity.description = draft.description();
    entity.legalBasis = draft.legalBasis();
    entity.category = draft.category();
    entity.retentionDays = draft.retentionDays();
    entity.priorConsentRequired = draft.priorConsentRequired();
  }

  private Uni<?> audit(String actor, String action, PurposeEntity entity) {
    return changes
        .purposes()
        .chain(
            () ->
                audit.append(
                    new AuditEvent(
                        actor,
                        action,
                        null,
                        Map.of(
                            "purpose", entity.code,
                            "legalBasis", entity.legalBasis.name(),
                            "category", entity.category.name()))));
  }
}
