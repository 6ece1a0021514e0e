package dev.riservo.consent.receipts.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class ReceiptRepository implements PanacheRepositoryBase<ReceiptEntity, UUID> {

  public Uni<List<ReceiptEntity>> ofSubject(UUID subjectRef) {
    return list("subjectRef", Sort.by("issuedAt"), subjectRef);
  }

  public Uni<Long> deleteOfSubject(UUID subjectRef) {
    return delete("subjectRef", subjectRef);
  }
}
