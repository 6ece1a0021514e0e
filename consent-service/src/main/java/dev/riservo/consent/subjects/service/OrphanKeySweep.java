package dev.riservo.consent.subjects.service;

import dev.riservo.encryption.FieldEncryption;
import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Data keys whose owner was never committed (issue 14, item 4): a new subject's key is created in
 * the key database before the subject's row commits in this one, and a request that fails between
 * the two leaves a live key that belongs to nobody. Every few minutes, the keys created since the
 * last sweep (and settled: older than any request can take) are matched with this database's
 * subjects and list scrubs; a key with neither is deleted outright. The first sweep of a replica
 * reads every key.
 */
@ApplicationScoped
public class OrphanKeySweep {

  /** A key younger than this may belong to a request still running. */
  static final Duration SETTLE = Duration.ofMinutes(10);

  static final Duration EVERY = Duration.ofMinutes(5);

  /** The key-store owner of a list scrub's sealed result ("list-scrub:" + its id). */
  static final String SCRUB_PREFIX = "list-scrub:";

  private final FieldEncryption encryption;
  private final AgroalDataSource db;
  private final Vertx vertx;
  private Instant sweptUpTo = Instant.EPOCH;
  private volatile long timer = -1;

  public OrphanKeySweep(FieldEncryption encryption, AgroalDataSource db, Vertx vertx) {
    this.encryption = encryption;
    this.db = db;
    this.vertx = vertx;
  }

  void start(@Observes StartupEvent start) {
    timer =
        vertx.setPeriodic(
            Duration.ofSeconds(30).toMillis(),
            EVERY.toMillis(),
            id -> vertx.executeBlocking(this::sweepLogged, false));
  }

  void stop(@Observes ShutdownEvent stop) {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  private int sweepLogged() {
    try {
      return sweep(Instant.now().minus(SETTLE));
    } catch (SQLException | RuntimeException e) {
      Log.warnf("the sweep of orphan data keys failed: %s", e.getClass().getName());
      return 0;
    }
  }

  /**
   * Deletes the keys created since the last sweep and before {@code settledBefore} whose owner this
   * database does not hold; answers how many.
   */
  public synchronized int sweep(Instant settledBefore) throws SQLException {
    List<String> owners = encryption.subjectsWithKeysCreatedBetween(sweptUpTo, settledBefore);
    Set<String> kept = heldOrForeign(owners);
    int discarded = 0;
    for (String owner : owners) {
      if (!kept.contains(owner) && encryption.discardUnusedKey(owner)) {
        discarded++;
      }
    }
    sweptUpTo = settledBefore;
    if (discarded > 0) {
      Log.infof("discarded %d data keys whose subject was never committed", discarded);
    }
    return discarded;
  }

  /** A key's owner as this service names them: a subject ("uuid"), or a list scrub. */
  private record Owner(boolean scrub, UUID id) {

    /** The owner a key-store name stands for, or null for a name this service never makes. */
    static Owner of(String name) {
      boolean scrub = name.startsWith(SCRUB_PREFIX);
      try {
        return new Owner(
            scrub, UUID.fromString(scrub ? name.substring(SCRUB_PREFIX.length()) : name));
      } catch (IllegalArgumentException e) {
        return null;
      }
    }
  }

  /** The names among {@code names} whose owner this database holds, or that it never makes. */
  private Set<String> heldOrForeign(List<String> names) throws SQLException {
    List<UUID> subjects = new ArrayList<>();
    List<UUID> scrubs = new ArrayList<>();
    Set<String> kept = new HashSet<>();
    for (String name : names) {
      Owner owner = Owner.of(name);
      if (owner == null) {
        kept.add(name); // not ours to judge
      } else {
        (owner.scrub() ? scrubs : subjects).add(owner.id());
      }
    }
    try (Connection connection = db.getConnection()) {
      for (UUID id : existing(connection, "SELECT ref FROM subject WHERE ref = ANY(?)", subjects)) {
        kept.add(id.toString());
      }
      for (UUID id : existing(connection, "SELECT id FROM list_scrub WHERE id = ANY(?)", scrubs)) {
        kept.add(SCRUB_PREFIX + id);
      }
    }
    return kept;
  }

  private static List<UUID> existing(Connection connection, String sql, List<UUID> ids)
      throws SQLException {
    List<UUID> found = new ArrayList<>();
    if (ids.isEmpty()) {
      return found;
    }
    Array array = connection.createArrayOf("uuid", ids.toArray());
    try (PreparedStatement select = connection.prepareStatement(sql)) {
      select.setArray(1, array);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          found.add(rows.getObject(1, UUID.class));
        }
      }
    } finally {
      array.free();
    }
    return found;
  }
}
