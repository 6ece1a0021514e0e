package dev.riservo.encryption.keystore;

import dev.riservo.encryption.KeyStoreUnavailableException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Takes destroyed keys off the disk: rewrites the key table ({@code VACUUM FULL data_key}) a while
 * after keys were shredded or discarded, once for a whole burst of them.
 *
 * <p>A plain VACUUM is not enough: it frees a deleted row version's space in its page but does not
 * overwrite it, so the wrapped key stays readable in the heap file until a later row happens to
 * land on those bytes (shown by {@code ShredOnDiskTest}). The rewrite copies only live rows (and
 * tombstones) into a new file, rebuilds the indexes, and truncates the old file at commit. It holds
 * an ACCESS EXCLUSIVE lock on the key table while it runs (cold key reads and new subjects' keys
 * wait; warm keys are served from memory), so it waits at most {@code LOCK_TIMEOUT} for the lock
 * and otherwise tries again later.
 *
 * <p>What is pending lives in the key database ({@code key_store_vacuum}), by transaction id: a
 * replica that stops before its rewrite leaves the work to the next one that starts, and replicas
 * take an advisory lock so that one rewrites at a time. A rewrite keeps every row version that a
 * snapshot may still see, its own included, and a snapshot taken while any older transaction runs
 * anywhere on the server sees the destroyed row as live: so the rewrite waits until every
 * transaction up to the last destroying one has ended ({@link
 * Outcome#HELD_BY_AN_OLDER_TRANSACTION}).
 */
final class ShredVacuum implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(ShredVacuum.class);
  private static final long ADVISORY_LOCK = 0x7269_7365_7276_6f01L; // "riservo" + 1
  private static final String LOCK_TIMEOUT = "10s";

  private final DataSource dataSource;
  private final Duration delay;
  private ScheduledExecutorService scheduler;
  private boolean scheduled;
  private boolean closed;
  private volatile boolean heldLogged;

  ShredVacuum(DataSource dataSource, Duration delay) {
    this.dataSource = dataSource;
    this.delay = delay;
  }

  /** A key was destroyed: rewrite the key table after the delay, unless already scheduled. */
  synchronized void request() {
    if (scheduled || closed) {
      return;
    }
    if (scheduler == null) {
      scheduler =
          Executors.newSingleThreadScheduledExecutor(
              task -> {
                Thread thread = new Thread(task, "riservo-key-vacuum");
                thread.setDaemon(true);
                return thread;
              });
    }
    scheduled = true;
    scheduler.schedule(this::scheduledRun, delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void scheduledRun() {
    synchronized (this) {
      scheduled = false;
    }
    try {
      completeNow();
    } catch (RuntimeException e) {
      LOG.warnf("key table not rewritten after shreds (%s); trying again", e.getMessage());
    }
    try {
      if (pending()) {
        request();
      }
    } catch (RuntimeException e) {
      request();
    }
  }

  /** What a rewrite attempt did. */
  enum Outcome {
    /** The key table was rewritten: every key destroyed so far is off the disk. */
    REWRITTEN,
    /** No key was destroyed since the last rewrite. */
    NOTHING_PENDING,
    /** Another replica is rewriting it. */
    ANOTHER_REPLICA,
    /**
     * A transaction older than the last destroying one is still running on the server (in any
     * database), or a session on the key database holds an older snapshot: a rewrite now would copy
     * the destroyed row versions along, so it waits.
     */
    HELD_BY_AN_OLDER_TRANSACTION
  }

  private static final String STATE =
      "SELECT requested_xid >= completed_xid,"
          // every transaction up to the last destroying one has ended, anywhere on the server ...
          + " pg_snapshot_xmin(pg_current_snapshot()) > requested_xid"
          // ... and no session on the key database holds a snapshot from before it ended
          + " AND NOT EXISTS (SELECT 1 FROM pg_stat_activity a"
          + "   WHERE a.datname = current_database() AND a.pid <> pg_backend_pid()"
          + "   AND a.backend_xmin IS NOT NULL AND age(a.backend_xmin) >= age(xid(requested_xid))),"
          + " requested_xid::text"
          + " FROM key_store_vacuum";

  /** True if a key was destroyed since the key table was last rewritten after it. */
  boolean pending() {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(STATE)) {
      return rs.next() && rs.getBoolean(1);
    } catch (SQLException e) {
      throw Jdbc.unavailable(e);
    }
  }

  /**
   * Rewrites the key table now if a key was destroyed since its last rewrite (blocking; never on an
   * event loop).
   */
  Outcome completeNow() {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      connection.setAutoCommit(true); // VACUUM cannot run inside a transaction
      if (!advisoryLock(statement, "pg_try_advisory_lock")) {
        return Outcome.ANOTHER_REPLICA;
      }
      try {
        return rewrite(statement);
      } finally {
        statement.execute("RESET lock_timeout");
        advisoryLock(statement, "pg_advisory_unlock");
      }
    } catch (SQLException e) {
      throw new KeyStoreUnavailableException(
          "the key table was not rewritten (SQL state " + e.getSQLState() + ")", e);
    }
  }

  private Outcome rewrite(Statement statement) throws SQLException {
    String covered;
    try (ResultSet rs = statement.executeQuery(STATE)) {
      if (!rs.next() || !rs.getBoolean(1)) {
        return Outcome.NOTHING_PENDING;
      }
      if (!rs.getBoolean(2)) {
        if (!heldLogged) {
          heldLogged = true;
          LOG.warn(
              "destroyed keys stay in the key table's file until an older transaction ends: one is"
                  + " still running on this PostgreSQL server (any database) or holds a snapshot"
                  + " on the key database; the rewrite is retried");
        }
        return Outcome.HELD_BY_AN_OLDER_TRANSACTION;
      }
      covered = rs.getString(3);
    }
    long begin = System.nanoTime();
    statement.execute("SET lock_timeout = '" + LOCK_TIMEOUT + "'");
    statement.execute("VACUUM (FULL) data_key");
    try (var ps =
        statement
            .getConnection()
            .prepareStatement(
                "UPDATE key_store_vacuum SET completed_at = now(),"
                    + " completed_xid = greatest(completed_xid, (?::bigint + 1)::text::xid8)")) {
      ps.setString(1, covered);
      ps.executeUpdate();
    }
    heldLogged = false;
    LOG.infof(
        "key table rewritten after shreds in %d ms: destroyed keys are off the disk",
        Duration.ofNanos(System.nanoTime() - begin).toMillis());
    return Outcome.REWRITTEN;
  }

  private static boolean advisoryLock(Statement statement, String function) throws SQLException {
    try (ResultSet rs = statement.executeQuery("SELECT " + function + "(" + ADVISORY_LOCK + ")")) {
      return rs.next() && rs.getBoolean(1);
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
  }
}
