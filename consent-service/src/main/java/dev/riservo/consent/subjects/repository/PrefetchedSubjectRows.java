package dev.riservo.consent.subjects.repository;

import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.UUID;

/**
 * One write's view of the subjects that a batch of writes read beforehand, in one statement, under
 * the advisory locks of every identifier in the batch ({@link DirectSubjectRows#lockAndFind(List,
 * List, List, List, List)}): lookups answer from those rows, and a new subject is held for the
 * batch's write ({@link #takeNew}).
 */
public final class PrefetchedSubjectRows implements SubjectRows {

  private final List<SubjectEntity> found;
  private SubjectEntity unwritten;

  public PrefetchedSubjectRows(List<SubjectEntity> found) {
    this.found = found;
  }

  /** The batch holds every lock already. */
  @Override
  public Uni<Void> lockIdentifiers(List<String> indexes) {
    return Uni.createFrom().voidItem();
  }

  @Override
  public Uni<List<SubjectEntity>> findByIndexes(
      List<String> phone, List<String> email, List<String> customerId) {
    return Uni.createFrom()
        .item(
            found.stream()
                .filter(
                    s ->
                        holds(phone, s.phoneIndex)
                            || holds(email, s.emailIndex)
                            || holds(customerId, s.customerIdIndex))
                .toList());
  }

  /** Whether the subject's index (null if it has no such identifier) is one looked for. */
  private static boolean holds(List<String> lookedFor, String index) {
    return index != null && lookedFor.contains(index);
  }

  @Override
  public Uni<SubjectEntity> findLive(UUID ref) {
    return Uni.createFrom()
        .item(found.stream().filter(s -> s.ref.equals(ref)).findFirst().orElse(null));
  }

  @Override
  public Uni<Void> insert(SubjectEntity subject) {
    unwritten = subject;
    return Uni.createFrom().voidItem();
  }

  /** The new subject not written yet, or null; the batch writes it. */
  public SubjectEntity takeNew() {
    SubjectEntity subject = unwritten;
    unwritten = null;
    return subject;
  }
}
