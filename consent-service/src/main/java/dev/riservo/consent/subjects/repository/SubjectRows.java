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

  /** A live subject, or null. */
  Uni<SubjectEntity> findLive(UUID ref);

  /** Stores a new subject. */
  Uni<Void> insert(SubjectEntity subject);
}
