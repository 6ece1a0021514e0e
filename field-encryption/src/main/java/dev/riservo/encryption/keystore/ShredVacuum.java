package dev.riservo.encryption.keystore;

import dev.riservo.encryption.KeyStoreUnavailableException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.OffsetDateTime;
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
 * <p>What is pending lives in the key database ({@code key_store_vacuum}): a replica that stops
 * before its rewrite leaves the work to the next one that starts, and replicas take an advisory
 * lock so that one rewrites at a time.
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

  /** True if a key was destroyed since the key table was last rewritten. */
  boolean pending() {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery("SELECT requested_at > completed_at FROM key_store_vacuum")) {
      return rs.next() && rs.getBoolean(1);
    } catch (SQLException e) {
      throw Jdbc.unavailable(e);
    }
  }

  /**
   * Rewrites the key table now if a key was destroyed since its last rewrite (blocking; never on an
   * event loop). Answers false if nothing was pending or another replica is rewriting it.
   */
  boolean completeNow() {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      connection.setAutoCommit(true); // VACUUM cannot run inside a transaction
      if (!advisoryLock(statement, "pg_try_advisory_lock")) {
        return false;
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

  private static boolean rewrite(Statement statement) throws SQLException {
    OffsetDateTime started;
    try (ResultSet rs =
        statement.executeQuery(
            "SELECT clock_timestamp(), requested_at > completed_at FROM key_store_vacuum")) {
      if (!rs.next() || !rs.getBoolean(2)) {
        return false;
      }
      started = rs.getObject(1, OffsetDateTime.class);
    }
    long begin = System.nanoTime();
    statement.execute("SET lock_timeout = '" + LOCK_TIMEOUT + "'");
    statement.execute("VACUUM (FULL) data_key");
    try (var ps =
        statement
            .getConnection()
            .prepareStatement(
                "UPDATE key_store_vacuum SET completed_at = GREATEST(completed_at, ?)")) {
      ps.setObject(1, started);
      ps.executeUpdate();
    }
    LOG.infof(
        "key table rewritten after shreds in %d ms: destroyed keys are off the disk",
        Duration.ofNanos(System.nanoTime() - begin).toMillis());
    return true;
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
