package dev.riservo.notice.acknowledgements.service;

import dev.riservo.notice.acknowledgements.repository.AcknowledgementEntity;
import dev.riservo.notice.acknowledgements.repository.AcknowledgementRepository;
import dev.riservo.notice.subjectdata.repository.SubjectRepository;
import dev.riservo.notice.subjectdata.service.SubjectDataPart;
import dev.riservo.notice.subjectdata.service.SubjectService;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Staff acknowledgements as part of what the internal data-source contract exports and erases. A
 * subject's acknowledgements are the rows naming it and the rows recorded before V7 (no subject)
 * under the Keycloak user id that is the subject's customer id ({@link StaffSubjects}).
 *
 * <p>Erasure deletes them, and keeps what accountability needs without the person (GDPR Art. 5(2),
 * 24): per notice version and day, how many acknowledgements were made (table {@code
 * staff_acknowledgement_erased}; no subject id, username, hash or instant). A member of staff still
 * on the roster is then listed as missing and acknowledges again, as a new subject.
 */
@ApplicationScoped
public class AcknowledgementDataPart implements SubjectDataPart {

  static final String NAME = "staff acknowledgements";

  private final AcknowledgementRepository acknowledgements;
  private final SubjectRepository subjectRepository;
  private final SubjectService subjects;

  public AcknowledgementDataPart(
      AcknowledgementRepository acknowledgements,
      SubjectRepository subjectRepository,
      SubjectService subjects) {
    this.acknowledgements = acknowledgements;
    this.subjectRepository = subjectRepository;
    this.subjects = subjects;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Uni<Held> export(UUID subjectRef) {
    return keycloakId(subjectRef)
        .chain(id -> acknowledgements.ofSubjectRef(subjectRef, id))
        .map(this::held);
  }

  @Override
  public Uni<Long> count(UUID subjectRef) {
    return keycloakId(subjectRef).chain(id -> acknowledgements.countOfSubjectRef(subjectRef, id));
  }

  @Override
  public Uni<Long> erase(UUID subjectRef) {
    return keycloakId(subjectRef).chain(id -> acknowledgements.eraseOfSubjectRef(subjectRef, id));
  }

  @Override
  public List<Kept> kept() {
    return List.of(
        new Kept(
            "of each staff acknowledgement erased: the notice, its version and the day (UTC) it"
                + " was acknowledged, as a count per version and day, without who acknowledged",
            "accountability (GDPR Art. 5(2), 24): the controller shows that its staff were told"
                + " the policy in force; anonymous, so no longer personal data"),
        new Kept(
            "audit trail entries of staff acknowledgements (the Keycloak user id, the notice"
                + " version, the hash read, the instant)",
            "accountability (GDPR Art. 5(2)): the audit trail is hash-chained evidence; it holds"
                + " no name, username or e-mail, and the Keycloak user id leads to the person only"
                + " through the identity provider, whose account is erased there"));
  }

  /**
   * The Keycloak user id of a staff subject (its customer id, opened), or null: matches the rows
   * recorded before subjects were (V7). Runs before the subject's key is shredded.
   */
  private Uni<String> keycloakId(UUID subjectRef) {
    return subjectRepository
        .findById(subjectRef)
        .chain(
            subject ->
                subject == null ? Uni.createFrom().nullItem() : subjects.customerId(subject));
  }

  private Held held(List<AcknowledgementEntity> list) {
    return new Held(
        name(),
        List.of(
            "staff acknowledgements: which version of a staff notice (internal policy) the person"
                + " acknowledged, when, and the hash of what they read",
            "the person's Keycloak user id and username"),
        List.of(
            new Purpose(
                "showing that staff were told the internal data-protection policy in force"
                    + " (accountability, GDPR Art. 5(2), 24, 32(4)); listing who has not",
                "LEGAL_OBLIGATION (Art. 6(1)(c))")),
        "recorded when the member of staff acknowledged the notice (their Keycloak token)",
        "as long as the person is held; on erasure only an anonymous count per version and day"
            + " is kept",
        List.of(),
        list.stream().map(AcknowledgementDataPart::record).toList());
  }

  private static Map<String, Object> record(AcknowledgementEntity a) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("noticeId", a.noticeId);
    r.put("version", a.version);
    r.put("versionId", a.noticeId + "@" + a.version);
    r.put("hash", a.hash);
    r.put("acknowledgedAt", a.acknowledgedAt);
    r.put("keycloakUserId", a.subjectId);
    r.put("username", a.username);
    return r;
  }
}
