package dev.riservo.consent.objections.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class ObjectionRepository implements PanacheRepositoryBase<ObjectionEntity, UUID> {

  public Uni<List<ObjectionEntity>> ofSubject(UUID subjectRef) {
    return list("subjectRef", Sort.by("occurredAt"), subjectRef);
  }

  public Uni<List<Instant>> instantsOf(UUID subjectRef) {
    return ofSubject(subjectRef).map(list -> list.stream().map(o -> o.occurredAt).toList());
  }

  public Uni<Long> deleteOfSubject(UUID subjectRef) {
    return delete("subjectRef", subjectRef);
  }
}
