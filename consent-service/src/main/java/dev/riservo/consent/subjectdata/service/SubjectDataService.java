package dev.riservo.consent.subjectdata.service;

import dev.riservo.audit.domain.AuditEvent;
import dev.riservo.audit.service.AuditTrail;
import dev.riservo.consent.consents.repository.ConsentEventEntity;
import dev.riservo.consent.consents.repository.ConsentEventRepository;
import dev.riservo.consent.consents.service.ConsentRecordView;
import dev.riservo.consent.consents.service.SealedProvenance;
import dev.riservo.consent.inbound.repository.InboundCallRepository;
import dev.riservo.consent.objections.repository.ObjectionEntity;
import dev.riservo.consent.objections.repository.ObjectionRepository;
import dev.riservo.consent.purposes.repository.PurposeEntity;
import dev.riservo.consent.purposes.repository.PurposeRepository;
import dev.riservo.consent.receipts.repository.ReceiptEntity;
import dev.riservo.consent.receipts.repository.ReceiptRepository;
import dev.riservo.consent.receipts.service.ReceiptService;
import dev.riservo.consent.subjects.repository.SubjectEntity;
import dev.riservo.consent.subjects.service.SubjectIdentifiers;
import dev.riservo.consent.subjects.service.SubjectService;
import dev.riservo.encryption.quarkus.ReactiveFieldEncryption;
import dev.riservo.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * consent-service as a data source of the rights service (DESIGN.md internal contract): find a
 * subject, export everything held about them ({@link SubjectErasure} erases them).
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

  static final String SERVICE = "consent-service";

  private final SubjectService subjectService;
  private final ConsentEventRepository events;
  private final ObjectionRepository objections;
  private final ReceiptRepository receipts;
  private final PurposeRepository purposes;
  private final InboundCallRepository inboundCalls;
  private final ReactiveFieldEncryption encryption;
  private final AuditTrail audit;
  private final SealedProvenance provenance;
  private final ReceiptService receiptService;

  public SubjectDataService(
      SubjectService subjectService,
      ConsentEventRepository events,
      ObjectionRepository objections,
      ReceiptRepository receipts,
      PurposeRepository purposes,
      InboundCallRepository inboundCalls,
      ReactiveFieldEncryption encryption,
      AuditTrail audit,
      SealedProvenance provenance,
      ReceiptService receiptService) {
    this.subjectService = subjectService;
    this.events = events;
    this.objections = objections;
    this.receipts = receipts;
    this.purposes = purposes;
    this.inboundCalls = inboundCalls;
    this.encryption = encryption;
    this.audit = audit;
    this.provenance = provenance;
    this.receiptService = receiptService;
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
    List<ConsentRecordView> consents;
    List<ObjectionEntity> objections;
    List<ReceiptService.Opened> receipts = new ArrayList<>();
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
                    .chain(() -> provenance.views(parts.history))
                    .invoke(views -> parts.consents = views)
                    .chain(() -> objections.ofSubject(subjectRef))
                    .invoke(objected -> parts.objections = objected)
                    .chain(() -> receipts.ofSubject(subjectRef))
                    .chain(issued -> openEach(issued, parts.receipts))
                    .chain(() -> inboundCalls.ofCaller(subject.phoneIndex))
                    .invoke(calls -> parts.calls = calls)
                    .chain(() -> purposes.listAll(true))
                    .map(
                        all ->
                            export(
                                subject,
                                parts.identifiers,
                                parts.history,
                                parts.consents,
                                parts.objections,
                                parts.receipts,
                                parts.calls,
                                all)))
        .call(
            exported ->
                audit.append(
                    new AuditEvent(caller, "subject.exported", subjectRef.toString(), Map.of())));
  }

  /** Each receipt opened, one after another (one session), into {@code out}. */
  private Uni<Void> openEach(List<ReceiptEntity> stored, List<ReceiptService.Opened> out) {
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (ReceiptEntity receipt : stored) {
      chain = chain.chain(() -> receiptService.open(receipt)).invoke(out::add).replaceWithVoid();
    }
    return chain;
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
      List<ConsentRecordView> consents,
      List<ObjectionEntity> objectionList,
      List<ReceiptService.Opened> receiptList,
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
        consents.stream()
            .map(
                c -> {
                  Map<String, Object> source = new LinkedHashMap<>();
                  source.put("source", c.provenance().source().name());
                  if (c.provenance().seller() != null) {
                    source.put("seller", c.provenance().seller());
                  }
                  return source;
                })
            .distinct()
            .toList();
    List<Map<String, Object>> objectionMaps =
        objectionList.stream()
            .map(
                o ->
                    Map.<String, Object>of(
                        "id", o.id, "occurredAt", o.occurredAt, "channel", o.channel))
            .toList();
    List<Map<String, Object>> receiptMaps =
        receiptList.stream()
            .map(
                r -> Map.<String, Object>of("id", r.id(), "issuedAt", r.issuedAt(), "jws", r.jws()))
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
