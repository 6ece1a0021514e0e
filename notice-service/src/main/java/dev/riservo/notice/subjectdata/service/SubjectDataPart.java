package dev.riservo.notice.subjectdata.service;

import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One kind of personal data notice-service holds about a subject (presentations, staff
 * acknowledgements, ...): what the internal data-source contract exports and erases. A feature that
 * stores data naming a subject of the {@code subject} table implements this as an
 * {@code @ApplicationScoped} bean; {@link SubjectDataService} and {@link SubjectErasure} find every
 * part through CDI and walk them in {@link #name()} order, one after another in one Hibernate
 * Reactive session (never at once). Methods run inside the caller's session or transaction.
 */
public interface SubjectDataPart {

  /** The part's name in an export and an erasure report, e.g. {@code "presentations"}. */
  String name();

  /** What the part holds about the subject: the terms, and the records (opened, in clear). */
  Uni<Held> export(UUID subjectRef);

  /** How many records {@link #erase} would delete now (a dry run). */
  Uni<Long> count(UUID subjectRef);

  /**
   * Deletes the subject's records, in the erasure's transaction and before the subject's key is
   * shredded (a part may still open sealed values here); answers how many.
   */
  Uni<Long> erase(UUID subjectRef);

  /** What erasure keeps of this part and why (a legal hold), if anything. */
  default List<Kept> kept() {
    return List.of();
  }

  /** Something erasure kept, and why (the legal hold it rests on). */
  record Kept(String what, String why) {}

  /** A purpose the data serves, with its legal basis. */
  record Purpose(String purpose, String legalBasis) {}

  /**
   * What one part holds: categories of data, purposes with legal bases, where it came from, how
   * long it is kept, who receives it, and the records themselves (personal data: never log).
   */
  record Held(
      String part,
      List<String> categories,
      List<Purpose> purposes,
      String source,
      String retention,
      List<String> recipients,
      List<Map<String, Object>> records) {}
}
