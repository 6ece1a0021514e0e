package dev.riservo.notice.subjectdata.repository;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;

/** The {@code subject} table: lookups by blind index, advisory locks for first contacts. */
@ApplicationScoped
@WithSession
public class SubjectRepository implements PanacheRepositoryBase<SubjectEntity, UUID> {

  /** Live (not erased) subjects holding any of the given blind indexes. */
  public Uni<List<SubjectEntity>> findByIndexes(
      List<String> phone, List<String> email, List<String> customerId) {
    return list(
        "erasedAt is null and (phoneIndex in ?1 or emailIndex in ?2 or customerIdIndex in ?3)",
        orNone(phone),
        orNone(email),
        orNone(customerId));
  }

  /** A live subject, or null (unknown and erased alike). */
  public Uni<SubjectEntity> findLive(UUID ref) {
    return findById(ref).map(subject -> subject == null || subject.erased() ? null : subject);
  }

  /**
   * Transaction-scoped advisory locks, one per blind index, taken in the given (sorted) order: two
   * first contacts of the same person at once make one subject.
   */
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
                                  .createNativeQuery("SELECT pg_advisory_xact_lock(hashtext(?1))")
                                  .setParameter(1, "subject:" + index)
                                  .executeUpdate())
                      .replaceWithVoid());
    }
    return chain;
  }

  private static List<String> orNone(List<String> indexes) {
    return indexes.isEmpty() ? List.of("-") : indexes;
  }
}
