package dev.riservo.consent.objections.service;

import dev.riservo.audit.domain.AuditEvent;
import dev.riservo.audit.service.AuditTrail;
import dev.riservo.consent.config.ConsentConfig;
import dev.riservo.consent.consents.cache.ConsentChanges;
import dev.riservo.consent.consents.domain.CollectorKind;
import dev.riservo.consent.consents.service.ConsentRules;
import dev.riservo.consent.objections.repository.ObjectionEntity;
import dev.riservo.consent.objections.repository.ObjectionRepository;
import dev.riservo.consent.sql.RowIds;
import dev.riservo.consent.subjects.service.SubjectSelector;
import dev.riservo.consent.subjects.service.SubjectService;
import dev.riservo.consent.suppression.repository.SuppressionRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Objections to direct marketing (DESIGN.md rule 4): absolute, in force from the instant they are
 * made, and the number goes on the suppression list, which survives erasure.
 */
@ApplicationScoped
public class ObjectionService {

  /** Channels an objection can arrive through; CALLBACK is a call to a campaign's caller id. */
  public enum ObjectionChannel {
    CALL,
    CALLBACK,
    WEB,
    IVR,
    EMAIL,
    SMS,
    LETTER
  }

  public record ObjectionDraft(
      Instant occurredAt,
      ObjectionChannel channel,
      CollectorKind collectedBy,
      String recordingId) {}

  private final ObjectionRepository objections;
  private final SuppressionRepository suppression;
  private final SubjectService subjects;
  private final AuditTrail audit;
  private final ConsentConfig config;
  private final ConsentChanges changes;

  public ObjectionService(
      ObjectionRepository objections,
      SuppressionRepository suppression,
      SubjectService subjects,
      AuditTrail audit,
      ConsentConfig config,
      ConsentChanges changes) {
    this.objections = objections;
    this.suppression = suppression;
    this.subjects = subjects;
    this.audit = audit;
    this.config = config;
    this.changes = changes;
  }

  @WithTransaction
  public Uni<ObjectionEntity> record(SubjectSelector selector, ObjectionDraft draft, String actor) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    Instant occurredAt = ConsentRules.occurredAt(draft.occurredAt(), now, config.clockSkew());
    return subjects
        .resolve(selector, true, actor)
        .chain(
            subject -> {
              ObjectionEntity objection = new ObjectionEntity();
              objection.id = RowIds.next();
              objection.subjectRef = subject.ref;
              objection.occurredAt = occurredAt.truncatedTo(ChronoUnit.MICROS);
              objection.recordedAt = now;
              objection.channel = draft.channel().name();
              objection.collectorKind = draft.collectedBy().name();
              objection.collectorId = draft.collectedBy() == CollectorKind.AGENT ? actor : null;
              objection.recordingId = draft.recordingId();
              Uni<?> suppress =
                  subject.phoneIndex == null
                      ? Uni.createFrom().voidItem()
                      : suppression.suppress(subject.phoneIndex, objection.occurredAt, "OBJECTION");
              return objections
                  .persist(objection)
                  .call(() -> suppress)
                  .call(() -> changes.subject(subject.ref))
                  .call(() -> subjects.auditRegistration(subject, actor))
                  .call(
                      () ->
                          audit.append(
                              new AuditEvent(
                                  actor,
                                  "objection.recorded",
                                  subject.ref.toString(),
                                  Map.of(
                                      "objection",
                                      objection.id.toString(),
                                      "channel",
                                      objection.channel))));
            });
  }

  @WithSession
  public Uni<List<ObjectionEntity>> ofSubject(UUID subjectRef) {
    return subjects.get(subjectRef).chain(subject -> objections.ofSubject(subjectRef));
  }
}
