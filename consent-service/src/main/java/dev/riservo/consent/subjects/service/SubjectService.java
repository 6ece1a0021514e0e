package dev.riservo.consent.subjects.service;

import dev.riservo.audit.domain.AuditEvent;
import dev.riservo.audit.service.AuditTrail;
import dev.riservo.consent.consents.cache.ConsentChanges;
import dev.riservo.consent.dialcheck.service.NumberDirectory;
import dev.riservo.consent.sql.RowIds;
import dev.riservo.consent.subjects.repository.SubjectEntity;
import dev.riservo.consent.subjects.repository.SubjectRepository;
import dev.riservo.consent.subjects.repository.SubjectRows;
import dev.riservo.encryption.FieldEncryption;
import dev.riservo.encryption.InvalidIdentifierException;
import dev.riservo.encryption.quarkus.ReactiveFieldEncryption;
import dev.riservo.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Data subjects: found through blind indexes of their identifiers, created with the identifiers
 * sealed under their own key. An erased subject is never found again.
 */
@ApplicationScoped
public class SubjectService {

  static final String CUSTOMER_ID = "customer-id";

  private final SubjectRepository subjects;
  private final ReactiveFieldEncryption encryption;
  private final AuditTrail audit;
  private final ConsentChanges changes;

  public SubjectService(
      SubjectRepository subjects,
      ReactiveFieldEncryption encryption,
      AuditTrail audit,
      ConsentChanges changes) {
    this.subjects = subjects;
    this.encryption = encryption;
    this.audit = audit;
    this.changes = changes;
  }

  /** Blind indexes of the identifiers (every index key version, for lookups). */
  public record Lookup(List<String> phone, List<String> email, List<String> customerId) {

    /**
     * The advisory-lock keys of a first contact: every index, sorted (every writer takes its locks
     * in this one order, so that none waits in a cycle).
     */
    public List<String> keys() {
      return Stream.of(phone, email, customerId).flatMap(List::stream).sorted().toList();
    }
  }

  /**
   * The lookup that a write's selector needs: the blind indexes of its identifiers, or null when it
   * names the subject by reference or names none ({@link #resolve} says what is wrong then). 400
   * for a malformed identifier.
   */
  public Lookup lookup(SubjectSelector selector) {
    SubjectIdentifiers ids = selector.subject();
    return selector.subjectRef() != null || ids == null || ids.isEmpty()
        ? null
        : lookup(ids, "subject");
  }

  /** The live subject the identifiers name; 404 if none, 409 if they name different subjects. */
  @WithSession
  public Uni<SubjectEntity> find(SubjectIdentifiers ids, String field) {
    return find(subjects, ids, field);
  }

  private Uni<SubjectEntity> find(SubjectRows rows, SubjectIdentifiers ids, String field) {
    return findOrNull(rows, ids, field)
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.notFound("A subject with these identifiers"));
  }

  /** A live subject by reference; 404 for a made-up or erased one, revealing nothing. */
  @WithSession
  public Uni<SubjectEntity> get(UUID ref) {
    return get(subjects, ref);
  }

  private static Uni<SubjectEntity> get(SubjectRows rows, UUID ref) {
    return rows.findLive(ref)
        .onItem()
        .ifNull()
        .failWith(() -> ProblemException.notFound("The subject"));
  }

  /** The subject the identifiers name, created (identifiers validated and sealed) if none does. */
  @WithTransaction
  public Uni<SubjectEntity> findOrCreate(SubjectIdentifiers ids, String field, String actor) {
    return findOrCreate(subjects, ids, field, actor);
  }

  private Uni<SubjectEntity> findOrCreate(
      SubjectRows rows, SubjectIdentifiers ids, String field, String actor) {
    if (ids == null || ids.isEmpty()) {
      return findOrNull(rows, ids, field);
    }
    return findOrCreate(rows, ids, lookup(ids, field), field, actor);
  }

  private Uni<SubjectEntity> findOrCreate(
      SubjectRows rows, SubjectIdentifiers ids, Lookup lookup, String field, String actor) {
    // Two first contacts of the same number at once must make one subject: serialise them on
    // transaction-scoped advisory locks named by the identifiers' blind indexes.
    return rows.lockAndFind(lookup.keys(), lookup.phone(), lookup.email(), lookup.customerId())
        .map(found -> theOne(found, field))
        .onItem()
        .ifNull()
        .switchTo(() -> create(rows, ids, field, actor));
  }

  /**
   * The subject a write names: by reference (404 if unknown or erased), or by identifiers, found
   * or, when {@code register} is true, created.
   */
  @WithTransaction
  public Uni<SubjectEntity> resolve(SubjectSelector selector, boolean register, String actor) {
    return resolve(subjects, selector, register, actor);
  }

  /** The same, within the transaction that {@code rows} carries. */
  public Uni<SubjectEntity> resolve(
      SubjectRows rows, SubjectSelector selector, boolean register, String actor) {
    return Uni.createFrom()
        .deferred(() -> resolve(rows, selector, lookup(selector), register, actor));
  }

  /** The same, with the selector's {@link #lookup} already made. */
  public Uni<SubjectEntity> resolve(
      SubjectRows rows, SubjectSelector selector, Lookup lookup, boolean register, String actor) {
    if (selector.subjectRef() != null && selector.subject() != null) {
      return Uni.createFrom()
          .failure(ProblemException.badRequest("subject", "give subjectRef or subject, not both"));
    }
    if (selector.subjectRef() != null) {
      return get(rows, selector.subjectRef());
    }
    if (lookup == null) {
      return findOrNull(rows, selector.subject(), "subject");
    }
    return register
        ? findOrCreate(rows, selector.subject(), lookup, "subject", actor)
        : findOrNull(rows, lookup, "subject")
            .onItem()
            .ifNull()
            .failWith(() -> ProblemException.notFound("A subject with these identifiers"));
  }

  private Uni<SubjectEntity> findOrNull(SubjectRows rows, SubjectIdentifiers ids, String field) {
    if (ids == null || ids.isEmpty()) {
      return Uni.createFrom()
          .failure(
              ProblemException.badRequest(
                  field, "needs at least one identifier: phone, email or customerId"));
    }
    return findOrNull(rows, lookup(ids, field), field);
  }

  /** The one live subject holding any of the looked-up indexes, or null. */
  private static Uni<SubjectEntity> findOrNull(SubjectRows rows, Lookup lookup, String field) {
    return rows.findByIndexes(lookup.phone(), lookup.email(), lookup.customerId())
        .map(found -> theOne(found, field));
  }

  /** The one subject found, or null; 409 if the identifiers name different subjects. */
  private static SubjectEntity theOne(List<SubjectEntity> found, String field) {
    if (found.size() > 1) {
      throw ProblemException.conflict(
          "identifiers-disagree",
          "The identifiers in '" + field + "' belong to different subjects");
    }
    return found.isEmpty() ? null : found.get(0);
  }

  private Lookup lookup(SubjectIdentifiers ids, String field) {
    FieldEncryption fe = encryption.blocking();
    try {
      return new Lookup(
          SubjectIdentifiers.blank(ids.phone()) ? List.of() : fe.phoneIndexes(ids.phone()),
          SubjectIdentifiers.blank(ids.email()) ? List.of() : fe.emailIndexes(ids.email()),
          SubjectIdentifiers.blank(ids.customerId())
              ? List.of()
              : fe.indexes(CUSTOMER_ID, ids.customerId().strip()));
    } catch (InvalidIdentifierException e) {
      throw ProblemException.badRequest(field + "." + e.kind(), "is not a valid " + e.kind());
    }
  }

  private Uni<SubjectEntity> create(
      SubjectRows rows, SubjectIdentifiers ids, String field, String actor) {
    FieldEncryption fe = encryption.blocking();
    SubjectEntity subject = new SubjectEntity();
    subject.ref = RowIds.next();
    subject.createdAt = Instant.now();
    String phone;
    String email;
    try {
      phone = SubjectIdentifiers.blank(ids.phone()) ? null : fe.identifiers().phone(ids.phone());
      email = SubjectIdentifiers.blank(ids.email()) ? null : fe.identifiers().email(ids.email());
    } catch (InvalidIdentifierException e) {
      throw ProblemException.badRequest(field + "." + e.kind(), "is not a valid " + e.kind());
    }
    String customerId =
        SubjectIdentifiers.blank(ids.customerId()) ? null : ids.customerId().strip();
    String ref = subject.ref.toString();
    // The new subject's key first (one key-store statement on a worker); the fields are then
    // sealed in place.
    return encryption
        .registerNewSubject(ref)
        .chain(() -> seal(ref, "subject.phone", phone))
        .invoke(value -> subject.phoneSealed = value)
        .chain(() -> seal(ref, "subject.email", email))
        .invoke(value -> subject.emailSealed = value)
        .chain(() -> seal(ref, "subject.customer-id", customerId))
        .invoke(value -> subject.customerIdSealed = value)
        .chain(
            () -> {
              subject.phoneIndex = phone == null ? null : fe.phoneIndex(phone);
              subject.emailIndex = email == null ? null : fe.emailIndex(email);
              subject.customerIdIndex =
                  customerId == null ? null : fe.index(CUSTOMER_ID, customerId);
              return rows.insert(subject);
            })
        .invoke(
            () -> {
              if (subject.phoneIndex != null) {
                // a new holder of a number permits more: broadcast after commit
                changes.afterCommit(
                    NumberDirectory.SUBJECT + subject.phoneIndex + ":" + subject.ref);
              }
              subject.registeredNow = true;
            })
        .replaceWith(subject);
  }

  /**
   * Writes the audit entry of a subject registered in this transaction (if it was); callers run it
   * just before their own audit entry, at the end of the transaction.
   */
  public Uni<Void> auditRegistration(SubjectEntity subject, String actor) {
    List<AuditEvent> registration = registration(subject, actor);
    return registration.isEmpty()
        ? Uni.createFrom().voidItem()
        : audit.append(registration.get(0)).replaceWithVoid();
  }

  /**
   * The audit entry of a subject registered in this transaction (none if it was not), taken once:
   * for callers that write their audit entries themselves.
   */
  public List<AuditEvent> registration(SubjectEntity subject, String actor) {
    if (!subject.registeredNow) {
      return List.of();
    }
    subject.registeredNow = false;
    return List.of(
        new AuditEvent(
            actor,
            "subject.created",
            subject.ref.toString(),
            Map.of(
                "phone", Boolean.toString(subject.phoneSealed != null),
                "email", Boolean.toString(subject.emailSealed != null),
                "customerId", Boolean.toString(subject.customerIdSealed != null))));
  }

  private Uni<String> seal(String ref, String field, String value) {
    return value == null ? Uni.createFrom().nullItem() : encryption.encrypt(ref, field, value);
  }
}
