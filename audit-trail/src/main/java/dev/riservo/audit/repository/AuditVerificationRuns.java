package dev.riservo.audit.repository;

import dev.riservo.audit.domain.AuditVerification;
import dev.riservo.audit.domain.VerificationRun;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * The audit_verification table (the only code that touches it), through the reactive pool: each
 * method is one statement in its own transaction. Times are the database's ({@code now()}), so
 * replicas with skewed clocks agree on what is stale or expired.
 */
@ApplicationScoped
public class AuditVerificationRuns {

  private static final String COLUMNS =
      "id, started_at, finished_at, entries_checked, entries_total, intact, broken_at, finding,"
          + " failure";

  private final Pool pool;

  public AuditVerificationRuns(Pool pool) {
    this.pool = pool;
  }

  /** Inserts a running verification, or answers null if one is already running. */
  public Uni<VerificationRun> insertRunning(UUID id) {
    return pool.preparedQuery(
            "INSERT INTO audit_verification (id, started_at, heartbeat_at) VALUES ($1, now(),"
                + " now()) ON CONFLICT DO NOTHING RETURNING "
                + COLUMNS)
        .execute(Tuple.of(id))
        .map(AuditVerificationRuns::first);
  }

  /** The running verification, or null. */
  public Uni<VerificationRun> running() {
    return pool.preparedQuery(
            "SELECT " + COLUMNS + " FROM audit_verification WHERE finished_at IS NULL")
        .execute()
        .map(AuditVerificationRuns::first);
  }

  /** The verification, or null if there is none (or its result has expired). */
  public Uni<VerificationRun> find(UUID id, Duration retention) {
    return pool.preparedQuery(
            "SELECT "
                + COLUMNS
                + " FROM audit_verification WHERE id = $1 AND (finished_at IS NULL"
                + " OR finished_at > now() - make_interval(secs => $2))")
        .execute(Tuple.of(id, seconds(retention)))
        .map(AuditVerificationRuns::first);
  }

  /** Records the progress of a running verification, and that its replica is alive. */
  public Uni<Void> heartbeat(UUID id, long checked, Long total) {
    return pool.preparedQuery(
            "UPDATE audit_verification SET heartbeat_at = now(), entries_checked = $2,"
                + " entries_total = $3 WHERE id = $1 AND finished_at IS NULL")
        .execute(Tuple.of(id, checked, total))
        .replaceWithVoid();
  }

  /** Records the verdict. */
  public Uni<Void> finish(UUID id, AuditVerification verdict, Long total) {
    return pool.preparedQuery(
            "UPDATE audit_verification SET finished_at = now(), heartbeat_at = now(),"
                + " entries_checked = $2, entries_total = coalesce($3, entries_total),"
                + " intact = $4, broken_at = $5, finding = $6 WHERE id = $1")
        .execute(
            Tuple.tuple()
                .addUUID(id)
                .addLong(verdict.entriesChecked())
                .addLong(total)
                .addBoolean(verdict.intact())
                .addLong(verdict.brokenAt())
                .addString(verdict.finding()))
        .replaceWithVoid();
  }

  /** Records that the verification stopped without a verdict. */
  public Uni<Void> fail(UUID id, String failure) {
    return pool.preparedQuery(
            "UPDATE audit_verification SET finished_at = now(), failure = $2"
                + " WHERE id = $1 AND finished_at IS NULL")
        .execute(Tuple.of(id, failure))
        .replaceWithVoid();
  }

  /** Marks as failed every running verification whose replica has been silent for too long. */
  public Uni<Integer> abandonStale(Duration staleAfter, String failure) {
    return pool.preparedQuery(
            "UPDATE audit_verification SET finished_at = now(), failure = $2"
                + " WHERE finished_at IS NULL"
                + " AND heartbeat_at < now() - make_interval(secs => $1)")
        .execute(Tuple.of(seconds(staleAfter), failure))
        .map(RowSet::rowCount);
  }

  /** Deletes finished verifications past their retention, and all but the newest {@code keep}. */
  public Uni<Integer> prune(Duration retention, int keep) {
    return pool.preparedQuery(
            "DELETE FROM audit_verification WHERE finished_at IS NOT NULL AND (finished_at <"
                + " now() - make_interval(secs => $1) OR id NOT IN (SELECT id FROM"
                + " audit_verification WHERE finished_at IS NOT NULL ORDER BY finished_at DESC"
                + " LIMIT $2))")
        .execute(Tuple.of(seconds(retention), keep))
        .map(RowSet::rowCount);
  }

  private static double seconds(Duration duration) {
    return duration.toMillis() / 1000.0;
  }

  private static VerificationRun first(RowSet<Row> rows) {
    var iterator = rows.iterator();
    return iterator.hasNext() ? run(iterator.next()) : null;
  }

  private static VerificationRun run(Row row) {
    Boolean intact = row.getBoolean("intact");
    AuditVerification verdict =
        intact == null
            ? null
            : new AuditVerification(
                intact,
                row.getLong("entries_checked"),
                row.getLong("broken_at"),
                row.getString("finding"));
    OffsetDateTime finished = row.getOffsetDateTime("finished_at");
    return new VerificationRun(
        row.getUUID("id"),
        row.getOffsetDateTime("started_at").toInstant(),
        finished == null ? null : finished.toInstant(),
        row.getLong("entries_checked"),
        row.getLong("entries_total"),
        verdict,
        row.getString("failure"));
  }
}
