package dev.riservo.notice.presentations.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** The {@code presentation} table. */
@ApplicationScoped
@WithSession
public class PresentationRepository implements PanacheRepositoryBase<PresentationEntity, UUID> {

  /** A subject's presentations, oldest first. */
  public Uni<List<PresentationEntity>> ofSubject(UUID subjectRef) {
    return list("subjectRef", Sort.ascending("presentedAt", "id"), subjectRef);
  }

  public Uni<Long> countOfSubject(UUID subjectRef) {
    return count("subjectRef", subjectRef);
  }

  public Uni<Long> deleteOfSubject(UUID subjectRef) {
    return delete("subjectRef", subjectRef);
  }
}
