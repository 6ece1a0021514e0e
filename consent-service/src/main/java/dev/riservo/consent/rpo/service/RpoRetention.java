package dev.riservo.consent.rpo.service;

import dev.riservo.audit.domain.AuditEvent;
import dev.riservo.audit.service.AuditJdbc;
import dev.riservo.consent.config.DialingConfig;
import dev.riservo.consent.jdbc.Jdbc;
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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Retires consultations of the register that no call can use any more ({@code
 * riservo.dialing.consultation-retention-days} after their day, 60 by default, well past the 15
 * days of validity): their partition of entries is dropped, their row stays RETIRED with its
 * counts, and every replica reads its register again. Checked hourly by every replica; the row's
 * update decides which replica does it.
 */
@ApplicationScoped
public class RpoRetention {

  /** A NOTIFY payload on the register's channel: a consultation's entries are gone. */
  public static final String RETIRED = "retired:";

  private final AgroalDataSource db;
  private final RpoRegister register;
  private final DialingConfig dialing;
  private final Vertx vertx;
  private volatile long timer = -1;

  public RpoRetention(
      AgroalDataSource db, RpoRegister register, DialingConfig dialing, Vertx vertx) {
    this.db = db;
    this.register = register;
    this.dialing = dialing;
    this.vertx = vertx;
  }

  void start(@Observes StartupEvent start) {
    timer =
        vertx.setPeriodic(
            Duration.ofHours(1).toMillis(), id -> vertx.executeBlocking(this::retireDue, false));
  }

  void stop(@Observes ShutdownEvent stop) {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  /** Retires every consultation past its retention; answers how many this replica retired. */
  public int retireDue() {
    LocalDate before = LocalDate.now(dialing.zone()).minusDays(dialing.consultationRetentionDays());
    List<UUID> due = new ArrayList<>();
    int retired = 0;
    try {
      try (Connection connection = db.getConnection();
          PreparedStatement select =
              connection.prepareStatement(
                  "SELECT id FROM rpo_consultation WHERE status = 'DONE' AND consulted_on < ?")) {
        select.setObject(1, before);
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            due.add(rows.getObject(1, UUID.class));
          }
        }
      }
      for (UUID id : due) {
        retired += retire(id) ? 1 : 0;
      }
      if (retired > 0) {
        register.reloadAll();
        Log.infof("retired %d consultations of the register past their retention", retired);
      }
    } catch (SQLException | RuntimeException e) {
      Log.warnf("consultations of the register not retired yet, retrying later: %s", e.getClass());
    }
    return retired;
  }

  private boolean retire(UUID id) throws SQLException {
    boolean[] retired = new boolean[1];
    Jdbc.inTransaction(
        db,
        connection -> {
          try (PreparedStatement update =
              connection.prepareStatement(
                  "UPDATE rpo_consultation SET status = 'RETIRED', retired_at = now()"
                      + " WHERE id = ? AND status = 'DONE'")) {
            update.setObject(1, id);
            if (update.executeUpdate() == 0) {
              return; // another replica retired it
            }
          }
          try (Statement ddl = connection.createStatement()) {
            // The drop locks rpo_entry: never queue every register read behind it for long (an
            // import's COPY, a reload's cursor). It is tried again at the next hourly run.
            ddl.execute("SET LOCAL lock_timeout = '5s'");
            ddl.execute("DROP TABLE IF EXISTS " + RpoImports.partition(id));
          }
          AuditJdbc.append(
              connection,
              new AuditEvent(
                  "system",
                  "rpo.consultation.retired",
                  null,
                  Map.of("consultation", id.toString())));
          try (PreparedStatement notify =
              connection.prepareStatement("SELECT pg_notify('" + RpoRegister.CHANNEL + "', ?)")) {
            notify.setString(1, RETIRED + id);
            notify.execute();
          }
          retired[0] = true;
        });
    return retired[0];
  }
}
