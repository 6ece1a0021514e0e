package dev.riservo.consent.rpo.service;

import dev.riservo.consent.dialcheck.domain.DialFacts.RpoEntry;
import dev.riservo.consent.notifications.PgListeners;
import dev.riservo.consent.rpo.domain.RegisterEntries;
import dev.riservo.consent.rpo.domain.RegisterMemory;
import dev.riservo.encryption.FieldEncryption;
import dev.riservo.encryption.InvalidIdentifierException;
import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The register as every replica holds it in memory: loaded at start, and after each import the
 * entries of that consultation are read again, here and (through the PostgreSQL channel {@value
 * #CHANNEL}) on every other replica. A dial check reads it without a database round trip.
 */
@ApplicationScoped
public class RpoRegister {

  public static final String CHANNEL = "riservo_rpo_changed";
  static final int BATCH = 10_000;

  private volatile RegisterEntries entries = new RegisterEntries();
  private final AgroalDataSource db;
  private final FieldEncryption encryption;
  private volatile boolean loaded;

  public RpoRegister(AgroalDataSource db, FieldEncryption encryption) {
    this.db = db;
    this.encryption = encryption;
  }

  /** What the register says of a number (any format), or null if no consultation covered it. */
  public RpoEntry lookup(String number) throws InvalidIdentifierException {
    return entries.lookup(RegisterEntries.key(encryption.phoneIndex(number)));
  }

  /** What the register says of the number with this blind index, or null. */
  public RpoEntry lookupIndex(String phoneIndex) {
    return entries.lookup(RegisterEntries.key(phoneIndex));
  }

  public boolean loaded() {
    return loaded;
  }

  public int size() {
    return entries.size();
  }

  /**
   * Reads every entry into a fresh register and then puts it in place (at start, and after the
   * listener reconnects): checks keep the current one meanwhile, never an empty one.
   */
  public void reloadAll() throws SQLException {
    // Oldest first, so that of two consultations of the same day the later import wins.
    List<UUID> consultations = new ArrayList<>();
    long rowsHeld = 0;
    try (Connection connection = db.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT id, entries FROM rpo_consultation WHERE status = 'DONE' ORDER BY"
                    + " consulted_on, started_at");
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        consultations.add((UUID) rows.getObject(1));
        rowsHeld += rows.getLong(2);
      }
    }
    long heap = Runtime.getRuntime().maxMemory();
    long needed = RegisterMemory.heapNeeded(rowsHeld + size());
    if (needed > heap) {
      Log.errorf(
          "the RPO register holds %,d numbers: loading it needs about %s of heap and this replica"
              + " has %s; raise -Xmx (RISERVO_JAVA_OPTS, or the chart's memory) to at least that",
          rowsHeld, RegisterMemory.megabytes(needed), RegisterMemory.megabytes(heap));
    }
    try {
      RegisterEntries fresh = new RegisterEntries((int) Math.min(rowsHeld, Integer.MAX_VALUE - 8));
      for (UUID consultation : consultations) {
        read(consultation, fresh);
      }
      entries = fresh;
    } catch (OutOfMemoryError e) {
      // The half-built table is garbage now; the one in use (if any) stays in use.
      RegisterTooLargeException tooLarge = new RegisterTooLargeException(rowsHeld, needed, heap);
      Log.error(tooLarge.getMessage());
      throw tooLarge;
    }
    loaded = true;
  }

  /** The register did not fit the heap: says how much it needs. */
  public static final class RegisterTooLargeException extends IllegalStateException {
    RegisterTooLargeException(long numbers, long needed, long heap) {
      super(
          String.format(
              java.util.Locale.ROOT,
              "the RPO register of %,d numbers does not fit the heap: it needs about %s and this"
                  + " replica has %s; raise -Xmx (RISERVO_JAVA_OPTS, or the chart's memory)",
              numbers,
              RegisterMemory.megabytes(needed),
              RegisterMemory.megabytes(heap)));
    }
  }

  /** Reads the entries of one consultation again (after it was imported). */
  public void reload(UUID consultation) throws SQLException {
    read(consultation, entries);
  }

  private void read(UUID consultation, RegisterEntries target) throws SQLException {
    try (Connection connection = db.getConnection()) {
      connection.setAutoCommit(false); // a cursor: rows stream in batches, never all at once
      try (PreparedStatement select =
          connection.prepareStatement(
              "SELECT e.phone_index, e.consulted_on, e.registered, e.registered_on, e.reallowed,"
                  + " c.operator FROM rpo_entry e JOIN rpo_consultation c ON c.id ="
                  + " e.consultation_id WHERE e.consultation_id = ?")) {
        select.setFetchSize(BATCH);
        select.setObject(1, consultation);
        try (ResultSet rows = select.executeQuery()) {
          List<RegisterEntries.Update> batch = new ArrayList<>(BATCH);
          while (rows.next()) {
            java.sql.Date registeredOn = rows.getDate(4);
            batch.add(
                new RegisterEntries.Update(
                    RegisterEntries.key(rows.getString(1)),
                    rows.getDate(2).toLocalDate(),
                    rows.getBoolean(3),
                    registeredOn == null ? null : registeredOn.toLocalDate(),
                    rows.getBoolean(5),
                    rows.getString(6)));
            if (batch.size() == BATCH) {
              target.apply(batch);
              batch.clear();
            }
          }
          target.apply(batch);
        }
      } finally {
        connection.commit();
      }
    }
  }

  void start(@Observes StartupEvent start, PgListeners listeners) {
    listeners.listen(
        CHANNEL,
        "RPO register",
        payload ->
            listeners.blocking(
                "RPO register reload",
                () -> {
                  if (payload.startsWith(RpoRetention.RETIRED)) {
                    reloadAll(); // a consultation's entries are gone: read the rest afresh
                  } else {
                    reload(UUID.fromString(payload));
                  }
                }),
        () -> {
          reloadAll();
          Log.infof("RPO register loaded: %d numbers", entries.size());
        },
        () -> {});
  }
}
