package dev.riservo.audit.service;

import dev.riservo.audit.domain.AuditRecord;
import dev.riservo.audit.domain.AuditVerification;
import dev.riservo.audit.domain.ChainVerifier;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Cursor;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.jboss.logging.Logger;

/**
 * Walks the whole trail up to the head read at the start, through one server-side cursor (rows read
 * in pages, never all at once), and keeps its progress where {@link #progress()} reads it: a long
 * walk is visible while it runs, and logged every {@value #LOG_EVERY} entries.
 */
@ApplicationScoped
public class AuditVerifier {

  private static final Logger LOG = Logger.getLogger(AuditVerifier.class);

  static final int PAGE = 5_000;
  static final int LOG_EVERY = 500_000;

  /** Where a walk is: entries checked of those up to the head, since when; null when none runs. */
  public record Progress(Instant startedAt, long checked, long of) {}

  private final Pool pool;
  private final AtomicReference<Progress> running = new AtomicReference<>();

  public AuditVerifier(Pool pool) {
    this.pool = pool;
  }

  /** The walk in progress, or null. */
  public Progress progress() {
    return running.get();
  }

  public Uni<AuditVerification> verify() {
    Instant started = Instant.now();
    return pool.withTransaction(
            connection ->
                connection
                    .preparedQuery("SELECT seq, hash FROM audit_head WHERE id = 1")
                    .execute()
                    .chain(
                        heads -> {
                          Row head = heads.iterator().next();
                          long headSeq = head.getLong("seq");
                          String headHash = head.getString("hash");
                          running.set(new Progress(started, 0, headSeq));
                          return walk(connection, headSeq, started)
                              .map(verifier -> verifier.finish(headSeq, headHash));
                        }))
        .eventually(() -> running.set(null));
  }

  private Uni<ChainVerifier> walk(SqlConnection connection, long headSeq, Instant started) {
    return connection
        .prepare(
            "SELECT seq, occurred_at, actor, action, subject_ref, details, prev_hash, hash"
                + " FROM audit_entry WHERE seq IS NOT NULL AND seq <= $1 ORDER BY seq")
        .chain(
            statement ->
                page(
                    statement.cursor(Tuple.of(headSeq)), new ChainVerifier(), headSeq, started, 0));
  }

  private Uni<ChainVerifier> page(
      Cursor cursor, ChainVerifier verifier, long headSeq, Instant started, long checked) {
    return cursor
        .read(PAGE)
        .chain(
            rows -> {
              long seen = checked;
              for (Row row : rows) {
                if (!verifier.accept(record(row))) {
                  return cursor.close().replaceWith(verifier);
                }
                seen++;
                if (seen % LOG_EVERY == 0) {
                  LOG.infof("audit verification: %d of %d entries checked", seen, headSeq);
                }
              }
              running.set(new Progress(started, seen, headSeq));
              if (!cursor.hasMore()) {
                return cursor.close().replaceWith(verifier);
              }
              return page(cursor, verifier, headSeq, started, seen);
            });
  }

  private static AuditRecord record(Row row) {
    return new AuditRecord(
        row.getLong("seq"),
        row.getOffsetDateTime("occurred_at").toInstant(),
        row.getString("actor"),
        row.getString("action"),
        row.getString("subject_ref"),
        row.getString("details"),
        orEmpty(row.getString("prev_hash")),
        orEmpty(row.getString("hash")));
  }

  private static String orEmpty(String hash) {
    return hash == null ? "" : hash;
  }
}
