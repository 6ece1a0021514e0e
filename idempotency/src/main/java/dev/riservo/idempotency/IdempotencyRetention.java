package dev.riservo.idempotency;

import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Purges the answers stored for {@code Idempotency-Key} requests once they are older than {@code
 * riservo.idempotency.retention} (7 days): a client retries within minutes or hours, not weeks, and
 * the table would otherwise grow with every write. A retry after the retention is a new request.
 * Hourly on every replica, in batches of 10,000 rows (short transactions, no long lock); one run at
 * a time per replica.
 */
@ApplicationScoped
public class IdempotencyRetention {

  static final int BATCH = 10_000;

  private final AgroalDataSource db;
  private final Vertx vertx;
  private final Duration retention;
  private final AtomicBoolean running = new AtomicBoolean();
  private volatile long timer = -1;

  public IdempotencyRetention(
      AgroalDataSource db,
      Vertx vertx,
      @ConfigProperty(name = "riservo.idempotency.retention", defaultValue = "P7D")
          Duration retention) {
    this.db = db;
    this.vertx = vertx;
    this.retention = retention;
  }

  void start(@Observes StartupEvent start) {
    timer =
        vertx.setPeriodic(
            Duration.ofHours(1).toMillis(), id -> vertx.executeBlocking(this::purgeExpired, false));
  }

  void stop(@Observes ShutdownEvent stop) {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  /** Deletes every stored answer past the retention; answers how many (0 if a run is going on). */
  public int purgeExpired() {
    if (!running.compareAndSet(false, true)) {
      return 0;
    }
    int purged = 0;
    try (Connection connection = db.getConnection();
        PreparedStatement delete =
            connection.prepareStatement(
                "DELETE FROM idempotent_request WHERE ctid IN (SELECT ctid FROM idempotent_request"
                    + " WHERE created_at < ? LIMIT "
                    + BATCH
                    + ")")) {
      delete.setTimestamp(1, Timestamp.from(Instant.now().minus(retention)));
      int deleted;
      do {
        deleted = delete.executeUpdate();
        purged += deleted;
      } while (deleted == BATCH);
      if (purged > 0) {
        Log.infof("purged %d stored idempotent answers past their retention", purged);
      }
    } catch (SQLException | RuntimeException e) {
      Log.warnf("stored idempotent answers not purged yet, retrying later: %s", e.getClass());
    } finally {
      running.set(false);
    }
    return purged;
  }
}
