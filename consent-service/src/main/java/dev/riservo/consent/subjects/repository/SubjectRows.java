package dev.riservo.consent.subjects.repository;

import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.UUID;

/**
 * Where subjects are read and written within a transaction: the Hibernate Reactive session ({@link
 * SubjectRepository}) or a pooled connection taken directly ({@link DirectSubjectRows}, the lean
 * path of consent recording).
 */
public interface SubjectRows {

  /** Transaction-scoped advisory locks, one per blind index, taken in the given order. */
  Uni<Void> lockIdentifiers(List<String> indexes);

  /** Live (not erased) subjects holding any of the given blind indexes. */
  Uni<List<SubjectEntity>> findByIndexes(
      List<String> phone, List<String> email, List<String> customerId);

  /**
   * Locks the indexes ({@link #lockIdentifiers}), then finds the live subjects holding any of them
   * ({@link #findByIndexes}): the search starts once the locks are held, so it sees what a
   * transaction that held them before committed.
   */
  default Uni<List<SubjectEntity>> lockAndFind(
      List<String> indexes, List<String> phone, List<String> email, List<String> customerId) {
    return lockIdentifiers(indexes).chain(() -> findByIndexes(phone, email, customerId));
  }

  /** A live subject, or null. */
  Uni<SubjectEntity> findLive(UUID ref);

  /** Stores a new subject. */
  Uni<Void> insert(SubjectEntity subject);
}
