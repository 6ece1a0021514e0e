package dev.riservo.consent.consents.service;

import dev.riservo.audit.domain.AuditEvent;
import dev.riservo.audit.service.AuditTrail;
import dev.riservo.consent.config.ConsentConfig;
import dev.riservo.consent.consents.cache.ConsentChanges;
import dev.riservo.consent.consents.cache.SubjectSnapshots;
import dev.riservo.consent.consents.domain.CallMeans;
import dev.riservo.consent.consents.domain.Channel;
import dev.riservo.consent.consents.domain.CollectorKind;
import dev.riservo.consent.consents.domain.ConsentLedger;
import dev.riservo.consent.consents.domain.ConsentState;
import dev.riservo.consent.consents.domain.PurposeStatus;
import dev.riservo.consent.consents.repository.ConsentEventEntity;
import dev.riservo.consent.consents.repository.ConsentEventRepository;
import dev.riservo.consent.consents.repository.DirectConsentRows;
import dev.riservo.consent.objections.repository.ObjectionRepository;
import dev.riservo.consent.purposes.repository.PurposeEntity;
import dev.riservo.consent.purposes.repository.PurposeRepository;
import dev.riservo.consent.receipts.service.ReceiptService;
import dev.riservo.consent.subjects.repository.DirectSubjectRows;
import dev.riservo.consent.subjects.repository.SubjectEntity;
import dev.riservo.consent.subjects.service.SubjectSelector;
import dev.riservo.consent.subjects.service.SubjectService;
import dev.riservo.idempotency.NativeStatements;
import dev.riservo.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Consent events: recorded append-only with a signed receipt and an audit entry each; the state is
 * derived ({@link ConsentLedger}).
 */
@ApplicationScoped
public class ConsentService {

  /** What a recorded event answers: its id, its receipt. */
  public record Recorded(
      UUID id,
      UUID subjectRef,
      String purpose,
      ConsentState state,
      CallMeans means,
      Instant occurredAt,
      UUID receiptId,
      String receipt) {}

  /** What a withdraw-all did: the subject, and one withdrawal per purpose that was given. */
  public record WithdrawnAll(UUID subjectRef, List<Recorded> withdrawn) {}

  /** How a withdraw-all was heard. */
  public record WithdrawAllDraft(
      Instant occurredAt,
      Channel channel,
      CollectorKind collectedBy,
      String recordingId,
      Long recordingOffsetMs) {}

  /** The state per purpose at an instant, and the full history. */
  public record SubjectConsents(
      UUID subjectRef,
      Instant at,
      boolean objectedToDirectMarketing,
      List<PurposeStatus> purposes,
      List<ConsentRecordView> history) {}

  private final ConsentEventRepository events;
  private final PurposeRepository purposes;
  private final ObjectionRepository objections;
  private final SubjectService subjects;
  private final ReceiptService receipts;
  private final AuditTrail audit;
  private final ConsentConfig config;
  private final SubjectSnapshots snapshots;
  private final ConsentChanges changes;
  private final Pool pool;
  private final SealedProvenance provenance;

  public ConsentService(
      ConsentEventRepository events,
      PurposeRepository purposes,
      ObjectionRepository objections,
      SubjectService subjects,
      ReceiptService receipts,
      AuditTrail audit,
      ConsentConfig config,
      SubjectSnapshots snapshots,
      ConsentChanges changes,
      Pool pool,
      SealedProvenance provenance) {
    this.events = events;
    this.purposes = purposes;
    this.objections = objections;
    this.subjects = subjects;
    this.receipts = receipts;
    this.audit = audit;
    this.config = config;
    this.snapshots = snapshots;
    this.changes = changes;
    this.pool = pool;
    this.provenance = provenance;
  }

  /** A consent to record, checked: its time set, its purpose known, the rules met. */
  public record Checked(ConsentDraft draft, PurposeEntity purpose, Instant now) {}

  /**
   * A consent event ready to be written: the new subject it names (or null), its rows and its audit
   * entries.
   */
  public record Pending(
      SubjectEntity newSubject,
      ConsentEventEntity event,
      ReceiptService.Signed receipt,
      List<AuditEvent> audit) {

    /** A withdrawal restricts: it is announced inside the writing transaction. */
    boolean restricts() {
      return event.state != ConsentState.GIVEN;
    }

    public Recorded recorded() {
      return new Recorded(
          event.id,
          event.subjectRef,
          event.purposeCode,
          event.state,
          event.callMeans,
          event.occurredAt,
          receipt.stored().id,
          receipt.jws());
    }
  }

  /**
   * Checks a consent before any transaction: its time (now if none), its purpose (422 if unknown),
   * the rules of {@link ConsentRules} (422 naming the field).
   */
  public Uni<Checked> check(ConsentDraft draft) {
    Instant now = now();
    ConsentDraft timed = draft.occurredAt() == null ? draft.at(now) : draft;
    return purpose(NativeStatements.on(pool), timed.purpose())
        .onItem()
        .ifNull()
        .failWith(
            () ->
                ProblemException.unprocessable(
                    "unknown-purpose", "purpose", "is not a known purpose"))
        .map(
            purpose -> {
              ConsentRules.check(timed, purpose.toDomain(), now, config.clockSkew());
              return new Checked(timed, purpose, now);
            });
  }

  /**
   * The event of a checked consent for its subject, with its signed receipt and audit entries
   * ({@code unwritten}: the subject if it is new and not written yet). Nothing is written; the
   * change is kept with the current request (applied here once the answer is ready).
   */
  public Uni<Pending> prepare(
      SubjectEntity subject, SubjectEntity unwritten, Checked checked, String actor) {
    PurposeEntity purpose = checked.purpose();
    ConsentEventEntity event =
        checked
            .draft()
            .event(subject.ref, purpose, actor, checked.now(), config.defaultJurisdiction());
    List<AuditEvent> entries = new ArrayList<>(subjects.registration(subject, actor));
    entries.add(
        new AuditEvent(
            actor,
            event.state == ConsentState.GIVEN ? "consent.given" : "consent.withdrawn",
            subject.ref.toString(),
            Map.of(
                "purpose", purpose.code,
                "channel", event.channel.name(),
                "event", event.id.toString(),
                "receipt", event.receiptId.toString())));
    if (event.state == ConsentState.GIVEN) {
      // permits more: told to the other replicas after commit, off the notification lock
      changes.afterCommit(subject.ref.toString());
    } else {
      changes.restricted(subject.ref);
    }
    return receipts // signed with the seller in clear, then both kept only sealed
        .sign(event, purpose)
        .call(() -> provenance.seal(event))
        .map(signed -> new Pending(unwritten, event, signed, List.copyOf(entries)));
  }

  /**
   * Writes prepared events in the transaction {@code connection} carries, pipelined: the new
   * subjects, events and receipts in one statement, the audit entries in one, and the withdrawals
   * announced (the audit trail and the notification name subjects by reference, with no key).
   */
  public Uni<Void> write(SqlConnection connection, List<Pending> pending) {
    if (pending.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    NativeStatements sql = NativeStatements.on(connection);
    List<String> restricted =
        pending.stream()
            .filter(Pending::restricts)
            .map(p -> p.event().subjectRef.toString())
            .distinct()
            .toList();
    return Uni.combine()
        .all()
        .unis(
            new DirectConsentRows(sql)
                .insert(
                    pending.stream().map(Pending::newSubject).filter(Objects::nonNull).toList(),
                    pending.stream().map(Pending::event).toList(),
                    pending.stream().map(p -> p.receipt().stored()).toList()),
            audit.append(connection, pending.stream().flatMap(p -> p.audit().stream()).toList()),
            changes.announceAll(sql, restricted))
        .discardItems();
  }

  /** Withdraws every consent given, in the transaction {@code connection} carries. */
  public Uni<WithdrawnAll> withdrawAll(
      SqlConnection connection, SubjectSelector selector, WithdrawAllDraft draft, String actor) {
    Instant now = now();
    Instant occurredAt = ConsentRules.occurredAt(draft.occurredAt(), now, config.clockSkew());
    NativeStatements sql = NativeStatements.on(connection);
    return subjects
        .resolve(new DirectSubjectRows(sql), selector, false, actor)
        .chain(
            subject ->
                new DirectConsentRows(sql)
                    .history(subject.ref)
                    .chain(
                        history -> {
                          List<String> given =
                              ConsentLedger.givenAt(
                                  history.stream().map(ConsentEventEntity::toDomain).toList(),
                                  Instant.MAX);
                          return Multi.createFrom()
                              .iterable(given)
                              .onItem()
                              .transformToUniAndConcatenate(
                                  code ->
                                      purpose(sql, code)
                                          .chain(
                                              purpose ->
                                                  prepare(
                                                      subject,
                                                      null,
                                                      new Checked(
                                                          withdrawal(
                                                              code, occurredAt, draft, history),
                                                          purpose,
                                                          now),
                                                      actor)))
                              .collect()
                              .asList()
                              .call(withdrawn -> write(connection, withdrawn))
                              .map(
                                  withdrawn ->
                                      new WithdrawnAll(
                                          subject.ref,
                                          withdrawn.stream().map(Pending::recorded).toList()));
                        }));
  }

  @WithSession
  public Uni<SubjectConsents> consentsOf(UUID subjectRef, Instant at) {
    Instant when = at == null ? now() : at;
    return snapshot(subjectRef)
        .chain(
            snapshot ->
                directMarketingCodes()
                    .chain(
                        marketing ->
                            provenance
                                .views(snapshot.history())
                                .map(
                                    views ->
                                        new SubjectConsents(
                                            subjectRef,
                                            when,
                                            snapshot.objections().stream()
                                                .anyMatch(i -> !i.isAfter(when)),
                                            ConsentLedger.statusAt(
                                                snapshot.history().stream()
                                                    .map(ConsentEventEntity::toDomain)
                                                    .toList(),
                                                marketing,
                                                snapshot.objections(),
                                                when),
                                            views))));
  }

  /** The subject's events and objections: from memory, or read one after another and cached. */
  public Uni<SubjectSnapshots.Snapshot> snapshot(UUID subjectRef) {
    SubjectSnapshots.Snapshot cached = snapshots.get(subjectRef);
    if (cached != null) {
      return Uni.createFrom().item(cached);
    }
    long generation = snapshots.generation();
    return subjects
        .get(subjectRef)
        .chain(() -> events.history(subjectRef))
        .chain(
            history ->
                objections
                    .instantsOf(subjectRef)
                    .map(objected -> new SubjectSnapshots.Snapshot(history, objected)))
        .invoke(loaded -> snapshots.put(subjectRef, loaded, generation));
  }

  private Uni<Set<String>> directMarketingCodes() {
    Set<String> cached = snapshots.directMarketing();
    if (cached != null) {
      return Uni.createFrom().item(cached);
    }
    long generation = snapshots.generation();
    return purposes
        .listAll(true)
        .map(
            list ->
                list.stream()
                    .filter(p -> p.category.isDirectMarketing())
                    .map(p -> p.code)
                    .collect(Collectors.toSet()))
        .invoke(codes -> snapshots.putDirectMarketing(codes, generation));
  }

  /** The purpose from memory, or read (and remembered); null if there is none. */
  private Uni<PurposeEntity> purpose(NativeStatements sql, String code) {
    PurposeEntity cached = snapshots.purpose(code);
    if (cached != null) {
      return Uni.createFrom().item(cached);
    }
    long generation = snapshots.purposeGeneration();
    return new DirectConsentRows(sql)
        .purpose(code)
        .invoke(
            loaded -> {
              if (loaded != null) {
                snapshots.putPurpose(loaded, generation);
              }
            });
  }

  private static ConsentDraft withdrawal(
      String code, Instant occurredAt, WithdrawAllDraft draft, List<ConsentEventEntity> history) {
    ConsentEventEntity last =
        history.stream().filter(e -> e.purposeCode.equals(code)).reduce((a, b) -> b).orElseThrow();
    return ConsentDraft.withdrawal(
        code,
        occurredAt,
        draft.channel(),
        draft.collectedBy(),
        draft.recordingId(),
        draft.recordingOffsetMs(),
        last.jurisdiction,
        last.language);
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}
