package dev.riservo.consent.scrubs.service;

import dev.riservo.audit.domain.AuditEvent;
import dev.riservo.audit.service.AuditJdbc;
import dev.riservo.consent.jdbc.Jdbc;
import dev.riservo.encryption.FieldEncryption;
import dev.riservo.encryption.InvalidIdentifierException;
import dev.riservo.idempotency.NativeStatements;
import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Erasure reaches held list-scrub results (DESIGN internal contract: after an erasure nothing about
 * the subject is kept but the suppression fact). A result holds the numbers as the client sent
 * them, for as long as it is kept (7 days by default); the erasure asks, in its own transaction,
 * for the erased number's lines to be withdrawn ({@link #request}), and each pass ({@link
 * #pass(UUID)}, right after the erasure and then every minute) finds the chunks holding the number
 * by their hints, unseals them, and seals them again without those lines.
 *
 * <p>A scrub judging while the erasure commits may store a chunk judged just before it: the request
 * stays pending, and passes repeat, until a pass starts {@link #IN_FLIGHT} after the erasure.
 * Copies of a result in a database backup made before the pass cannot be rewritten; they are sealed
 * under the result's own key, which is destroyed when the result expires.
 */
@ApplicationScoped
public class HeldResultWithdrawals {

  /** How long after an erasure a chunk judged before it may still be on its way to the table. */
  static final Duration IN_FLIGHT = Duration.ofMinutes(2);

  /** What one pass did for one erased subject. */
  public record Withdrawn(long lines, int results, Instant lastExpiry) {
    static final Withdrawn NONE = new Withdrawn(0, 0, null);
  }

  private final AgroalDataSource db;
  private final FieldEncryption encryption;
  private final Vertx vertx;
  private final AtomicBoolean passing = new AtomicBoolean();
  private volatile long timer = -1;

  public HeldResultWithdrawals(AgroalDataSource db, FieldEncryption encryption, Vertx vertx) {
    this.db = db;
    this.encryption = encryption;
    this.vertx = vertx;
  }

  void start(@Observes StartupEvent event) {
    timer =
        vertx.setPeriodic(
            Duration.ofMinutes(1).toMillis(),
            id -> vertx.executeBlocking(this::passPending, false));
  }

  void stop(@Observes ShutdownEvent event) {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  /**
   * Asks, inside the erasure's transaction, for the lines of the number with these blind indexes
   * (one per index key version) to be withdrawn from every held result.
   */
  public static Uni<Void> request(
      NativeStatements sql, UUID subject, List<String> blindIndexes, Instant erasedAt) {
    Uni<Integer> chain = Uni.createFrom().item(0);
    for (String index : blindIndexes) {
      chain =
          chain.chain(
              () ->
                  sql.update(
                      "INSERT INTO scrub_withdrawal (subject_ref, hint, requested_at)"
                          + " VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                      subject,
                      ResultChunk.hint(index),
                      erasedAt));
    }
    return chain.replaceWithVoid();
  }

  /** Every pending withdrawal passed over once (the sweep); answers how many lines went. */
  long passPending() {
    if (!passing.compareAndSet(false, true)) {
      return 0;
    }
    long lines = 0;
    try {
      for (UUID subject : pendingSubjects()) {
        lines += pass(subject).lines();
      }
    } catch (SQLException | RuntimeException e) {
      Log.warnf(
          "list-scrub lines of erased subjects not withdrawn yet, retrying: %s", e.getClass());
    } finally {
      passing.set(false);
    }
    return lines;
  }

  /**
   * One pass for one erased subject, in one transaction: every chunk holding the number rewritten
   * without its lines, each result's count of withdrawn lines raised, each result audited; the
   * request deleted once the pass started late enough. Blocking: run it on a worker.
   */
  public Withdrawn pass(UUID subject) throws SQLException {
    Withdrawn[] done = {Withdrawn.NONE};
    Jdbc.inTransaction(
        db,
        connection -> {
          try (Statement timeout = connection.createStatement()) {
            timeout.execute("SET LOCAL lock_timeout = '30s'"); // a download holds its result
          }
          Set<Long> hints = new HashSet<>();
          Instant requestedAt = pending(connection, subject, hints);
          if (requestedAt == null) {
            return; // no withdrawal pending (done by another replica, or never asked)
          }
          done[0] = rewriteChunks(connection, subject, hints);
          try (PreparedStatement delete =
              connection.prepareStatement(
                  "DELETE FROM scrub_withdrawal WHERE subject_ref = ?"
                      + " AND requested_at <= now() - ?::interval")) {
            delete.setObject(1, subject);
            delete.setString(2, IN_FLIGHT.toSeconds() + " seconds");
            delete.executeUpdate();
          }
        });
    return done[0];
  }

  private List<UUID> pendingSubjects() throws SQLException {
    List<UUID> subjects = new ArrayList<>();
    try (Connection connection = db.getConnection();
        PreparedStatement select =
            connection.prepareStatement("SELECT DISTINCT subject_ref FROM scrub_withdrawal");
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        subjects.add(rows.getObject(1, UUID.class));
      }
    }
    return subjects;
  }

  /** The subject's pending hints (into {@code hints}) and when they were asked for, or null. */
  private static Instant pending(Connection connection, UUID subject, Set<Long> hints)
      throws SQLException {
    Instant requestedAt = null;
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT hint, requested_at FROM scrub_withdrawal WHERE subject_ref = ? FOR UPDATE")) {
      select.setObject(1, subject);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          hints.add(rows.getLong(1));
          requestedAt = rows.getTimestamp(2).toInstant();
        }
      }
    }
    return requestedAt;
  }

  private Withdrawn rewriteChunks(Connection connection, UUID subject, Set<Long> hints)
      throws SQLException {
    Map<UUID, Long> removedPerScrub = new java.util.LinkedHashMap<>();
    Instant lastExpiry = null;
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT c.scrub_id, c.chunk_no, c.sealed, c.number_hints, s.expires_at"
                + " FROM list_scrub_chunk c JOIN list_scrub s ON s.id = c.scrub_id"
                + " WHERE c.number_hints && ? OR c.number_hints IS NULL"
                + " ORDER BY c.scrub_id, c.chunk_no FOR UPDATE OF c")) {
      select.setArray(1, ResultChunk.hintArray(connection, toArray(hints)));
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          UUID scrub = rows.getObject(1, UUID.class);
          java.sql.Array stored = rows.getArray(4);
          ResultChunk chunk =
              new ResultChunk(
                  encryption.decrypt(
                      ListScrubs.keyRef(scrub), ListScrubs.RESULT_FIELD, rows.getString(3)),
                  stored == null ? null : toArray((Long[]) stored.getArray()));
          ResultChunk.Without without = chunk.without(hints, this::hintOf);
          if (without.removed() > 0) {
            store(connection, scrub, rows.getInt(2), without.kept());
            removedPerScrub.merge(scrub, (long) without.removed(), Long::sum);
            Instant expiry = rows.getTimestamp(5).toInstant();
            lastExpiry = lastExpiry == null || expiry.isAfter(lastExpiry) ? expiry : lastExpiry;
          }
        }
      }
    }
    for (Map.Entry<UUID, Long> scrub : removedPerScrub.entrySet()) {
      recordWithdrawn(connection, subject, scrub.getKey(), scrub.getValue());
    }
    long lines = removedPerScrub.values().stream().mapToLong(Long::longValue).sum();
    return new Withdrawn(lines, removedPerScrub.size(), lastExpiry);
  }

  private void store(Connection connection, UUID scrub, int chunkNo, ResultChunk kept)
      throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE list_scrub_chunk SET sealed = ?, lines = ?, number_hints = ?"
                + " WHERE scrub_id = ? AND chunk_no = ?")) {
      update.setString(
          1, encryption.encrypt(ListScrubs.keyRef(scrub), ListScrubs.RESULT_FIELD, kept.lines()));
      update.setInt(2, kept.size());
      update.setArray(3, ResultChunk.hintArray(connection, kept.hints()));
      update.setObject(4, scrub);
      update.setInt(5, chunkNo);
      update.executeUpdate();
    }
  }

  private static void recordWithdrawn(Connection connection, UUID subject, UUID scrub, long lines)
      throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE list_scrub SET withdrawn = withdrawn + ? WHERE id = ?")) {
      update.setLong(1, lines);
      update.setObject(2, scrub);
      update.executeUpdate();
    }
    AuditJdbc.append(
        connection,
        new AuditEvent(
            "system",
            "list-scrub.lines-withdrawn",
            subject.toString(),
            Map.of("scrub", scrub.toString(), "lines", Long.toString(lines))));
  }

  /** A chunk without hints (written before they existed): its line's number indexed now. */
  private long hintOf(String number) {
    try {
      return ResultChunk.hint(encryption.phoneIndex(number));
    } catch (InvalidIdentifierException e) {
      return ResultChunk.NO_NUMBER;
    }
  }

  private static long[] toArray(Set<Long> values) {
    return values.stream().mapToLong(Long::longValue).toArray();
  }

  private static long[] toArray(Long[] values) {
    long[] out = new long[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i] == null ? ResultChunk.NO_NUMBER : values[i];
    }
    return out;
  }
}
