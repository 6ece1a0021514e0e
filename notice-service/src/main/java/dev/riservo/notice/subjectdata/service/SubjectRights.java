package dev.riservo.notice.subjectdata.service;

import dev.riservo.audit.domain.AuditEvent;
import dev.riservo.audit.service.AuditTrail;
import dev.riservo.encryption.quarkus.ReactiveFieldEncryption;
import dev.riservo.notice.refusal.domain.Refusal;
import dev.riservo.notice.subjectdata.domain.RestrictionGround;
import dev.riservo.notice.subjectdata.repository.SubjectEntity;
import dev.riservo.notice.subjectdata.repository.SubjectRepository;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Rectification (Art. 16) and restriction (Art. 18) of a subject, for the rights service. Each is
 * audited with the names of what changed, never the values.
 */
@ApplicationScoped
public class SubjectRights {

  static final String STATEMENT_FIELD = "subject.statement";

  /** What a rectification changed: the identifiers rewritten, and whether a statement was kept. */
  public record Rectified(
      UUID subjectRef, Instant rectifiedAt, List<String> identifiers, boolean statement) {}

  /** The restriction in force after a change (null {@code since}: none). */
  public record RestrictionState(UUID subjectRef, Instant since, RestrictionGround ground) {}

  private final SubjectService subjectService;
  private final SubjectRepository subjects;
  private final ReactiveFieldEncryption encryption;
  private final AuditTrail audit;

  public SubjectRights(
      SubjectService subjectService,
      SubjectRepository subjects,
      ReactiveFieldEncryption encryption,
      AuditTrail audit) {
    this.subjectService = subjectService;
    this.subjects = subjects;
    this.encryption = encryption;
    this.audit = audit;
  }

  /**
   * Replaces the identifiers given and, with a statement, keeps the subject's supplementary
   * statement (sealed); at least one of the two is needed.
   */
  @WithTransaction
  public Uni<Rectified> rectify(
      UUID subjectRef, SubjectIdentifiers ids, String statement, String caller) {
    boolean hasIds = ids != null && !ids.isEmpty();
    boolean hasStatement = statement != null && !statement.isBlank();
    if (!hasIds && !hasStatement) {
      return Uni.createFrom().failure(Refusal.invalid("identifiers", "or statement must be given"));
    }
    Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
    return subjectService
        .get(subjectRef)
        .chain(
            subject ->
                (hasIds
                        ? subjectService.rectify(subject, ids, "identifiers")
                        : Uni.createFrom().item(List.<String>of()))
                    .call(
                        () ->
                            hasStatement
                                ? keepStatement(subject, statement)
                                : Uni.createFrom().voidItem())
                    .call(subjects::flush)
                    .call(
                        changed ->
                            audit.append(
                                new AuditEvent(
                                    caller,
                                    "subject.rectified",
                                    subjectRef.toString(),
                                    Map.of(
                                        "identifiers", String.join(",", changed),
                                        "statement", Boolean.toString(hasStatement)))))
                    .map(changed -> new Rectified(subjectRef, at, changed, hasStatement)));
  }

  private Uni<Void> keepStatement(SubjectEntity subject, String statement) {
    return encryption
        .encrypt(subject.ref.toString(), STATEMENT_FIELD, statement.strip())
        .invoke(value -> subject.statementSealed = value)
        .replaceWithVoid();
  }

  /**
   * Restricts processing on a ground of Art. 18(1); again with another ground changes the ground.
   */
  @WithTransaction
  public Uni<RestrictionState> restrict(UUID subjectRef, RestrictionGround ground, String caller) {
    return subjectService
        .get(subjectRef)
        .chain(
            subject -> {
              if (subject.restrictedAt == null) {
                subject.restrictedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
              }
              subject.restrictionReason = ground.name();
              return subjects
                  .flush()
                  .call(() -> audited(caller, "subject.restricted", subject, ground.name()))
                  .map(v -> new RestrictionState(subjectRef, subject.restrictedAt, ground));
            });
  }

  /** Lifts a restriction (nothing to do if there is none). */
  @WithTransaction
  public Uni<RestrictionState> lift(UUID subjectRef, String caller) {
    return subjectService
        .get(subjectRef)
        .chain(
            subject -> {
              if (subject.restrictedAt == null) {
                return Uni.createFrom().item(new RestrictionState(subjectRef, null, null));
              }
              String was = subject.restrictionReason;
              subject.restrictedAt = null;
              subject.restrictionReason = null;
              return subjects
                  .flush()
                  .call(() -> audited(caller, "subject.restriction-lifted", subject, was))
                  .map(v -> new RestrictionState(subjectRef, null, null));
            });
  }

  private Uni<?> audited(String caller, String action, SubjectEntity subject, String ground) {
    return audit.append(
        new AuditEvent(caller, action, subject.ref.toString(), Map.of("ground", ground)));
  }
}
