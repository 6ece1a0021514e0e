package dev.riservo.audit.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
@WithSession
public class AuditEntryRepository implements PanacheRepositoryBase<AuditEntryEntity, Long> {

  /** Entries after {@code afterSeq} up to and including {@code uptoSeq}, oldest first. */
  public Uni<List<AuditEntryEntity>> batch(long afterSeq, long uptoSeq, int size) {
    return find("seq > ?1 and seq <= ?2", Sort.by("seq"), afterSeq, uptoSeq)
        .page(Page.ofSize(size))
        .list();
  }
}
