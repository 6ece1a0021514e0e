package dev.riservo.consent.subjectdata.service;

import dev.riservo.audit.domain.AuditEvent;
import dev.riservo.audit.service.AuditTrail;
import dev.riservo.consent.consents.cache.ConsentChanges;
import dev.riservo.consent.consents.repository.ConsentEventEntity;
import dev.riservo.consent.consents.repository.ConsentEventRepository;
import dev.riservo.consent.consents.service.ConsentRecordView;
import dev.riservo.consent.dialcheck.service.NumberDirectory;
import dev.riservo.consent.idempotency.IdempotentWrites;
import dev.riservo.consent.inbound.repository.InboundCallRepository;
import dev.riservo.consent.objections.repository.ObjectionEntity;
import dev.riservo.consent.objections.repository.ObjectionRepository;
import dev.riservo.consent.purposes.repository.PurposeEntity;
import dev.riservo.consent.purposes.repository.PurposeRepository;
import dev.riservo.consent.receipts.repository.ReceiptEntity;
import dev.riservo.consent.receipts.repository.ReceiptRepository;
import dev.riservo.consent.sql.NativeStatements;
import dev.riservo.consent.subjects.repository.SubjectEntity;
import dev.riservo.consent.subjects.repository.SubjectRepository;
import dev.riservo.consent.subjects.service.SubjectIdentifiers;
import dev.riservo.consent.subjects.service.SubjectService;
import dev.riservo.consent.suppression.repository.SuppressionRepository;
import dev.riservo.encryption.quarkus.ReactiveFieldEncryption;
import dev.riservo.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * consent-service as a data source of the rights service (DESIGN.md internal contract): find a
 * subject, export everything held about them, erase them.
 */
@ApplicationScoped
public class SubjectDataService {

  /** A purpose as an export lists it. */
  public record PurposeTerms(
      String code, String name, String legalBasis, String category, int retentionDays) {}

  /** Everything consent-service holds about a subject (personal data: never log it). */
  public record SubjectExport(
      String service,
      UUID subjectRef,
      Instant createdAt,
      Map<String, String> identifiers,
      List<String> categories,
      List<PurposeTerms> purposes,
      List<Map<String, Object>> sources,
      List<String> recipients,
      List<ConsentRecordView> consents,
      List<Map<String, Object>> objections,
      List<Map<String, Object>> receipts,
      List<Map<String, Object>> callbackCalls) {}

  /** Something erasure kept, and why. */
  public record Kept(String what, String why) {}

  /** What an erasure did. */
  public record ErasureReport(
      UUID subjectRef,
      Instant erasedAt,
      boolean alreadyErased,
      Map<String, Long> erased,
      List<Kept> kept) {}

  static final String SERVICE = "consent-service";

  private final SubjectRepository subjects;
  private final SubjectService subjectService;
  private final ConsentEventRepository events;
  private final ObjectionRepository objections;
  private final ReceiptRepository receipts;
  private final PurposeRepository purposes;
  private final SuppressionRepository suppression;
  private final InboundCallRepository inboundCalls;
  private final ReactiveFieldEncryption encryption;
  private final AuditTrail audit;
  private final ConsentChanges changes;
  private final IdempotentWrites idempotent;

  public SubjectDataService(
      SubjectRepository subjects,
      SubjectService subjectService,
      ConsentEventRepository events,
      ObjectionRepository objections,
      ReceiptRepository receipts,
      PurposeRepository purposes,
      SuppressionRepository suppression,
      InboundCallRepository inboundCalls,
      ReactiveFieldEncryption encryption,
      AuditTrail audit,
      ConsentChanges changes,
      IdempotentWrites idempotent) {
    this.subjects = subjects;
    this.subjectService = subjectService;
    this.events = events;
    this.objections = objections;
    this.receipts = receipts;
    this.purposes = purposes;
    this.suppression = suppression;
    this.inboundCalls = inboundCalls;
    this.encryption = encryption;
    this.audit = audit;
    this.changes = changes;
    this.idempotent = idempotent;
  }

  /** The live subjects the identifiers name (none or one). */
  @WithSession
  public Uni<List<UUID>> search(SubjectIdentifiers identifiers) {
    return subjectService
        .find(identifiers, "identifiers")
        .map(subject -> List.of(subject.ref))
        .onFailure(ProblemException.class)
        .recoverWithUni(
            e ->
                ((ProblemException) e).status() == 404
                    ? Uni.createFrom().item(List.<UUID>of())
                    : Uni.createFrom().failure(e));
  }

  /** What an export gathers, one read after another. */
  private static final class Parts {
    Map<String, String> identifiers;
    List<ConsentEventEntity> history;
    List<ObjectionEntity> objections;
    List<ReceiptEntity> receipts;
    List<Map<String, Object>> calls;
  }

  @WithSession
  public Uni<SubjectExport> export(UUID subjectRef, String caller) {
    Parts parts = new Parts();
    // One Hibernate Reactive session: every read runs after the one before, never at once.
    return subjectService
        .get(subjectRef)
        .chain(
            subject ->
                identifiers(subject)
                    .invoke(ids -> parts.identifiers = ids)
                    .chain(() -> events.history(subjectRef))
                    .invoke(history -> parts.history = history)
                    .chain(() -> objections.ofSubject(subjectRef))
                    .invoke(objected -> parts.objections = objected)
                    .chain(() -> receipts.ofSubject(subjectRef))
                    .invoke(issued -> parts.receipts = issued)
                    .chain(() -> inboundCalls.ofCaller(subject.phoneIndex))
                    .invoke(calls -> parts.calls = calls)
                    .chain(() -> purposes.listAll(true))
                    .map(
                        all ->
                            export(
                                subject,
                                parts.identifiers,
                                parts.history,
                                parts.objections,
                                parts.receipts,
                                parts.calls,
                                all)))
        .call(
            exported ->
                audit.append(
                    new AuditEvent(caller, "subject.exported", subjectRef.toString(), Map.of())));
  }

  /** Erasure: idempotent; shreds the key, keeps the suppression entry and says so. */
  @WithTransaction
  public Uni<ErasureReport> erase(UUID subjectRef, String caller) {
    return subjects
        .findById(subjectRef)
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.notFound("The subject"))
        .chain(
            subject -> {
              if (subject.erased()) {
                return Uni.createFrom()
                    .item(
                        new ErasureReport(
                            subjectRef, subject.erasedAt, true, Map.of(), kept(subject)));
              }
              return objections
                  .instantsOf(subjectRef)
                  .chain(instants -> suppress(subject, instants))
                  .chain(() -> deleteRecords(subject))
                  .chain(
                      erased -> {
                        List<Kept> kept = kept(subject);
                        String phoneIndex = subject.phoneIndex;
                        subject.suppressionKept = subject.phoneIndex != null;
                        subject.erasedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                        subject.phoneSealed = null;
                        subject.emailSealed = null;
                        subject.customerIdSealed = null;
                        subject.phoneIndex = null;
                        subject.emailIndex = null;
                        subject.customerIdIndex = null;
                        return changes
                            .subject(subjectRef)
                            .call(
                                () ->
                                    phoneIndex == null
                                        ? Uni.createFrom().voidItem()
                                        : changes.number(NumberDirectory.GONE + phoneIndex))
                            .chain(() -> encryption.shred(subjectRef.toString()))
                            .call(
                                () ->
                                    audit.append(
                                        new AuditEvent(
                                            caller,
                                            "subject.erased",
                                            subjectRef.toString(),
                                            erased.entrySet().stream()
                                                .collect(
                                                    Collectors.toMap(
                                                        Map.Entry::getKey,
                                                        e -> Long.toString(e.getValue()))))))
                            .map(
                                shredded ->
                                    new ErasureReport(
                                        subjectRef, subject.erasedAt, false, erased, kept));
                      });
            });
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

  private static List<Kept> kept(SubjectEntity subject) {
    List<Kept> kept = new ArrayList<>();
    if (subject.erased() ? subject.suppressionKept : subject.phoneIndex != null) {
      kept.add(
          new Kept(
              "a keyed hash of the phone number on the suppression list, with the objection date"
                  + " if there was one",
              "so the person is never called again for marketing: an objection survives erasure"
                  + " (GDPR Art. 21(3), DESIGN rule 4); the hash cannot be reversed"));
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

  private Uni<Map<String, String>> identifiers(SubjectEntity subject) {
    String ref = subject.ref.toString();
    Map<String, String> out = new LinkedHashMap<>();
    return open(ref, "subject.phone", subject.phoneSealed)
        .invoke(v -> putIfPresent(out, "phone", v))
        .chain(() -> open(ref, "subject.email", subject.emailSealed))
        .invoke(v -> putIfPresent(out, "email", v))
        .chain(() -> open(ref, "subject.customer-id", subject.customerIdSealed))
        .invoke(v -> putIfPresent(out, "customerId", v))
        .map(v -> out);
  }

  private Uni<String> open(String ref, String field, String stored) {
    return stored == null ? Uni.createFrom().nullItem() : encryption.decrypt(ref, field, stored);
  }

  private static void putIfPresent(Map<String, String> map, String key, String value) {
    if (value != null) {
      map.put(key, value);
    }
  }

  private static SubjectExport export(
      SubjectEntity subject,
      Map<String, String> identifiers,
      List<ConsentEventEntity> history,
      List<ObjectionEntity> objectionList,
      List<ReceiptEntity> receiptList,
      List<Map<String, Object>> calls,
      List<PurposeEntity> allPurposes) {
    Map<String, PurposeEntity> byCode =
        allPurposes.stream().collect(Collectors.toMap(p -> p.code, Function.identity()));
    List<PurposeTerms> used =
        history.stream()
            .map(e -> e.purposeCode)
            .distinct()
            .map(byCode::get)
            .filter(Objects::nonNull)
            .map(
                p ->
                    new PurposeTerms(
                        p.code, p.name, p.legalBasis.name(), p.category.name(), p.retentionDays))
            .toList();
    List<Map<String, Object>> sources =
        history.stream()
            .map(
                e -> {
                  Map<String, Object> source = new LinkedHashMap<>();
                  source.put("source", e.provenanceSource.name());
                  if (e.provenanceSeller != null) {
                    source.put("seller", e.provenanceSeller);
                  }
                  return source;
                })
            .distinct()
            .toList();
    List<ConsentRecordView> consents = history.stream().map(ConsentRecordView::of).toList();
    List<Map<String, Object>> objectionMaps =
        objectionList.stream()
            .map(
                o ->
                    Map.<String, Object>of(
                        "id", o.id, "occurredAt", o.occurredAt, "channel", o.channel))
            .toList();
    List<Map<String, Object>> receiptMaps =
        receiptList.stream()
            .map(r -> Map.<String, Object>of("id", r.id, "issuedAt", r.issuedAt, "jws", r.jws))
            .toList();
    List<String> categories = new ArrayList<>();
    if (!identifiers.isEmpty()) {
      categories.add("contact details");
    }
    if (!history.isEmpty()) {
      categories.add("consent records");
    }
    if (!objectionList.isEmpty()) {
      categories.add("objections");
    }
    return new SubjectExport(
        SERVICE,
        subject.ref,
        subject.createdAt,
        identifiers,
        categories,
        used,
        sources,
        List.of(),
        consents,
        objectionMaps,
        receiptMaps,
        calls);
  }
}
