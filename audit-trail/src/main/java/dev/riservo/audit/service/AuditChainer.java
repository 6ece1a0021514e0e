package dev.riservo.audit.service;

import dev.riservo.audit.domain.AuditChain;
import dev.riservo.audit.domain.AuditRecord;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Chains the entries that writers committed unchained. One chaining transaction at a time across
 * every replica (it locks the head row first); it takes the unchained entries in the order they
 * were written, computes each hash from the one before, and stores the seq and hashes of the whole
 * batch and the new head in two statements. Writers thus never wait for each other; an entry is
 * chained within {@code riservo.audit.chain-delay} under load, and within {@code
 * riservo.audit.sweep-interval} at worst (entries of other replicas, of a crashed one).
 */
@ApplicationScoped
public class AuditChainer {

  private static final Logger LOG = Logger.getLogger(AuditChainer.class);

  static final int BATCH = 1000;

  private final Pool pool;
  private final Vertx vertx;
  private final Duration delay;
  private final Duration sweepInterval;
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicBoolean again = new AtomicBoolean();
  private volatile long sweepTimer = -1;

  public AuditChainer(
      Pool pool,
      Vertx vertx,
      @ConfigProperty(name = "riservo.audit.chain-delay", defaultValue = "PT0.02S") Duration delay,
      @ConfigProperty(name = "riservo.audit.sweep-interval", defaultValue = "PT1S")
          Duration sweepInterval) {
    this.pool = pool;
    this.vertx = vertx;
    this.delay = delay;
    this.sweepInterval = sweepInterval;
  }

  void start(@Observes StartupEvent event) {
    sweepTimer = vertx.setPeriodic(sweepInterval.toMillis(), id -> runInBackground());
  }

  void stop(@Observes ShutdownEvent event) {
    if (sweepTimer >= 0) {
      vertx.cancelTimer(sweepTimer);
    }
  }

  /** Asks for a chaining run shortly; calls made while one is already asked for add nothing. */
  public void soon() {
    if (scheduled.compareAndSet(false, true)) {
      vertx.setTimer(
          Math.max(1, delay.toMillis()),
          id -> {
            scheduled.set(false);
            runInBackground();
          });
    }
  }

  /**
   * One background run at a time in this process: a run asked for while one is going starts when it
   * ends (runs that piled up behind the head lock would each hold a pooled connection).
   */
  private void runInBackground() {
    again.set(true);
    if (!running.compareAndSet(false, true)) {
      return;
    }
    again.set(false);
    chainCommitted()
        .subscribe()
        .with(
            chained -> finished(),
            failure -> {
              LOG.warnf("audit entries not chained yet, retrying later: %s", failure);
              finished();
            });
  }

  private void finished() {
    running.set(false);
    if (again.get()) {
      runInBackground();
    }
  }

  /** Chains every entry committed so far; answers how many it chained. */
  public Uni<Integer> chainCommitted() {
    return pool.withTransaction(this::chainBatch)
        .chain(
            chained ->
                chained < BATCH
                    ? Uni.createFrom().item(chained)
                    : chainCommitted().map(more -> chained + more));
  }

  /**
   * The run's statements are planned for the table as it is now (a custom plan each time): a
   * generic plan cached on a pooled connection while the table was small (a sequential scan) would
   * otherwise be kept for the connection's life wherever statistics are not refreshed (autovacuum
   * off), and scan the whole trail on every run. Planning costs little beside a batch's work.
   */
  private Uni<Integer> chainBatch(SqlConnection connection) {
    return connection
        .query("SET LOCAL plan_cache_mode = force_custom_plan")
        .execute()
        .chain(
            () ->
                connection
                    .preparedQuery("SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE")
                    .execute())
        .chain(
            head -> {
              Row row = head.iterator().next();
              long seq = row.getLong("seq");
              String hash = row.getString("hash");
              return connection
                  .preparedQuery(
                      "SELECT id, occurred_at, actor, action, subject_ref, details FROM audit_entry"
                          + " WHERE seq IS NULL ORDER BY id LIMIT $1")
                  .execute(Tuple.of(BATCH))
                  .chain(rows -> store(connection, seq, hash, rows));
            });
  }

  private Uni<Integer> store(
      SqlConnection connection, long headSeq, String headHash, RowSet<Row> rows) {
    int size = rows.size();
    if (size == 0) {
      return Uni.createFrom().item(0);
    }
    List<Long> ids = new ArrayList<>(size);
    List<Long> seqs = new ArrayList<>(size);
    List<String> previous = new ArrayList<>(size);
    List<String> hashes = new ArrayList<>(size);
    long seq = headSeq;
    String hash = headHash;
    for (Row row : rows) {
      seq++;
      AuditRecord record =
          new AuditRecord(
              seq,
              row.getOffsetDateTime("occurred_at").toInstant(),
              row.getString("actor"),
              row.getString("action"),
              row.getString("subject_ref"),
              row.getString("details"),
              hash,
              "");
      ids.add(row.getLong("id"));
      seqs.add(seq);
      previous.add(hash);
      hash = AuditChain.hash(hash, record);
      hashes.add(hash);
    }
    long newSeq = seq;
    String newHash = hash;
    return connection
        .preparedQuery(
            "UPDATE audit_entry AS e SET seq = c.seq, prev_hash = c.prev_hash, hash = c.hash"
                + " FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::text[])"
                + " AS c(id, seq, prev_hash, hash) WHERE e.id = c.id")
        .execute(
            Tuple.of(
                ids.toArray(Long[]::new),
                seqs.toArray(Long[]::new),
                previous.toArray(String[]::new),
                hashes.toArray(String[]::new)))
        .chain(
            () ->
                connection
                    .preparedQuery("UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1")
                    .execute(Tuple.of(newSeq, newHash)))
        .replaceWith(size);
  }
}
