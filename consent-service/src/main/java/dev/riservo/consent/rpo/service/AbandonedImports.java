package dev.riservo.consent.rpo.service;

import dev.riservo.consent.jobs.JobLocks;
import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Register imports whose replica stopped in the middle (a crash, {@code kill -9}, a node lost):
 * found at start-up and every minute after by their job lock ({@link JobLocks}), marked FAILED with
 * the reason, their partial entries dropped, so the supervisor sees at {@code GET
 * /v1/rpo/consultations/{id}} that the file must be uploaded again. An import is given a minute
 * from its start to take its lock.
 */
@ApplicationScoped
public class AbandonedImports {

  static final Duration SWEEP_EVERY = Duration.ofMinutes(1);
  static final String FAILURE =
      "the import was interrupted: its replica stopped before the end of the file; nothing was"
          + " kept, upload the file again";

  private final AgroalDataSource db;
  private final Vertx vertx;
  private volatile long timer = -1;

  public AbandonedImports(AgroalDataSource db, Vertx vertx) {
    this.db = db;
    this.vertx = vertx;
  }

  void start(@Observes StartupEvent start) {
    vertx.executeBlocking(this::sweepLogged, false);
    timer =
        vertx.setPeriodic(
            SWEEP_EVERY.toMillis(), id -> vertx.executeBlocking(this::sweepLogged, false));
  }

  void stop(@Observes ShutdownEvent stop) {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  private int sweepLogged() {
    try {
      return sweep();
    } catch (SQLException e) {
      Log.warnf("the sweep of abandoned register imports failed: %s", e.getSQLState());
      return 0;
    }
  }

  /** Fails every running import that no replica holds any more; answers how many. */
  public int sweep() throws SQLException {
    int failed = 0;
    for (UUID id : runningForAMinute()) {
      if (failIfAbandoned(id)) {
        failed++;
        Log.warnf("register import %s was abandoned by its replica: marked FAILED", id);
      }
    }
    return failed;
  }

  private List<UUID> runningForAMinute() throws SQLException {
    List<UUID> running = new ArrayList<>();
    try (Connection connection = db.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT id FROM rpo_consultation WHERE status = 'RUNNING'"
                    + " AND started_at < now() - interval '1 minute'");
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        running.add((UUID) rows.getObject(1));
      }
    }
    return running;
  }

  private boolean failIfAbandoned(UUID id) throws SQLException {
    try (Connection connection = db.getConnection()) {
      connection.setAutoCommit(false);
      try {
        if (!JobLocks.ownerGone(connection, id)) {
          connection.rollback();
          return false; // still running somewhere
        }
        try (Statement drop = connection.createStatement()) {
          drop.execute("DROP TABLE IF EXISTS " + RpoImports.partition(id));
        }
        int updated;
        try (PreparedStatement fail =
            connection.prepareStatement(
                "UPDATE rpo_consultation SET status = 'FAILED', finished_at = now(), entries = 0,"
                    + " failure = ? WHERE id = ? AND status = 'RUNNING'")) {
          fail.setString(1, FAILURE);
          fail.setObject(2, id);
          updated = fail.executeUpdate();
        }
        connection.commit();
        return updated == 1;
      } catch (SQLException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    }
  }
}
