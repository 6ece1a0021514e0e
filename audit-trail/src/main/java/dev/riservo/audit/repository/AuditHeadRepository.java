package dev.riservo.audit.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
@WithSession
public class AuditHeadRepository implements PanacheRepositoryBase<AuditHeadEntity, Short> {

  /** The head as this transaction sees it: the next sequence number and the hash before it. */
  public record Advanced(long seq, String previousHash) {}

  /**
   * Takes the next sequence number. The UPDATE locks the head's row until the transaction ends, so
   * appends are serialised through it; the head is then read as a projection (never a managed
   * entity, which could hold a value read before the lock was granted).
   */
  public Uni<Advanced> advance() {
    // Pending writes of the transaction go out first, so the head is locked for as little as can
    // be.
    return getSession()
        .chain(session -> session.flush())
        .chain(() -> update("seq = seq + 1 where id = ?1", AuditHeadEntity.ID))
        .chain(
            () ->
                getSession()
                    .chain(
                        session ->
                            session
                                .createSelectionQuery(
                                    "select h.seq, h.hash from AuditHeadEntity h where h.id = :id",
                                    Object[].class)
                                .setParameter("id", AuditHeadEntity.ID)
                                .getSingleResult()))
        .map(row -> new Advanced(((Number) row[0]).longValue(), (String) row[1]));
  }

  /** Records the hash of the entry that now heads the trail. */
  public Uni<Integer> setHash(String hash) {
    return update("hash = ?1 where id = ?2", hash, AuditHeadEntity.ID);
  }

  public Uni<AuditHeadEntity> head() {
    return findById(AuditHeadEntity.ID);
  }
}
