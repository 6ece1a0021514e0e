package dev.riservo.audit.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

@ApplicationScoped
@WithSession
public class AuditHeadRepository implements PanacheRepositoryBase<AuditHeadEntity, Short> {

  /** The head, locked until the transaction ends: appends are serialised through this row. */
  public Uni<AuditHeadEntity> lockHead() {
    return findById(AuditHeadEntity.ID, LockModeType.PESSIMISTIC_WRITE);
  }

  public Uni<AuditHeadEntity> head() {
    return findById(AuditHeadEntity.ID);
  }
}
