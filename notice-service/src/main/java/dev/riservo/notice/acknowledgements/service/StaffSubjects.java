package dev.riservo.notice.acknowledgements.service;

import dev.riservo.encryption.InvalidIdentifierException;
import dev.riservo.encryption.quarkus.ReactiveFieldEncryption;
import dev.riservo.notice.roster.domain.StaffMember;
import dev.riservo.notice.subjectdata.repository.SubjectEntity;
import dev.riservo.notice.subjectdata.service.SubjectIdentifiers;
import dev.riservo.notice.subjectdata.service.SubjectService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A member of staff as a data subject of the {@code subject} table, so that the internal
 * data-source contract finds, exports and erases their acknowledgements. Their identifiers: the
 * Keycloak user id (the tokens' {@code sub}) as customer id, and the token's {@code email} claim
 * when it holds a valid address; both sealed under the subject's key and blind-indexed by {@link
 * SubjectService}, never stored in clear.
 *
 * <p>Found by the Keycloak user id first. A person without one is found or created by both
 * identifiers: an e-mail that already names a subject (the same person, e.g. as a caller who was
 * presented a notice) makes the acknowledgement that subject's, because the contract's search
 * answers one subject per person, and that subject is given the Keycloak user id if it holds no
 * customer id yet. The e-mail of a subject found is not changed. Runs in the caller's transaction.
 */
@ApplicationScoped
public class StaffSubjects {

  /** The field named by a refusal (none is expected: identifiers come from a verified token). */
  static final String FIELD = "staff";

  private final SubjectService subjects;
  private final ReactiveFieldEncryption encryption;

  public StaffSubjects(SubjectService subjects, ReactiveFieldEncryption encryption) {
    this.subjects = subjects;
    this.encryption = encryption;
  }

  /** The subject of {@code who} (e-mail from the token, or null), created if none is held. */
  public Uni<SubjectEntity> of(StaffMember who, String email) {
    SubjectIdentifiers byId = new SubjectIdentifiers(null, null, who.subjectId());
    return subjects
        .findOrNull(byId, FIELD)
        .onItem()
        .ifNull()
        .switchTo(() -> foundOrCreated(byId, validEmail(email)))
        .call(subject -> subjects.auditRegistration(subject, who.subjectId()));
  }

  private Uni<SubjectEntity> foundOrCreated(SubjectIdentifiers byId, String email) {
    SubjectIdentifiers both = new SubjectIdentifiers(null, email, byId.customerId());
    return subjects
        .findOrCreate(both, FIELD)
        .call(
            subject ->
                subject.customerIdSealed == null
                    ? subjects.rectify(subject, byId, FIELD)
                    : Uni.createFrom().voidItem());
  }

  /**
   * The address if it is a valid e-mail address, else null (an acknowledgement never fails on it).
   */
  private String validEmail(String email) {
    if (email == null || email.isBlank()) {
      return null;
    }
    try {
      encryption.blocking().identifiers().email(email);
      return email;
    } catch (InvalidIdentifierException e) {
      return null;
    }
  }
}
