package dev.riservo.consent.subjects.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

@ApplicationScoped
@WithSession
public class SubjectRepository implements PanacheRepositoryBase<SubjectEntity, UUID>, SubjectRows {

  @Override
  public Uni<List<SubjectEntity>> findByIndexes(
      List<String> phone, List<String> email, List<String> customerId) {
    return list(
        "erasedAt is null and (phoneIndex in ?1 or emailIndex in ?2 or customerIdIndex in ?3)",
        orNone(phone),
        orNone(email),
        orNone(customerId));
  }

  @Override
  public Uni<SubjectEntity> findLive(UUID ref) {
    return findById(ref).map(subject -> subject == null || subject.erased() ? null : subject);
  }

  @Override
  public Uni<Void> lockIdentifiers(List<String> indexes) {
    Uni<Void> chain = Uni.createFrom().voidItem();
    for (String index : indexes) {
      chain =
          chain.chain(
              () ->
                  getSession()
                      .chain(
                          session ->
                              session
                                  // run as an update: no result mapping to cache per call
                                  .createNativeQuery("SELECT pg_advisory_xact_lock(hashtext(?1))")
                                  .setParameter(1, index)
                                  .executeUpdate())
                      .replaceWithVoid());
    }
    return chain;
  }

  @Override
  public Uni<Void> insert(SubjectEntity subject) {
    return persist(subject).replaceWithVoid();
  }

  private static List<String> orNone(List<String> indexes) {
    return indexes.isEmpty() ? List.of("-") : indexes;
  }
}
