package dev.riservo.notice.subjectdata.service;

import dev.riservo.audit.domain.AuditEvent;
import dev.riservo.audit.service.AuditTrail;
import dev.riservo.notice.subjectdata.repository.SubjectEntity;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * notice-service as a data source of the rights service (DESIGN.md internal contract): find a
 * subject, export everything held about them, walking every {@link SubjectDataPart}; {@link
 * SubjectErasure} erases them.
 */
@ApplicationScoped
public class SubjectDataService {

  static final String SERVICE = "notice-service";

  /** Everything notice-service holds about a subject (personal data: never log it). */
  public record SubjectExport(
      String service,
      UUID subjectRef,
      Instant createdAt,
      Map<String, String> identifiers,
      String supplementaryStatement,
      Restriction restriction,
      List<SubjectDataPart.Held> parts) {}

  /** A restriction of processing in force (Art. 18), or null. */
  public record Restriction(Instant since, String reason) {}

  private final SubjectService subjects;
  private final List<SubjectDataPart> parts;
  private final AuditTrail audit;

  public SubjectDataService(
      SubjectService subjects, @Any Instance<SubjectDataPart> parts, AuditTrail audit) {
    this.subjects = subjects;
    this.parts = ordered(parts);
    this.audit = audit;
  }

  /** Every part, in name order. */
  static List<SubjectDataPart> ordered(Instance<SubjectDataPart> parts) {
    List<SubjectDataPart> list = new ArrayList<>();
    parts.forEach(list::add);
    list.sort(Comparator.comparing(SubjectDataPart::name));
    return List.copyOf(list);
  }

  /** The live subjects the identifiers name (none or one). */
  @WithSession
  public Uni<List<UUID>> search(SubjectIdentifiers identifiers) {
    return subjects
        .findOrNull(identifiers, "identifiers")
        .map(subject -> subject == null ? List.<UUID>of() : List.of(subject.ref));
  }

  /** Everything held about a live subject; the export is audited (no personal data there). */
  @WithTransaction
  public Uni<SubjectExport> export(UUID subjectRef, String caller) {
    return subjects
        .get(subjectRef)
        .chain(
            subject ->
                subjects
                    .identifiers(subject)
                    .chain(
                        ids ->
                            subjects
                                .statement(subject)
                                .chain(statement -> gather(subject, ids, statement))))
        .call(
            exported ->
                audit.append(
                    new AuditEvent(caller, "subject.exported", subjectRef.toString(), Map.of())));
  }

  private Uni<SubjectExport> gather(
      SubjectEntity subject, Map<String, String> identifiers, String statement) {
    List<SubjectDataPart.Held> held = new ArrayList<>();
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (SubjectDataPart part : parts) {
      // one session: each part reads after the one before
      chain = chain.chain(() -> part.export(subject.ref)).invoke(held::add).replaceWithVoid();
    }
    return chain.map(
        v ->
            new SubjectExport(
                SERVICE,
                subject.ref,
                subject.createdAt,
                identifiers,
                statement,
                subject.restrictedAt == null
                    ? null
                    : new Restriction(subject.restrictedAt, subject.restrictionReason),
                List.copyOf(held)));
  }

  List<SubjectDataPart> parts() {
    return parts;
  }
}
