package dev.riservo.consent.consents.service;

import dev.riservo.audit.domain.AuditEvent;
import dev.riservo.audit.service.AuditTrail;
import dev.riservo.consent.config.ConsentConfig;
import dev.riservo.consent.consents.cache.ConsentChanges;
import dev.riservo.consent.consents.cache.SubjectSnapshots;
import dev.riservo.consent.consents.domain.Channel;
import dev.riservo.consent.consents.domain.CollectorKind;
import dev.riservo.consent.consents.domain.ConsentEvent;
import dev.riservo.consent.consents.domain.ConsentLedger;
import dev.riservo.consent.consents.domain.ConsentState;
import dev.riservo.consent.consents.domain.ProvenanceSource;
import dev.riservo.consent.consents.domain.PurposeStatus;
import dev.riservo.consent.consents.repository.ConsentEventEntity;
import dev.riservo.consent.consents.repository.ConsentEventRepository;
import dev.riservo.consent.consents.repository.DirectConsentRows;
import dev.riservo.consent.objections.repository.ObjectionRepository;
import dev.riservo.consent.purposes.repository.PurposeEntity;
import dev.riservo.consent.purposes.repository.PurposeRepository;
import dev.riservo.consent.receipts.repository.ReceiptEntity;
import dev.riservo.consent.receipts.service.ReceiptService;
import dev.riservo.consent.sql.NativeStatements;
import dev.riservo.consent.sql.RowIds;
import dev.riservo.consent.subjects.repository.DirectSubjectRows;
import dev.riservo.consent.subjects.repository.SubjectEntity;
import dev.riservo.consent.subjects.service.SubjectSelector;
import dev.riservo.consent.subjects.service.SubjectService;
import dev.riservo.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

  public ConsentService(
      ConsentEventRepository events,
      PurposeRepository purposes,
      ObjectionRepository objections,
      SubjectService subjects,
      ReceiptService receipts,
      AuditTrail audit,
      ConsentConfig config,
      SubjectSnapshots snapshots,
      ConsentChanges changes) {
    this.events = events;
    this.purposes = purposes;
    this.objections = objections;
    this.subjects = subjects;
    this.receipts = receipts;
    this.audit = audit;
    this.config = config;
    this.snapshots = snapshots;
    this.changes = changes;
  }

  /**
   * Records one consent event in the transaction {@code connection} carries: the lean write path,
   * native statements on a pooled connection (no Hibernate session), the subject's rows, the event,
   * its receipt, the change notification and the audit entries.
   */
  public Uni<Recorded> record(
      SqlConnection connection, SubjectSelector selector, ConsentDraft draft, String actor) {
    Instant now = now();
    ConsentDraft timed = draft.occurredAt() == null ? withOccurredAt(draft, now) : draft;
    Writes writes = new Writes(connection);
    return purpose(writes, timed.purpose())
        .onItem()
        .ifNull()
        .failWith(
            () ->
                ProblemException.unprocessable(
                    "unknown-purpose", "purpose", "is not a known purpose"))
        .invoke(purpose -> ConsentRules.check(timed, purpose.toDomain(), now, config.clockSkew()))
        .chain(
            purpose ->
                subjects
                    .resolve(
                        writes.subjects(), selector, timed.state() == ConsentState.GIVEN, actor)
                    .chain(subject -> append(writes, subject, purpose, timed, actor, now)));
  }

  /** Withdraws every consent given, in the transaction {@code connection} carries. */
  public Uni<WithdrawnAll> withdrawAll(
      SqlConnection connection, SubjectSelector selector, WithdrawAllDraft draft, String actor) {
    Instant now = now();
    Instant occurredAt = ConsentRules.occurredAt(draft.occurredAt(), now, config.clockSkew());
    Writes writes = new Writes(connection);
    return subjects
        .resolve(writes.subjects(), selector, false, actor)
        .chain(
            subject ->
                writes
                    .rows()
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
                                      purpose(writes, code)
                                          .chain(
                                              purpose ->
                                                  append(
                                                      writes,
                                                      subject,
                                                      purpose,
                                                      withdrawal(code, occurredAt, draft, history),
                                                      actor,
                                                      now)))
                              .collect()
                              .asList()
                              .map(withdrawn -> new WithdrawnAll(subject.ref, withdrawn));
                        }));
  }

  @WithSession
  public Uni<SubjectConsents> consentsOf(UUID subjectRef, Instant at) {
    Instant when = at == null ? now() : at;
    return snapshot(subjectRef)
        .chain(
            snapshot ->
                directMarketingCodes()
                    .map(
                        marketing -> {
                          List<ConsentEvent> domain =
                              snapshot.history().stream()
                                  .map(ConsentEventEntity::toDomain)
                                  .toList();
                          return new SubjectConsents(
                              subjectRef,
                              when,
                              snapshot.objections().stream().anyMatch(i -> !i.isAfter(when)),
                              ConsentLedger.statusAt(
                                  domain, marketing, snapshot.objections(), when),
                              snapshot.history().stream().map(ConsentRecordView::of).toList());
                        }));
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
  private Uni<PurposeEntity> purpose(Writes writes, String code) {
    PurposeEntity cached = snapshots.purpose(code);
    if (cached != null) {
      return Uni.createFrom().item(cached);
    }
    long generation = snapshots.purposeGeneration();
    return writes
        .rows()
        .purpose(code)
        .invoke(
            loaded -> {
              if (loaded != null) {
                snapshots.putPurpose(loaded, generation);
              }
            });
  }

  /** One transaction's statements: the consent rows and the subject rows, on one connection. */
  private record Writes(
      SqlConnection connection, DirectConsentRows rows, DirectSubjectRows subjects) {
    Writes(SqlConnection connection) {
      this(connection, NativeStatements.on(connection));
    }

    private Writes(SqlConnection connection, NativeStatements sql) {
      this(connection, new DirectConsentRows(sql), new DirectSubjectRows(sql));
    }
  }

  private Uni<Recorded> append(
      Writes writes,
      SubjectEntity subject,
      PurposeEntity purpose,
      ConsentDraft draft,
      String actor,
      Instant now) {
    ConsentEventEntity event = event(subject, purpose, draft, actor, now);
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
    Uni<Void> announced;
    if (event.state == ConsentState.GIVEN) {
      // permits more: told to the other replicas after commit, off the notification lock
      changes.afterCommit(subject.ref.toString());
      announced = Uni.createFrom().voidItem();
    } else {
      announced = changes.subject(writes.rows().sql(), subject.ref);
    }
    SubjectEntity unwritten = writes.subjects().takeNew();
    // The rows, the audit entries and the notification go out together (pipelined on the
    // connection): the audit trail and the notification name the subject by text, with no key.
    return receipts
        .sign(event, purpose)
        .call(
            receipt ->
                Uni.combine()
                    .all()
                    .unis(
                        writes.rows().insert(unwritten, event, receipt),
                        audit.append(writes.connection(), entries),
                        announced)
                    .discardItems())
        .map(receipt -> recorded(event, receipt));
  }

  private ConsentEventEntity event(
      SubjectEntity subject, PurposeEntity purpose, ConsentDraft draft, String actor, Instant now) {
    ConsentEventEntity event = new ConsentEventEntity();
    event.id = RowIds.next();
    event.receiptId = RowIds.next();
    event.subjectRef = subject.ref;
    event.purposeCode = purpose.code;
    event.state = draft.state();
    event.occurredAt = draft.occurredAt().truncatedTo(ChronoUnit.MICROS);
    event.recordedAt = now;
    event.channel = draft.channel();
    event.collectorKind = draft.collectedBy();
    event.collectorId = draft.collectedBy() == CollectorKind.AGENT ? actor : null;
    event.noticeId = draft.noticeId();
    event.noticeHash = draft.noticeHash();
    event.recordingId = draft.recordingId();
    event.recordingOffsetMs = draft.recordingOffsetMs();
    event.jurisdiction =
        draft.jurisdiction() == null ? config.defaultJurisdiction() : draft.jurisdiction();
    event.language = draft.language();
    event.expiresAt = draft.expiresAt();
    event.provenanceSource = draft.provenanceSource();
    event.provenanceSeller = draft.sellerChain().isEmpty() ? null : draft.sellerChain().get(0);
    event.withinContract = draft.withinContract();
    event.contractEndsAt = draft.contractEndsAt();
    return event;
  }

  private static Recorded recorded(ConsentEventEntity event, ReceiptEntity receipt) {
    return new Recorded(
        event.id,
        event.subjectRef,
        event.purposeCode,
        event.state,
        event.occurredAt,
        receipt.id,
        receipt.jws);
  }

  private static ConsentDraft withdrawal(
      String code, Instant occurredAt, WithdrawAllDraft draft, List<ConsentEventEntity> history) {
    ConsentEventEntity last =
        history.stream().filter(e -> e.purposeCode.equals(code)).reduce((a, b) -> b).orElseThrow();
    return new ConsentDraft(
        code,
        ConsentState.WITHDRAWN,
        occurredAt,
        draft.channel(),
        draft.collectedBy(),
        null,
        null,
        draft.recordingId(),
        draft.recordingOffsetMs(),
        last.jurisdiction,
        last.language,
        null,
        ProvenanceSource.OWN_COLLECTION,
        List.of(),
        false,
        null);
  }

  private static ConsentDraft withOccurredAt(ConsentDraft d, Instant at) {
    return new ConsentDraft(
        d.purpose(),
        d.state(),
        at,
        d.channel(),
        d.collectedBy(),
        d.noticeId(),
        d.noticeHash(),
        d.recordingId(),
        d.recordingOffsetMs(),
        d.jurisdiction(),
        d.language(),
        d.expiresAt(),
        d.provenanceSource(),
        d.sellerChain(),
        d.withinContract(),
        d.contractEndsAt());
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}
