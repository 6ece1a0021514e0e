package dev.riservo.consent.dialcheck.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.riservo.consent.notifications.PgListeners;
import dev.riservo.consent.rpo.domain.RegisterEntries;
import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dial checks' memory: per campaign and number, the instants of its allowed calls (what the
 * frequency cap counts), and the evidence of every check, written to PostgreSQL in batches by a
 * background writer so that the hot path never waits for the database. Allowed calls are announced
 * on {@value #CHANNEL} so every replica counts them; at start each replica reads the allowed calls
 * still inside their campaign's period.
 *
 * <p>Trade-offs, stated: evidence reaches the database within {@link #FLUSH_EVERY} (a crash loses
 * at most that much); two replicas checking the same number for the same campaign within the
 * notification's few milliseconds can both allow it. A full queue (the database unreachable for a
 * long time) makes checks answer 503 rather than decide without evidence.
 */
@ApplicationScoped
public class DialLedger {

  public static final String CHANNEL = "riservo_dial_allowed";
  static final Duration FLUSH_EVERY = Duration.ofMillis(50);
  static final int QUEUE = 100_000;
  static final int BATCH = 2_000;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REPLICA = UUID.randomUUID().toString();

  /**
   * A check to keep as evidence. A hypothetical one (a supervisor's or the DPO's question about
   * another instant) is kept marked as such: it never counts toward a cap and is no call's
   * evidence.
   */
  public record Evidence(
      UUID id,
      boolean hypothetical,
      Instant checkedAt,
      Instant decidedFor,
      UUID campaign,
      String phoneIndex,
      String checkedBy,
      String verdict,
      String reasons,
      Map<String, Object> facts) {}

  private final Map<UUID, Long2ObjectOpenHashMap<long[]>> allowed = new ConcurrentHashMap<>();
  private final BlockingQueue<Evidence> pending = new ArrayBlockingQueue<>(QUEUE);
  private final AgroalDataSource db;
  private volatile boolean loaded;
  private volatile boolean running = true;
  private Thread writer;

  public DialLedger(AgroalDataSource db) {
    this.db = db;
  }

  public boolean loaded() {
    return loaded;
  }

  /**
   * Counts the campaign's allowed calls to the number in (at - period, at], and, only if {@code
   * allow} answers true for that count, records one more at {@code at}; both under one lock, so
   * concurrent checks of one number on this replica cannot overrun the cap.
   */
  public boolean countAndMaybeAllow(
      UUID campaign,
      String phoneIndex,
      Instant at,
      Duration period,
      java.util.function.IntPredicate allow) {
    Long2ObjectOpenHashMap<long[]> byNumber =
        allowed.computeIfAbsent(campaign, c -> new Long2ObjectOpenHashMap<>());
    long key = RegisterEntries.key(phoneIndex);
    long to = at.toEpochMilli();
    long from = to - period.toMillis();
    synchronized (byNumber) {
      long[] instants = byNumber.get(key);
      int count = 0;
      if (instants != null) {
        for (long instant : instants) {
          if (instant > from && instant <= to) {
            count++;
          }
        }
      }
      if (!allow.test(count)) {
        return false;
      }
      byNumber.put(key, add(instants, to, from));
      return true;
    }
  }

  /**
   * The campaign's allowed calls to the number in (at - period, at], counting nothing: what a
   * hypothetical check or a list scrub reads.
   */
  public int count(UUID campaign, String phoneIndex, Instant at, Duration period) {
    int[] count = new int[1];
    countAndMaybeAllow(
        campaign,
        phoneIndex,
        at,
        period,
        n -> {
          count[0] = n;
          return false;
        });
    return count[0];
  }

  /** Keeps the evidence for the background writer; false if the queue is full. */
  public boolean keep(Evidence evidence) {
    return pending.offer(evidence);
  }

  private void remember(UUID campaign, long key, long instant) {
    Long2ObjectOpenHashMap<long[]> byNumber =
        allowed.computeIfAbsent(campaign, c -> new Long2ObjectOpenHashMap<>());
    synchronized (byNumber) {
      long[] instants = byNumber.get(key);
      if (instants != null && Arrays.stream(instants).anyMatch(i -> i == instant)) {
        return; // known already (read back, or heard twice)
      }
      byNumber.put(key, add(instants, instant, Long.MIN_VALUE));
    }
  }

  /** The instants plus one, dropping those at or before {@code dropUpTo}. */
  private static long[] add(long[] instants, long instant, long dropUpTo) {
    if (instants == null) {
      return new long[] {instant};
    }
    long[] kept = Arrays.stream(instants).filter(i -> i > dropUpTo).toArray();
    long[] grown = Arrays.copyOf(kept, kept.length + 1);
    grown[kept.length] = instant;
    return grown;
  }

  void start(@Observes StartupEvent start, PgListeners listeners) {
    writer = new Thread(this::writeLoop, "riservo-dial-evidence");
    writer.setDaemon(true);
    writer.start();
    listeners.listen(CHANNEL, "dial-check", this::heard, this::load, () -> {});
  }

  void stop(@Observes ShutdownEvent stop) {
    running = false;
    if (writer != null) {
      writer.interrupt();
      try {
        writer.join(2_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    flush(); // what is left, on the way out
  }

  /** "replica:campaign:index:millis" from another replica's writer. */
  private void heard(String payload) {
    String[] parts = payload.split(":");
    if (parts.length != 4 || parts[0].equals(REPLICA)) {
      return;
    }
    try {
      remember(UUID.fromString(parts[1]), RegisterEntries.key(parts[2]), Long.parseLong(parts[3]));
    } catch (IllegalArgumentException e) {
      Log.warn("ignored a malformed dial-check notification");
    }
  }

  /** Drops every count: what a replica that has just started holds (tests of the reload). */
  public void forgetAll() {
    allowed.clear();
  }

  /**
   * Reads the allowed calls still inside their campaign's period (start, reconnect, tests) into
   * what memory holds: a union, never a reset, so the calls allowed or heard while it reads (and
   * those not yet written) keep counting and the cap cannot be overrun during a reload.
   */
  public void load() throws SQLException {
    try (Connection connection = db.getConnection()) {
      connection.setAutoCommit(false);
      try (PreparedStatement select =
          connection.prepareStatement(
              "SELECT d.campaign_id, d.phone_index, d.decided_for FROM dial_check d JOIN campaign c"
                  + " ON c.id = d.campaign_id WHERE d.verdict = 'ALLOW' AND NOT d.hypothetical"
                  + " AND d.decided_for > now()"
                  + " - c.cap_period::interval")) {
        select.setFetchSize(10_000);
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            remember(
                (UUID) rows.getObject(1),
                RegisterEntries.key(rows.getString(2)),
                rows.getTimestamp(3).getTime());
          }
        }
      }
      connection.commit();
    }
    loaded = true;
  }

  private void writeLoop() {
    while (running) {
      try {
        Thread.sleep(FLUSH_EVERY.toMillis());
      } catch (InterruptedException e) {
        return;
      }
      flush();
    }
  }

  /** A batch that failed to write: written first next time. */
  private final List<Evidence> retry = new ArrayList<>();

  /**
   * Writes what is queued now, in batches (the writer, shutdown, tests); a failed batch is kept.
   */
  public synchronized void flush() {
    if (retry.isEmpty()) {
      pending.drainTo(retry, BATCH);
    }
    while (!retry.isEmpty()) {
      try {
        write(retry);
        retry.clear();
      } catch (SQLException e) {
        Log.warnf(
            "dial-check evidence not written yet (%d checks), retrying: %s",
            retry.size(), e.getMessage());
        return;
      }
      pending.drainTo(retry, BATCH);
    }
  }

  /** Checks queued and not yet written (tests, metrics). */
  public int unwritten() {
    return pending.size() + retry.size();
  }

  private void write(List<Evidence> batch) throws SQLException {
    try (Connection connection = db.getConnection()) {
      connection.setAutoCommit(false);
      try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO dial_check (id, checked_at, decided_for, campaign_id, phone_index,"
                      + " checked_by, verdict, reasons, facts, hypothetical)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                      + " ON CONFLICT (id) DO NOTHING");
          PreparedStatement notify =
              connection.prepareStatement(
                  "SELECT count(pg_notify('" + CHANNEL + "', p)) FROM unnest(?::text[]) AS p")) {
        List<String> payloads = new ArrayList<>();
        for (Evidence e : batch) {
          insert.setObject(1, e.id());
          insert.setTimestamp(2, Timestamp.from(e.checkedAt()));
          insert.setTimestamp(3, Timestamp.from(e.decidedFor()));
          insert.setObject(4, e.campaign());
          insert.setString(5, e.phoneIndex());
          insert.setString(6, e.checkedBy());
          insert.setString(7, e.verdict());
          insert.setString(8, e.reasons());
          insert.setString(9, json(e.facts()));
          insert.setBoolean(10, e.hypothetical());
          insert.addBatch();
          if (e.verdict().equals("ALLOW") && !e.hypothetical()) {
            payloads.add(
                REPLICA
                    + ":"
                    + e.campaign()
                    + ":"
                    + e.phoneIndex()
                    + ":"
                    + e.decidedFor().toEpochMilli());
          }
        }
        insert.executeBatch();
        if (!payloads.isEmpty()) {
          notify.setArray(1, connection.createArrayOf("text", payloads.toArray()));
          notify.execute();
        }
        connection.commit();
      } catch (SQLException e) {
        connection.rollback();
        throw e;
      }
    }
  }

  private static String json(Map<String, Object> facts) {
    try {
      return JSON.writeValueAsString(facts);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
