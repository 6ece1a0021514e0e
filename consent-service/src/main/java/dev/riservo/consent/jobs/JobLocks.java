package dev.riservo.consent.jobs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;

/**
 * Which long jobs (register imports) still have a living replica: a running job holds a
 * transaction-level advisory lock on its own connection for as long as it runs. PostgreSQL releases
 * it the moment that session ends, however it ends (the transaction's end, a crash, {@code kill
 * -9}, a lost network), so a sweep that can take the lock knows the job has no one left to finish
 * it. Locks of the (int, int) form, under a class of their own: they never meet the single-key
 * advisory locks of idempotency keys.
 */
public final class JobLocks {

  /** The first key of every job lock. */
  static final int JOB_CLASS = 0x52534a42; // "RSJB"

  private JobLocks() {}

  /** Held by the running job, inside its transaction, until that transaction ends. */
  public static void holdWhileRunning(Connection connection, UUID job) throws SQLException {
    lock(connection, "SELECT pg_advisory_xact_lock(?, ?)", job);
  }

  /**
   * True if no session holds the job's lock (its replica is gone); the caller then holds it until
   * its own transaction ends, so two sweeps never clean one job at once.
   */
  public static boolean ownerGone(Connection connection, UUID job) throws SQLException {
    return lock(connection, "SELECT pg_try_advisory_xact_lock(?, ?)", job);
  }

  private static boolean lock(Connection connection, String sql, UUID job) throws SQLException {
    try (PreparedStatement lock = connection.prepareStatement(sql)) {
      lock.setInt(1, JOB_CLASS);
      lock.setInt(2, job.hashCode());
      try (ResultSet row = lock.executeQuery()) {
        row.next();
        Object taken = row.getObject(1);
        return !(taken instanceof Boolean b) || b; // pg_advisory_xact_lock answers void
      }
    }
  }
}
