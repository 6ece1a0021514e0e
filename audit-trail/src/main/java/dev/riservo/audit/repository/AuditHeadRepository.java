package dev.riservo.audit.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

@ApplicationScoped
@WithSession
public class AuditHeadRepository implements PanacheRepositoryBase<AuditHeadEntity, Short> {

  /**
   * The head, locked until the transaction ends: appends are serialised through this row. The row
   * is re-read once the lock is held, so a value read while waiting for the lock is never used.
   */
  public Uni<AuditHeadEntity> lockHead() {
    return findById(AuditHeadEntity.ID, LockModeType.PESSIMISTIC_WRITE)
        .call(head -> getSession().chain(session -> session.refresh(head)));
  }

  public Uni<AuditHeadEntity> head() {
    return findById(AuditHeadEntity.ID);
  }
}
