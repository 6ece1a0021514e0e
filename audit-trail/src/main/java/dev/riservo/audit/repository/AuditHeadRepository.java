package dev.riservo.audit.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
@WithSession
public class AuditHeadRepository implements PanacheRepositoryBase<AuditHeadEntity, Short> {

  public Uni<AuditHeadEntity> head() {
    return findById(AuditHeadEntity.ID);
  }
}
