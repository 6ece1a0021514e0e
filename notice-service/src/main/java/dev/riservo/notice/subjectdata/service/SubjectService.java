package dev.riservo.notice.subjectdata.service;

import dev.riservo.audit.domain.AuditEvent;
import dev.riservo.audit.service.AuditTrail;
import dev.riservo.encryption.FieldEncryption;
import dev.riservo.encryption.InvalidIdentifierException;
import dev.riservo.encryption.quarkus.ReactiveFieldEncryption;
import dev.riservo.notice.refusal.domain.Refusal;
import dev.riservo.notice.subjectdata.repository.SubjectEntity;
import dev.riservo.notice.subjectdata.repository.SubjectRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * notice-service's data subjects, as consent-service keeps its own: found through blind indexes of
 * their identifiers, created with the identifiers sealed under their own key. An erased subject is
 * never found again. Callers hold the transaction (these methods run in theirs).
 */
@ApplicationScoped
public class SubjectService {

  static final String CUSTOMER_ID = "customer-id";
  public static final String PHONE_FIELD = "subject.phone";
  public static final String EMAIL_FIELD = "subject.email";
  public static final String CUSTOMER_ID_FIELD = "subject.customer-id";

  private final SubjectRepository subjects;
  private final ReactiveFieldEncryption encryption;
  private final AuditTrail audit;

  public SubjectService(
      SubjectRepository subjects, ReactiveFieldEncryption encryption, AuditTrail audit) {
    this.subjects = subjects;
    this.encryption = encryption;
    this.audit = audit;
  }

  /** Blind indexes of identifiers, under every index key version (lookups during rotation). */
  record Lookup(List<String> phone, List<String> email, List<String> customerId) {

    /** The advisory-lock keys of a first contact: every index, sorted (one order for all). */
    List<String> keys() {
      return Stream.of(phone, email, customerId).flatMap(List::stream).sorted().toList();
    }
  }

  /** The live subject the identifiers name, or null; 409 if they name different subjects. */
  public Uni<SubjectEntity> findOrNull(SubjectIdentifiers ids, String field) {
    Lookup lookup = lookup(ids, field);
    return subjects
        .findByIndexes(lookup.phone(), lookup.email(), lookup.customerId())
        .map(found -> theOne(found, field));
  }

  /** A live subject by reference; a refusal (404) for a made-up or erased one alike. */
  public Uni<SubjectEntity> get(UUID ref) {
    return subjects.findLive(ref).onItem().ifNull().failWith(() -> Refusal.notFound("The subject"));
  }

  /**
   * The subject the identifiers name, created (identifiers validated and sealed) if none does. Two
   * first contacts of one person at once make one subject: they wait on advisory locks named by the
   * identifiers' blind indexes. Runs in the caller's transaction.
   */
  public Uni<SubjectEntity> findOrCreate(SubjectIdentifiers ids, String field) {
    Lookup lookup = lookup(ids, field);
    return subjects
        .lockIdentifiers(lookup.keys())
        .chain(() -> subjects.findByIndexes(lookup.phone(), lookup.email(), lookup.customerId()))
        .map(found -> theOne(found, field))
        .onItem()
        .ifNull()
        .switchTo(() -> create(ids, field));
  }

  /** The identifiers held, opened (personal data: never log them). */
  public Uni<Map<String, String>> identifiers(SubjectEntity subject) {
    String ref = subject.ref.toString();
    Map<String, String> out = new LinkedHashMap<>();
    return open(ref, PHONE_FIELD, subject.phoneSealed)
        .invoke(v -> putIfPresent(out, "phone", v))
        .chain(() -> open(ref, EMAIL_FIELD, subject.emailSealed))
        .invoke(v -> putIfPresent(out, "email", v))
        .chain(() -> open(ref, CUSTOMER_ID_FIELD, subject.customerIdSealed))
        .invoke(v -> putIfPresent(out, "customerId", v))
        .map(v -> out);
  }

  /** The subject's customer id, opened; null if none (personal data: never log it). */
  public Uni<String> customerId(SubjectEntity subject) {
    return open(subject.ref.toString(), CUSTOMER_ID_FIELD, subject.customerIdSealed);
  }

  /** The subject's supplementary statement (Art. 16), opened; null if none. */
  public Uni<String> statement(SubjectEntity subject) {
    return open(subject.ref.toString(), SubjectRights.STATEMENT_FIELD, subject.statementSealed);
  }

  /**
   * Replaces the identifiers given (rectification): each validated, sealed and indexed anew; 409 if
   * one of them already names another subject. Runs in the caller's transaction.
   */
  public Uni<List<String>> rectify(SubjectEntity subject, SubjectIdentifiers ids, String field) {
    Lookup lookup = lookup(ids, field);
    return subjects
        .lockIdentifiers(lookup.keys())
        .chain(() -> subjects.findByIndexes(lookup.phone(), lookup.email(), lookup.customerId()))
        .invoke(
            found -> {
              if (found.stream().anyMatch(other -> !other.ref.equals(subject.ref))) {
                throw Refusal.conflict(
                    "identifiers-disagree",
                    "An identifier in '" + field + "' belongs to another subject");
              }
            })
        .chain(() -> seal(subject, normalised(ids, field)));
  }

  /**
   * Writes the audit entry of a subject registered in this transaction (none otherwise); callers
   * run it just before their own audit entry.
   */
  public Uni<Void> auditRegistration(SubjectEntity subject, String actor) {
    if (!subject.registeredNow) {
      return Uni.createFrom().voidItem();
    }
    subject.registeredNow = false;
    return audit
        .append(
            new AuditEvent(
                actor,
                "subject.created",
                subject.ref.toString(),
                Map.of(
                    "phone", Boolean.toString(subject.phoneSealed != null),
                    "email", Boolean.toString(subject.emailSealed != null),
                    "customerId", Boolean.toString(subject.customerIdSealed != null))))
        .replaceWithVoid();
  }

  /** Identifiers in the form they are sealed in (E.164, lower-case e-mail, stripped id). */
  private record Normalised(String phone, String email, String customerId) {}

  private Normalised normalised(SubjectIdentifiers ids, String field) {
    FieldEncryption fe = encryption.blocking();
    try {
      return new Normalised(
          SubjectIdentifiers.blank(ids.phone()) ? null : fe.identifiers().phone(ids.phone()),
          SubjectIdentifiers.blank(ids.email()) ? null : fe.identifiers().email(ids.email()),
          SubjectIdentifiers.blank(ids.customerId()) ? null : ids.customerId().strip());
    } catch (InvalidIdentifierException e) {
      throw invalid(field, e);
    }
  }

  private Lookup lookup(SubjectIdentifiers ids, String field) {
    if (ids == null || ids.isEmpty()) {
      throw Refusal.invalid(field, "needs at least one identifier: phone, email or customerId");
    }
    FieldEncryption fe = encryption.blocking();
    try {
      return new Lookup(
          SubjectIdentifiers.blank(ids.phone()) ? List.of() : fe.phoneIndexes(ids.phone()),
          SubjectIdentifiers.blank(ids.email()) ? List.of() : fe.emailIndexes(ids.email()),
          SubjectIdentifiers.blank(ids.customerId())
              ? List.of()
              : fe.indexes(CUSTOMER_ID, ids.customerId().strip()));
    } catch (InvalidIdentifierException e) {
      throw invalid(field, e);
    }
  }

  /** 400 naming the field and the kind of identifier; never the value sent. */
  private static Refusal invalid(String field, InvalidIdentifierException e) {
    return Refusal.invalid(field + "." + e.kind(), "is not a valid " + e.kind());
  }

  private Uni<SubjectEntity> create(SubjectIdentifiers ids, String field) {
    Normalised clear = normalised(ids, field);
    SubjectEntity subject = new SubjectEntity();
    subject.ref = UUID.randomUUID();
    subject.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
    // The new subject's key first (one key-store statement on a worker), then the fields.
    return encryption
        .registerNewSubject(subject.ref.toString())
        .chain(() -> seal(subject, clear))
        .chain(() -> subjects.persist(subject))
        .invoke(() -> subject.registeredNow = true)
        .replaceWith(subject);
  }

  /** Seals and indexes each identifier given, in place; answers the names of those written. */
  private Uni<List<String>> seal(SubjectEntity subject, Normalised clear) {
    FieldEncryption fe = encryption.blocking();
    String ref = subject.ref.toString();
    return sealField(ref, PHONE_FIELD, clear.phone())
        .invoke(
            v -> {
              if (v != null) {
                subject.phoneSealed = v;
                subject.phoneIndex = fe.phoneIndex(clear.phone());
              }
            })
        .chain(() -> sealField(ref, EMAIL_FIELD, clear.email()))
        .invoke(
            v -> {
              if (v != null) {
                subject.emailSealed = v;
                subject.emailIndex = fe.emailIndex(clear.email());
              }
            })
        .chain(() -> sealField(ref, CUSTOMER_ID_FIELD, clear.customerId()))
        .invoke(
            v -> {
              if (v != null) {
                subject.customerIdSealed = v;
                subject.customerIdIndex = fe.index(CUSTOMER_ID, clear.customerId());
              }
            })
        .map(
            v ->
                Stream.of(
                        clear.phone() == null ? null : "phone",
                        clear.email() == null ? null : "email",
                        clear.customerId() == null ? null : "customerId")
                    .filter(java.util.Objects::nonNull)
                    .toList());
  }

  private Uni<String> sealField(String ref, String field, String value) {
    return value == null ? Uni.createFrom().nullItem() : encryption.encrypt(ref, field, value);
  }

  private Uni<String> open(String ref, String field, String stored) {
    return stored == null ? Uni.createFrom().nullItem() : encryption.decrypt(ref, field, stored);
  }

  private static void putIfPresent(Map<String, String> map, String key, String value) {
    if (value != null) {
      map.put(key, value);
    }
  }

  /** The one subject found, or null; 409 if the identifiers name different subjects. */
  private static SubjectEntity theOne(List<SubjectEntity> found, String field) {
    if (found.size() > 1) {
      throw Refusal.conflict(
          "identifiers-disagree",
          "The identifiers in '" + field + "' belong to different subjects");
    }
    return found.isEmpty() ? null : found.get(0);
  }
}
