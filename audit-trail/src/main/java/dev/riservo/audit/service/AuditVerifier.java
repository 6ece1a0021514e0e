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
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Walks the whole trail up to the head read at the start, through one server-side cursor (rows read
 * in pages, never all at once), and tells its caller its progress after every page: a long walk is
 * visible while it runs ({@link AuditVerifications}), and logged every {@value #LOG_EVERY} entries.
 */
@ApplicationScoped
public class AuditVerifier {

  private static final Logger LOG = Logger.getLogger(AuditVerifier.class);

  static final int PAGE = 5_000;
  static final int LOG_EVERY = 500_000;

  /** Where a walk is: entries checked of those up to the head, since when. */
  public record Progress(Instant startedAt, long checked, long of) {}

  private final Pool pool;

  public AuditVerifier(Pool pool) {
    this.pool = pool;
  }

  /** Walks the trail, telling {@code progress} where it is once the head is read and per page. */
  public Uni<AuditVerification> verify(Consumer<Progress> progress) {
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
                      progress.accept(new Progress(started, 0, headSeq));
                      return walk(connection, headSeq, started, progress)
                          .map(verifier -> verifier.finish(headSeq, headHash));
                    }));
  }

  private Uni<ChainVerifier> walk(
      SqlConnection connection, long headSeq, Instant started, Consumer<Progress> progress) {
    return connection
        .prepare(
            "SELECT seq, occurred_at, actor, action, subject_ref, details, prev_hash, hash"
                + " FROM audit_entry WHERE seq IS NOT NULL AND seq <= $1 ORDER BY seq")
        .chain(
            statement ->
                page(
                    statement.cursor(Tuple.of(headSeq)),
                    new ChainVerifier(),
                    new Progress(started, 0, headSeq),
                    progress));
  }

  private Uni<ChainVerifier> page(
      Cursor cursor, ChainVerifier verifier, Progress at, Consumer<Progress> progress) {
    return cursor
        .read(PAGE)
        .chain(
            rows -> {
              long seen = at.checked();
              long headSeq = at.of();
              for (Row row : rows) {
                if (!verifier.accept(record(row))) {
                  return cursor.close().replaceWith(verifier);
                }
                seen++;
                if (seen % LOG_EVERY == 0) {
                  LOG.infof("audit verification: %d of %d entries checked", seen, headSeq);
                }
              }
              Progress now = new Progress(at.startedAt(), seen, headSeq);
              progress.accept(now);
              if (!cursor.hasMore()) {
                return cursor.close().replaceWith(verifier);
              }
              return page(cursor, verifier, now, progress);
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
