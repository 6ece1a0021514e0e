package dev.riservo.consent.consents.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class ConsentEventRepository implements PanacheRepositoryBase<ConsentEventEntity, UUID> {

  /** A subject's whole history, oldest first. */
  public Uni<List<ConsentEventEntity>> history(UUID subjectRef) {
    return list("subjectRef", Sort.by("occurredAt").and("seq"), subjectRef);
  }

  public Uni<Long> deleteOfSubject(UUID subjectRef) {
    return delete("subjectRef", subjectRef);
  }
}
