package dev.riservo.notice.subjectdata.service;

import dev.riservo.audit.domain.AuditEvent;
import dev.riservo.audit.service.AuditTrail;
import dev.riservo.encryption.quarkus.ReactiveFieldEncryption;
import dev.riservo.idempotency.IdempotentWrites;
import dev.riservo.idempotency.NativeStatements;
import dev.riservo.notice.refusal.domain.Refusal;
import dev.riservo.notice.subjectdata.repository.SubjectEntity;
import dev.riservo.notice.subjectdata.repository.SubjectRepository;
import dev.riservo.notice.subjectdata.service.SubjectDataPart.Kept;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Erasure of a subject (DESIGN internal contract): every {@link SubjectDataPart} deletes its
 * records, stored idempotent answers naming the subject become a 410, the identifiers are cleared
 * (the row stays as a tombstone so that a second erasure answers {@code alreadyErased}), and the
 * subject's key is shredded last, which makes every copy of their ciphertext unreadable, backups
 * included. The answer says what was erased and what was kept, and why. A dry run answers the same
 * plan and changes nothing.
 */
@ApplicationScoped
public class SubjectErasure {

  /** What an erasure did (or, in a dry run, would do). */
  public record ErasureReport(
      UUID subjectRef,
      Instant erasedAt,
      boolean alreadyErased,
      boolean dryRun,
      Map<String, Long> erased,
      List<Kept> kept) {}

  static final String IDENTIFIERS = "identifiers";
  static final String STORED_ANSWERS = "stored answers to retried requests";

  private final SubjectRepository subjects;
  private final List<SubjectDataPart> parts;
  private final ReactiveFieldEncryption encryption;
  private final IdempotentWrites idempotent;
  private final AuditTrail audit;

  public SubjectErasure(
      SubjectRepository subjects,
      @Any Instance<SubjectDataPart> parts,
      ReactiveFieldEncryption encryption,
      IdempotentWrites idempotent,
      AuditTrail audit) {
    this.subjects = subjects;
    this.parts = SubjectDataService.ordered(parts);
    this.encryption = encryption;
    this.idempotent = idempotent;
    this.audit = audit;
  }

  /** Erases the subject; idempotent (a second call answers the first's instant). */
  @WithTransaction
  public Uni<ErasureReport> erase(UUID subjectRef, String caller) {
    return held(subjectRef)
        .chain(
            subject ->
                subject.erased()
                    ? Uni.createFrom().item(already(subject, false))
                    : eraseLive(subject, caller));
  }

  /** What {@link #erase} would do now; changes nothing. */
  @WithSession
  public Uni<ErasureReport> plan(UUID subjectRef) {
    return held(subjectRef)
        .chain(
            subject -> {
              if (subject.erased()) {
                return Uni.createFrom().item(already(subject, true));
              }
              Map<String, Long> counts = new LinkedHashMap<>();
              counts.put(IDENTIFIERS, (long) subject.identifierCount());
              Uni<Void> chain = Uni.createFrom().voidItem();
              for (SubjectDataPart part : parts) {
                chain =
                    chain
                        .chain(() -> part.count(subjectRef))
                        .invoke(n -> counts.put(part.name(), n))
                        .replaceWithVoid();
              }
              return chain
                  .chain(() -> storedAnswers(subjectRef))
                  .invoke(n -> counts.put(STORED_ANSWERS, n))
                  .map(v -> new ErasureReport(subjectRef, null, false, true, counts, kept()));
            });
  }

  /** The subject, erased or not; 404 if none was ever held. */
  private Uni<SubjectEntity> held(UUID subjectRef) {
    return subjects
        .findById(subjectRef)
        .onItem()
        .ifNull()
        .failWith(() -> Refusal.notFound("The subject"));
  }

  private ErasureReport already(SubjectEntity subject, boolean dryRun) {
    return new ErasureReport(subject.ref, subject.erasedAt, true, dryRun, Map.of(), kept());
  }

  private Uni<ErasureReport> eraseLive(SubjectEntity subject, String caller) {
    UUID ref = subject.ref;
    Instant erasedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    Map<String, Long> erased = new LinkedHashMap<>();
    erased.put(IDENTIFIERS, (long) subject.identifierCount());
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (SubjectDataPart part : parts) {
      chain =
          chain
              .chain(() -> part.erase(ref))
              .invoke(n -> erased.put(part.name(), n))
              .replaceWithVoid();
    }
    return chain
        // a retry of an earlier request gets a 410, never the stored answer naming them
        .chain(() -> idempotent.forgetSubject(NativeStatements.ofSession(), ref))
        .invoke(n -> erased.put(STORED_ANSWERS, n.longValue()))
        .invoke(() -> subject.forgetIdentifiers(erasedAt))
        .chain(subjects::flush)
        // last: a failure before this rolls everything back and leaves the key; the shred is
        // recorded in the shred ledger first, so a restored key store never brings them back
        .call(() -> encryption.shred(ref.toString()))
        .call(() -> audit.append(erasedEvent(caller, ref, erased)))
        .map(v -> new ErasureReport(ref, erasedAt, false, false, erased, kept()));
  }

  private Uni<Long> storedAnswers(UUID subjectRef) {
    return NativeStatements.ofSession()
        .rows(
            "SELECT subject_ref, count(*) FROM idempotent_request WHERE subject_ref = $1"
                + " GROUP BY subject_ref",
            subjectRef)
        .map(rows -> rows.isEmpty() ? 0L : ((Number) rows.get(0)[1]).longValue());
  }

  /** What erasure keeps: the audit trail, and whatever each part's legal holds keep. */
  private List<Kept> kept() {
    List<Kept> kept = new ArrayList<>();
    parts.forEach(part -> kept.addAll(part.kept()));
    kept.add(
        new Kept(
            "audit trail entries naming the subject reference (that a notice version was"
                + " presented, when and how; that the subject was created, exported, erased)",
            "accountability (GDPR Art. 5(2)): they hold no personal data in clear, and the"
                + " reference leads nowhere once the identifiers are gone"));
    kept.add(
        new Kept(
            "the subject reference and the instant of erasure",
            "so that an erasure asked again answers what was done (idempotent) and nothing about"
                + " the subject is found or returned again"));
    return kept;
  }

  private static AuditEvent erasedEvent(String caller, UUID subjectRef, Map<String, Long> erased) {
    return new AuditEvent(
        caller,
        "subject.erased",
        subjectRef.toString(),
        erased.entrySet().stream()
            .collect(Collectors.toMap(Map.Entry::getKey, e -> Long.toString(e.getValue()))));
  }
}
