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

  /**
   * Records {@code a} unless that person acknowledged that version before: 1 if recorded, 0 if not.
   */
  public Uni<Integer> insertOnce(Acknowledgement a) {
    return getSession()
        .chain(
            session ->
                session
                    .createNativeQuery(
                        "INSERT INTO staff_acknowledgement (id, notice_id, version, subject_id,"
                            + " username, hash, acknowledged_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
                            + " ON CONFLICT (notice_id, version, subject_id) DO NOTHING")
                    .setParameter(1, UUID.randomUUID())
                    .setParameter(2, a.noticeId())
                    .setParameter(3, a.version())
                    .setParameter(4, a.subjectId())
                    .setParameter(5, a.username())
                    .setParameter(6, a.hash())
                    .setParameter(7, a.acknowledgedAt())
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
}
