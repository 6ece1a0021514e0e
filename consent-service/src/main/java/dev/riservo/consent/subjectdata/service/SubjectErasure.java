package dev.riservo.consent.subjectdata.service;

import dev.riservo.audit.domain.AuditEvent;
import dev.riservo.audit.service.AuditTrail;
import dev.riservo.consent.consents.cache.ConsentChanges;
import dev.riservo.consent.consents.repository.ConsentEventRepository;
import dev.riservo.consent.dialcheck.service.NumberDirectory;
import dev.riservo.consent.inbound.repository.InboundCallRepository;
import dev.riservo.consent.objections.repository.ObjectionRepository;
import dev.riservo.consent.receipts.repository.ReceiptRepository;
import dev.riservo.consent.scrubs.service.HeldResultWithdrawals;
import dev.riservo.consent.subjects.repository.SubjectEntity;
import dev.riservo.consent.subjects.repository.SubjectRepository;
import dev.riservo.consent.suppression.repository.SuppressionRepository;
import dev.riservo.encryption.quarkus.ReactiveFieldEncryption;
import dev.riservo.idempotency.IdempotentWrites;
import dev.riservo.idempotency.NativeStatements;
import dev.riservo.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.unchecked.Unchecked;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * consent-service's erasure of a subject (DESIGN internal contract): the key shredded, every record
 * deleted, the number kept only as a keyed hash on the suppression list, held list-scrub results
 * rewritten without the number; the answer says what was erased and what was kept, and why.
 */
@ApplicationScoped
public class SubjectErasure {

  /** Something erasure kept, and why (the legal hold it rests on). */
  public record Kept(String what, String why) {}

  /** What an erasure did. */
  public record ErasureReport(
      UUID subjectRef,
      Instant erasedAt,
      boolean alreadyErased,
      Map<String, Long> erased,
      List<Kept> kept) {}

  private final SubjectRepository subjects;
  private final ConsentEventRepository events;
  private final ObjectionRepository objections;
  private final ReceiptRepository receipts;
  private final SuppressionRepository suppression;
  private final InboundCallRepository inboundCalls;
  private final ReactiveFieldEncryption encryption;
  private final AuditTrail audit;
  private final ConsentChanges changes;
  private final IdempotentWrites idempotent;
  private final HeldResultWithdrawals withdrawals;
  private final Vertx vertx;

  public SubjectErasure(
      SubjectRepository subjects,
      ConsentEventRepository events,
      ObjectionRepository objections,
      ReceiptRepository receipts,
      SuppressionRepository suppression,
      InboundCallRepository inboundCalls,
      ReactiveFieldEncryption encryption,
      AuditTrail audit,
      ConsentChanges changes,
      IdempotentWrites idempotent,
      HeldResultWithdrawals withdrawals,
      Vertx vertx) {
    this.subjects = subjects;
    this.events = events;
    this.objections = objections;
    this.receipts = receipts;
    this.suppression = suppression;
    this.inboundCalls = inboundCalls;
    this.encryption = encryption;
    this.audit = audit;
    this.changes = changes;
    this.idempotent = idempotent;
    this.withdrawals = withdrawals;
    this.vertx = vertx;
  }

  /**
   * Erases the subject (idempotent), then withdraws their number from held list-scrub results: a
   * first pass before answering, the rest by the sweep (see {@link HeldResultWithdrawals}).
   */
  public Uni<ErasureReport> erase(UUID subjectRef, String caller) {
    return Panache.withTransaction(() -> eraseRecords(subjectRef, caller))
        .chain(report -> report.alreadyErased() ? Uni.createFrom().item(report) : withdraw(report));
  }

  private Uni<ErasureReport> withdraw(ErasureReport report) {
    return vertx
        .executeBlocking(
            Uni.createFrom().item(Unchecked.supplier(() -> withdrawals.pass(report.subjectRef()))))
        .map(withdrawn -> withWithdrawn(report, withdrawn))
        .onFailure()
        .recoverWithItem(
            e -> {
              Log.warnf(
                  "list-scrub lines of erased subject %s left to the sweep: %s",
                  report.subjectRef(), e.getClass());
              List<Kept> kept = new ArrayList<>(report.kept());
              kept.add(
                  new Kept(
                      "lines of held list-scrub results that hold the number, for a few minutes",
                      "being withdrawn: a sweep retries every minute until every held result is"
                          + " rewritten without them"));
              return new ErasureReport(
                  report.subjectRef(), report.erasedAt(), false, report.erased(), kept);
            });
  }

  private static ErasureReport withWithdrawn(
      ErasureReport report, HeldResultWithdrawals.Withdrawn withdrawn) {
    Map<String, Long> erased = new LinkedHashMap<>(report.erased());
    erased.put("list-scrub result lines", withdrawn.lines());
    List<Kept> kept = new ArrayList<>(report.kept());
    if (withdrawn.results() > 0) {
      kept.add(
          new Kept(
              "until "
                  + withdrawn.lastExpiry()
                  + " at most: earlier copies of "
                  + withdrawn.results()
                  + " list-scrub result(s) in database backups, sealed",
              "a backup cannot be rewritten; each result is sealed under a key of its own, which"
                  + " is destroyed when the result expires and makes every copy unreadable"));
    }
    return new ErasureReport(report.subjectRef(), report.erasedAt(), false, erased, kept);
  }

  private Uni<ErasureReport> eraseRecords(UUID subjectRef, String caller) {
    return subjects
        .findById(subjectRef)
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.notFound("The subject"))
        .chain(
            subject ->
                subject.erased()
                    ? Uni.createFrom()
                        .item(
                            new ErasureReport(
                                subjectRef, subject.erasedAt, true, Map.of(), kept(subject)))
                    : eraseLive(subject, caller));
  }

  private Uni<ErasureReport> eraseLive(SubjectEntity subject, String caller) {
    UUID subjectRef = subject.ref;
    Instant erasedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    List<Kept> kept = kept(subject);
    String phoneIndex = subject.phoneIndex;
    return objections
        .instantsOf(subjectRef)
        .chain(instants -> suppress(subject, instants))
        .chain(() -> requestWithdrawal(subject, erasedAt))
        .chain(() -> deleteRecords(subject))
        .call(
            () -> {
              forgetIdentifiers(subject, erasedAt);
              return changes.subject(subjectRef);
            })
        .call(
            () ->
                phoneIndex == null
                    ? Uni.createFrom().voidItem()
                    : changes.number(NumberDirectory.GONE + phoneIndex))
        .call(() -> encryption.shred(subjectRef.toString()))
        .call(erased -> audit.append(erasedEvent(caller, subjectRef, erased)))
        .map(erased -> new ErasureReport(subjectRef, erasedAt, false, erased, kept));
  }

  /** The number's lines in held list-scrub results, asked to go (before the key is shredded). */
  private Uni<Void> requestWithdrawal(SubjectEntity subject, Instant erasedAt) {
    if (subject.phoneSealed == null) {
      return Uni.createFrom().voidItem();
    }
    return encryption
        .decrypt(subject.ref.toString(), "subject.phone", subject.phoneSealed)
        .chain(
            phone ->
                HeldResultWithdrawals.request(
                    NativeStatements.ofSession(),
                    subject.ref,
                    encryption.blocking().phoneIndexes(phone),
                    erasedAt));
  }

  private static void forgetIdentifiers(SubjectEntity subject, Instant erasedAt) {
    subject.suppressionKept = subject.phoneIndex != null;
    subject.erasedAt = erasedAt;
    subject.phoneSealed = null;
    subject.emailSealed = null;
    subject.customerIdSealed = null;
    subject.phoneIndex = null;
    subject.emailIndex = null;
    subject.customerIdIndex = null;
  }

  private static AuditEvent erasedEvent(String caller, UUID subjectRef, Map<String, Long> erased) {
    return new AuditEvent(
        caller,
        "subject.erased",
        subjectRef.toString(),
        erased.entrySet().stream()
            .collect(Collectors.toMap(Map.Entry::getKey, e -> Long.toString(e.getValue()))));
  }

  /** Deletes the subject's records one statement after another (one session), counting each. */
  private Uni<Map<String, Long>> deleteRecords(SubjectEntity subject) {
    UUID ref = subject.ref;
    Map<String, Long> erased = new LinkedHashMap<>();
    long[] receiptCount = new long[1];
    return receipts // first: a receipt refers to its consent event
        .deleteOfSubject(ref)
        .invoke(n -> receiptCount[0] = n)
        .chain(() -> events.deleteOfSubject(ref))
        .invoke(
            n -> {
              erased.put("consent records", n);
              erased.put("receipts", receiptCount[0]);
            })
        .chain(() -> objections.deleteOfSubject(ref))
        .invoke(n -> erased.put("objections", n))
        .invoke(() -> erased.put("identifiers", (long) identifierCount(subject)))
        .chain(() -> inboundCalls.deleteOfCaller(subject.phoneIndex))
        .invoke(n -> erased.put("callback-line calls", n))
        // a retry of an earlier request gets a 410, never the stored answer with their data
        .chain(() -> idempotent.forgetSubject(NativeStatements.ofSession(), ref))
        .invoke(n -> erased.put("stored answers to retried requests", n.longValue()))
        .replaceWith(erased);
  }

  private Uni<Integer> suppress(SubjectEntity subject, List<Instant> objectedAt) {
    if (subject.phoneIndex == null) {
      return Uni.createFrom().item(0);
    }
    Instant earliest = objectedAt.stream().min(Comparator.naturalOrder()).orElse(null);
    return suppression.suppress(
        subject.phoneIndex, earliest, earliest == null ? "ERASURE" : "OBJECTION");
  }

  /** What erasure keeps, each with the legal hold it rests on. */
  private static List<Kept> kept(SubjectEntity subject) {
    List<Kept> kept = new ArrayList<>();
    if (subject.erased() ? subject.suppressionKept : subject.phoneIndex != null) {
      kept.add(
          new Kept(
              "a keyed hash of the phone number on the suppression list, with the objection date"
                  + " if there was one",
              "so the person is never called again for marketing: an objection survives erasure"
                  + " (GDPR Art. 21(3), DESIGN rule 4); the hash cannot be reversed"));
      kept.add(
          new Kept(
              "dial-check evidence for the number: its keyed hash, each decision, and the facts"
                  + " the decision rested on (no number, name or consent text)",
              "legal hold: proof that each call was checked against the opposition register and"
                  + " the consent state before it was made (GDPR Art. 17(3)(e), defence of legal"
                  + " claims; DESIGN rules 5-8); the hash cannot be reversed"));
    }
    kept.add(
        new Kept(
            "audit trail entries naming the subject reference",
            "accountability (GDPR Art. 5(2)); they hold no personal data in clear"));
    return kept;
  }

  private static int identifierCount(SubjectEntity subject) {
    return (subject.phoneSealed == null ? 0 : 1)
        + (subject.emailSealed == null ? 0 : 1)
        + (subject.customerIdSealed == null ? 0 : 1);
  }
}
