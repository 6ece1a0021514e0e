package dev.riservo.consent.receipts.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.riservo.consent.config.ConsentConfig;
import dev.riservo.consent.consents.repository.ConsentEventEntity;
import dev.riservo.consent.notices.NoticeTerms;
import dev.riservo.consent.notices.PresentedNotices;
import dev.riservo.consent.purposes.domain.PurposeCategory;
import dev.riservo.consent.purposes.repository.PurposeEntity;
import dev.riservo.consent.receipts.repository.ReceiptEntity;
import dev.riservo.consent.receipts.repository.ReceiptRepository;
import dev.riservo.encryption.quarkus.ReactiveFieldEncryption;
import dev.riservo.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Consent receipts: a compact JWS (ES256, the key store's signing key) whose payload follows the
 * Kantara Consent Receipt 1.1 fields, with the ISO/IEC TS 27560 record under {@code consentRecord}.
 *
 * <p>The subject is named by their pseudonymous reference; they recognise the receipt by the
 * controller, purpose, time, channel and notice. The payload can name a list's seller, so the
 * stored copy is sealed under the subject's key; the JWS is opened only to be answered.
 */
@ApplicationScoped
public class ReceiptService {

  public static final String KANTARA_VERSION = "KI-CR-v1.1.0";
  private static final Duration JWKS_TTL = Duration.ofMinutes(1);

  /** How to withdraw, where the notice presented does not say (rule 3: as easy as consent). */
  static final String DEFAULT_WITHDRAWAL =
      "Tell any agent on a call, or call the controller's number: one request withdraws every"
          + " consent, at once.";

  /** The field name a stored receipt's JWS is sealed under (bound into the ciphertext). */
  public static final String JWS_FIELD = "receipt.jws";

  private final ReceiptRepository receipts;
  private final ReactiveFieldEncryption encryption;
  private final ConsentConfig config;
  private final ObjectMapper json;
  private final PresentedNotices notices;
  private volatile CachedJwks jwks;

  private record CachedJwks(String document, Instant loadedAt) {}

  public ReceiptService(
      ReceiptRepository receipts,
      ReactiveFieldEncryption encryption,
      ConsentConfig config,
      ObjectMapper json,
      PresentedNotices notices) {
    this.receipts = receipts;
    this.encryption = encryption;
    this.config = config;
    this.json = json;
    this.notices = notices;
  }

  /** A signed receipt: the row to store (its JWS sealed) and the JWS to answer. */
  public record Signed(ReceiptEntity stored, String jws) {}

  /** A stored receipt with its JWS opened. */
  public record Opened(
      UUID id, UUID consentEventId, UUID subjectRef, Instant issuedAt, String jws) {}

  /**
   * The receipt of {@code event} (its seller still in clear), signed; the row to store holds it
   * sealed under the subject's key, since its payload names the seller and the evidence.
   */
  public Uni<Signed> sign(ConsentEventEntity event, PurposeEntity purpose) {
    String subjectRef = event.subjectRef.toString();
    return encryption
        .sign(payload(event, purpose), "JWT")
        .chain(
            jws ->
                encryption
                    .encrypt(subjectRef, JWS_FIELD, jws)
                    .map(
                        ciphertext -> {
                          ReceiptEntity receipt = new ReceiptEntity();
                          receipt.id = event.receiptId;
                          receipt.consentEventId = event.id;
                          receipt.subjectRef = event.subjectRef;
                          receipt.jws = ciphertext;
                          receipt.issuedAt = event.recordedAt;
                          return new Signed(receipt, jws);
                        }));
  }

  @WithSession
  public Uni<Opened> get(UUID id) {
    return receipts
        .findById(id)
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.notFound("The receipt"))
        .chain(this::open);
  }

  /** A stored receipt, its JWS opened (one written before sealing is read as it is). */
  public Uni<Opened> open(ReceiptEntity receipt) {
    Uni<String> jws =
        receipt.jws.indexOf('.') >= 0
            ? Uni.createFrom().item(receipt.jws)
            : encryption.decrypt(receipt.subjectRef.toString(), JWS_FIELD, receipt.jws);
    return jws.map(
        opened ->
            new Opened(
                receipt.id, receipt.consentEventId, receipt.subjectRef, receipt.issuedAt, opened));
  }

  /** The JWKS of every receipt-signing key, cached briefly (read on a worker). */
  public Uni<String> jwks() {
    CachedJwks cached = jwks;
    if (cached != null && cached.loadedAt().plus(JWKS_TTL).isAfter(Instant.now())) {
      return Uni.createFrom().item(cached.document());
    }
    return encryption.jwks().invoke(document -> jwks = new CachedJwks(document, Instant.now()));
  }

  /**
   * The receipt's payload: every field Kantara Consent Receipt 1.1 requires, with what the notice
   * presented says (the controller's contact and phone, retention, how to withdraw, its public
   * address, hash and language) and the ISO/IEC TS 27560 record under {@code consentRecord}.
   */
  String payload(ConsentEventEntity event, PurposeEntity purpose) {
    NoticeTerms terms = event.noticeId == null ? null : notices.terms(event.noticeId);
    Map<String, Object> receipt = new LinkedHashMap<>();
    receipt.put("version", KANTARA_VERSION);
    receipt.put("jurisdiction", event.jurisdiction);
    receipt.put("consentTimestamp", event.occurredAt.getEpochSecond());
    receipt.put("collectionMethod", event.channel.name().toLowerCase());
    receipt.put("consentReceiptID", event.receiptId.toString());
    receipt.put("jti", event.receiptId.toString());
    receipt.put("iat", event.recordedAt.getEpochSecond());
    String language =
        event.language != null ? event.language : terms == null ? null : terms.language();
    if (language != null) {
      receipt.put("language", language);
    }
    receipt.put("piiPrincipalId", event.subjectRef.toString());
    receipt.put("piiControllers", List.of(controller(terms)));
    receipt.put(
        "policyUrl",
        terms != null ? terms.url() : config.controller().url().orElse("urn:riservo:notice:none"));
    receipt.put(
        "services",
        List.of(
            Map.of(
                "service",
                purpose.name,
                "purposes",
                List.of(purposeTerms(event, purpose, terms)))));
    receipt.put("sensitive", false);
    receipt.put("spiCat", List.of());
    receipt.put("consentRecord", record(event, purpose, terms, language));
    try {
      return json.writeValueAsString(receipt);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a receipt payload could not be written", e);
    }
  }

  /** The controller as the notice names it, each part missing there taken from configuration. */
  private Map<String, Object> controller(NoticeTerms terms) {
    NoticeTerms.Controller named = terms == null ? null : terms.controller();
    ConsentConfig.Controller configured = config.controller();
    Map<String, Object> controller = new LinkedHashMap<>();
    controller.put("piiController", either(named == null ? null : named.name(), configured.name()));
    String email = either(named == null ? null : named.email(), configured.contact());
    controller.put("contact", email);
    controller.put("address", either(named == null ? null : named.address(), configured.address()));
    controller.put("email", email);
    String phone = either(named == null ? null : named.phone(), configured.phone().orElse(null));
    if (phone != null) {
      controller.put("phone", phone);
    }
    configured.url().ifPresent(url -> controller.put("piiControllerUrl", url));
    return controller;
  }

  private Map<String, Object> purposeTerms(
      ConsentEventEntity event, PurposeEntity purpose, NoticeTerms terms) {
    String retention =
        terms != null && terms.retention().containsKey(purpose.code)
            ? terms.retention().get(purpose.code)
            : "P" + purpose.retentionDays + "D";
    boolean disclosed = purpose.category == PurposeCategory.THIRD_PARTY_TRANSFER;
    Map<String, Object> purposeTerms = new LinkedHashMap<>();
    purposeTerms.put("purpose", purpose.description);
    purposeTerms.put("purposeCategory", List.of(purpose.category.name()));
    purposeTerms.put("consentType", "EXPLICIT");
    purposeTerms.put("piiCategory", List.of("contact details"));
    purposeTerms.put("primaryPurpose", true);
    purposeTerms.put("retention", retention);
    purposeTerms.put(
        "termination",
        "retention "
            + retention
            + (event.expiresAt == null ? "" : "; consent expires " + event.expiresAt));
    purposeTerms.put("thirdPartyDisclosure", disclosed);
    if (disclosed) {
      purposeTerms.put(
          "thirdPartyName",
          terms == null || terms.recipients().isEmpty()
              ? "the recipients named in the privacy notice"
              : String.join(", ", terms.recipients()));
    }
    return purposeTerms;
  }

  /** The ISO/IEC TS 27560 record, with the notice presented and how to withdraw. */
  private Map<String, Object> record(
      ConsentEventEntity event, PurposeEntity purpose, NoticeTerms terms, String language) {
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("recordId", event.id.toString());
    record.put("purposeCode", purpose.code);
    record.put("legalBasis", purpose.legalBasis.name());
    record.put("state", event.state.name());
    record.put("occurredAt", event.occurredAt.toString());
    record.put("channel", event.channel.name());
    record.put("means", event.callMeans.name()); // rule 6: calls by a person, automated, or both
    record.put(
        "collectedBy",
        event.collectorId == null
            ? Map.of("kind", event.collectorKind.name())
            : Map.of("kind", event.collectorKind.name(), "id", event.collectorId));
    if (terms != null) {
      Map<String, Object> notice = new LinkedHashMap<>();
      notice.put("id", event.noticeId);
      notice.put("hash", event.noticeHash);
      notice.put("url", terms.url());
      if (language != null) {
        notice.put("language", language);
      }
      record.put("notice", notice);
    }
    if (event.recordingId != null) {
      record.put(
          "evidence",
          Map.of("recordingId", event.recordingId, "offsetMs", event.recordingOffsetMs));
    }
    if (event.expiresAt != null) {
      record.put("expiresAt", event.expiresAt.toString());
    }
    Map<String, Object> provenance = new LinkedHashMap<>();
    provenance.put("source", event.provenanceSource.name());
    if (event.provenanceSeller != null) {
      provenance.put("seller", event.provenanceSeller);
    }
    record.put("provenance", provenance);
    record.put(
        "withdrawal",
        terms != null && terms.withdrawal() != null ? terms.withdrawal() : DEFAULT_WITHDRAWAL);
    return record;
  }

  private static String either(String preferred, String fallback) {
    return preferred != null ? preferred : fallback;
  }
}
