package dev.riservo.notice.acknowledgements.repository;

import dev.riservo.notice.acknowledgements.domain.Acknowledgement;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/**
 * The {@code staff_acknowledgement} table, its one owner. Panache for reads; the write is one
 * native {@code INSERT ... ON CONFLICT DO NOTHING}, so two concurrent first acknowledgements of a
 * version by one person record one row, and the second waits for the first and then sees it.
 */
@ApplicationScoped
@WithSession
public class AcknowledgementRepository
    implements PanacheRepositoryBase<AcknowledgementEntity, UUID> {

  /** Names the rows of a data subject: theirs, and those before V7 under their Keycloak id. */
  private static final String OF_SUBJECT_REF =
      "subjectRef = ?1 or (subjectRef is null and subjectId = ?2)";

  /**
   * Records {@code a} unless that person acknowledged that version before: 1 if recorded, 0 if not.
   */
  public Uni<Integer> insertOnce(Acknowledgement a, UUID subjectRef) {
    return getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "INSERT INTO staff_acknowledgement (id, notice_id, version, subject_id,"
                            + " username, hash, acknowledged_at, subject_ref)"
                            + " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
                            + " ON CONFLICT (notice_id, version, subject_id) DO NOTHING")
                    .setParameter(1, UUID.randomUUID())
                    .setParameter(2, a.noticeId())
                    .setParameter(3, a.version())
                    .setParameter(4, a.subjectId())
                    .setParameter(5, a.username())
                    .setParameter(6, a.hash())
                    .setParameter(7, a.acknowledgedAt())
                    .setParameter(8, subjectRef)
                    .executeUpdate());
  }

  public Uni<AcknowledgementEntity> find(String noticeId, int version, String subjectId) {
    return find("noticeId = ?1 and version = ?2 and subjectId = ?3", noticeId, version, subjectId)
        .firstResult();
  }

  /** Every acknowledgement of the given versions of a notice. */
  public Uni<List<AcknowledgementEntity>> ofVersions(
      String noticeId, Collection<Integer> versions) {
    if (versions.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    return list("noticeId = ?1 and version in ?2", noticeId, versions);
  }

  /** Every acknowledgement by one person. */
  public Uni<List<AcknowledgementEntity>> ofSubject(String subjectId) {
    return list("subjectId", subjectId);
  }

  /**
   * A data subject's acknowledgements (internal contract): the rows naming {@code subjectRef}, and
   * the rows recorded before V7 (no subject) under {@code keycloakId} (null: none), oldest first.
   */
  public Uni<List<AcknowledgementEntity>> ofSubjectRef(UUID subjectRef, String keycloakId) {
    return list(OF_SUBJECT_REF + " order by acknowledgedAt", subjectRef, orNone(keycloakId));
  }

  /** How many acknowledgements {@link #ofSubjectRef} answers. */
  public Uni<Long> countOfSubjectRef(UUID subjectRef, String keycloakId) {
    return count(OF_SUBJECT_REF, subjectRef, orNone(keycloakId));
  }

  /**
   * Erases a data subject's acknowledgements ({@link #ofSubjectRef}): adds each to the anonymous
   * count per notice version and day (UTC) of {@code staff_acknowledgement_erased}, then deletes
   * them; answers how many were deleted. Two native statements in the caller's transaction.
   */
  public Uni<Long> eraseOfSubjectRef(UUID subjectRef, String keycloakId) {
    String rows =
        " FROM staff_acknowledgement WHERE subject_ref = ?1"
            + " OR (subject_ref IS NULL AND subject_id = ?2)";
    String keep =
        "INSERT INTO staff_acknowledgement_erased (notice_id, version, acknowledged_on,"
            + " acknowledgements) SELECT notice_id, version,"
            + " (acknowledged_at AT TIME ZONE 'UTC')::date, count(*)"
            + rows
            + " GROUP BY 1, 2, 3 ON CONFLICT (notice_id, version, acknowledged_on) DO UPDATE SET"
            + " acknowledgements = staff_acknowledgement_erased.acknowledgements"
            + " + EXCLUDED.acknowledgements";
    return execute(keep, subjectRef, orNone(keycloakId))
        .chain(kept -> execute("DELETE" + rows, subjectRef, orNone(keycloakId)))
        .map(Integer::longValue);
  }

  private Uni<Integer> execute(String sql, UUID subjectRef, String keycloakId) {
    return getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(sql)
                    .setParameter(1, subjectRef)
                    .setParameter(2, keycloakId)
                    .executeUpdate());
  }

  /** A Keycloak id that matches no row (subject_id is never empty) when there is none. */
  private static String orNone(String keycloakId) {
    return keycloakId == null ? "" : keycloakId;
  }
}
