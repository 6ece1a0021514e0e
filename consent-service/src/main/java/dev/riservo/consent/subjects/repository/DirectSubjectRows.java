package dev.riservo.consent.subjects.repository;

import dev.riservo.idempotency.NativeStatements;
import io.smallrye.mutiny.Uni;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Subjects through native statements on a pooled connection (no Hibernate session): withdraw-all's
 * lookups, and the subjects of a batch of recordings read at once ({@link #lockAndFind(List, List,
 * List, List, List)}; the batch writes its new subjects with its consents).
 */
public final class DirectSubjectRows implements SubjectRows {

  /** The subject table's columns, in the order of {@link #values}. */
  public static final String COLUMNS =
      "ref, phone_sealed, phone_index, email_sealed, email_index, customer_id_sealed,"
          + " customer_id_index, created_at, erased_at, suppression_kept";

  private final NativeStatements sql;

  public DirectSubjectRows(NativeStatements sql) {
    this.sql = sql;
  }

  @Override
  public Uni<Void> lockIdentifiers(List<String> indexes) {
    if (indexes.isEmpty()) {
      return Uni.createFrom().voidItem();
    }
    // One statement: unnest yields the keys in the order given, and they are locked in that order.
    return sql.update(
            "SELECT pg_advisory_xact_lock(hashtext(k)) FROM unnest($1::text[]) AS k",
            (Object) indexes.toArray(String[]::new))
        .replaceWithVoid();
  }

  @Override
  public Uni<List<SubjectEntity>> findByIndexes(
      List<String> phone, List<String> email, List<String> customerId) {
    return find(phone, email, customerId, List.of());
  }

  /**
   * Both statements go out together (pipelined: one round trip). PostgreSQL runs them in order and
   * takes the search's snapshot when it starts, after the locks are granted.
   */
  @Override
  public Uni<List<SubjectEntity>> lockAndFind(
      List<String> indexes, List<String> phone, List<String> email, List<String> customerId) {
    return lockAndFind(indexes, phone, email, customerId, List.of());
  }

  /**
   * A batch's subjects, in one round trip: locks every index (in the order given), then finds the
   * live subjects that hold any of the indexes or have one of the references.
   */
  public Uni<List<SubjectEntity>> lockAndFind(
      List<String> indexes,
      List<String> phone,
      List<String> email,
      List<String> customerId,
      List<UUID> refs) {
    return Uni.combine()
        .all()
        .unis(lockIdentifiers(indexes), find(phone, email, customerId, refs))
        .with((locked, found) -> found);
  }

  /** Live subjects holding any of the indexes, or with one of the references. */
  private Uni<List<SubjectEntity>> find(
      List<String> phone, List<String> email, List<String> customerId, List<UUID> refs) {
    return sql.rows(
            "SELECT "
                + COLUMNS
                + " FROM subject WHERE erased_at IS NULL AND (phone_index = ANY($1)"
                + " OR email_index = ANY($2) OR customer_id_index = ANY($3) OR ref = ANY($4))",
            phone.toArray(String[]::new),
            email.toArray(String[]::new),
            customerId.toArray(String[]::new),
            refs.toArray(UUID[]::new))
        .map(rows -> rows.stream().map(DirectSubjectRows::subject).toList());
  }

  @Override
  public Uni<SubjectEntity> findLive(UUID ref) {
    return sql.rows("SELECT " + COLUMNS + " FROM subject WHERE ref = $1 AND erased_at IS NULL", ref)
        .map(rows -> rows.isEmpty() ? null : subject(rows.get(0)));
  }

  @Override
  public Uni<Void> insert(SubjectEntity subject) {
    return sql.update(
            "INSERT INTO subject ("
                + COLUMNS
                + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
            values(subject).toArray())
        .replaceWithVoid();
  }

  /** A subject's values, in the order of {@link #COLUMNS}. */
  public static List<Object> values(SubjectEntity s) {
    return Arrays.asList(
        s.ref,
        s.phoneSealed,
        s.phoneIndex,
        s.emailSealed,
        s.emailIndex,
        s.customerIdSealed,
        s.customerIdIndex,
        s.createdAt,
        s.erasedAt,
        s.suppressionKept);
  }

  private static SubjectEntity subject(Object[] row) {
    SubjectEntity s = new SubjectEntity();
    s.ref = (UUID) row[0];
    s.phoneSealed = (String) row[1];
    s.phoneIndex = (String) row[2];
    s.emailSealed = (String) row[3];
    s.emailIndex = (String) row[4];
    s.customerIdSealed = (String) row[5];
    s.customerIdIndex = (String) row[6];
    s.createdAt = ((OffsetDateTime) row[7]).toInstant();
    s.erasedAt = row[8] == null ? null : ((OffsetDateTime) row[8]).toInstant();
    s.suppressionKept = (Boolean) row[9];
    return s;
  }
}
