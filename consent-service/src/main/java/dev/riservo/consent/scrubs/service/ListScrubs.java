package dev.riservo.consent.scrubs.service;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.riservo.audit.domain.AuditEvent;
import dev.riservo.audit.service.AuditJdbc;
import dev.riservo.consent.dialcheck.domain.DialDecision;
import dev.riservo.consent.dialcheck.domain.DialFacts;
import dev.riservo.consent.dialcheck.domain.DialRules;
import dev.riservo.consent.dialcheck.domain.Reason;
import dev.riservo.consent.dialcheck.service.DialCheckService;
import dev.riservo.consent.dialcheck.service.DialCheckService.CampaignFacts;
import dev.riservo.consent.dialcheck.service.DialLedger;
import dev.riservo.consent.jdbc.Jdbc;
import dev.riservo.consent.purposes.domain.PurposeCategory;
import dev.riservo.encryption.FieldEncryption;
import dev.riservo.encryption.InvalidIdentifierException;
import dev.riservo.problem.ProblemException;
import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * List scrubs: a CSV of numbers judged against a campaign in bulk ({@link DialRules#scrub}), from
 * the same in-memory state as the dial check (register, number directory, suppression, cap counts)
 * and each chunk's consents read in one query. The upload is read by the request's thread and
 * judged by a background thread as it arrives (a bounded queue between them keeps memory constant);
 * the request is answered 202 once the upload has been read. The result, which holds the numbers as
 * sent, is kept only sealed under a data key of the scrub's own, shredded when the result expires
 * or is deleted. A scrub is not a call: it counts toward no cap and keeps no per-number evidence;
 * its request, counts and downloads are audited.
 */
@ApplicationScoped
public class ListScrubs {

  /** Lines per judged batch, per sealed result chunk and per progress update. */
  static final int CHUNK = 20_000;

  /** How long the judge waits for the next batch of an upload before it gives up. */
  static final Duration STALL = Duration.ofMinutes(10);

  /** How many invalid lines are listed by line number (all are counted). */
  static final int INVALID_LISTED = 100;

  /** The result's header line. */
  public static final String HEADER = "number,decision,reasons\n";

  static final String RESULT_FIELD = "list-scrub.result";

  /** A scrub as its row holds it. */
  public record Scrub(
      UUID id,
      UUID campaign,
      String purpose,
      boolean transferOnly,
      String status,
      Instant startedAt,
      Instant decidedFor,
      Instant finishedAt,
      Instant expiresAt,
      long linesRead,
      long numbersDecided,
      long allowed,
      long denied,
      long invalid,
      long withheld,
      long withdrawn,
      Map<String, Long> reasons,
      List<Map<String, Object>> invalidLines,
      String failure) {}

  /** The answer to a request: the scrub, and whether it is the replay of an earlier request. */
  public record Accepted(Scrub scrub, boolean replayed) {}

  private final AgroalDataSource db;
  private final FieldEncryption encryption;
  private final DialCheckService dialChecks;
  private final DialLedger ledger;
  private final Vertx vertx;
  private final Duration retention;
  private final Semaphore running;
  private final java.util.concurrent.atomic.AtomicBoolean sweeping =
      new java.util.concurrent.atomic.AtomicBoolean();
  private final ExecutorService judges;
  private final ForkJoinPool parallel;
  private volatile long sweepTimer = -1;

  public ListScrubs(
      AgroalDataSource db,
      FieldEncryption encryption,
      DialCheckService dialChecks,
      DialLedger ledger,
      Vertx vertx,
      @ConfigProperty(name = "riservo.scrubs.retention", defaultValue = "P7D") Duration retention,
      @ConfigProperty(name = "riservo.scrubs.concurrent", defaultValue = "2") int concurrent) {
    this.db = db;
    this.encryption = encryption;
    this.dialChecks = dialChecks;
    this.ledger = ledger;
    this.vertx = vertx;
    this.retention = retention;
    this.running = new Semaphore(concurrent);
    this.judges =
        Executors.newFixedThreadPool(
            concurrent,
            runnable -> {
              Thread thread = new Thread(runnable, "list-scrub");
              thread.setDaemon(true);
              return thread;
            });
    this.parallel = new ForkJoinPool(Math.max(1, Runtime.getRuntime().availableProcessors()));
  }

  void start(@Observes StartupEvent event) {
    sweepTimer =
        vertx.setPeriodic(
            Duration.ofMinutes(1).toMillis(),
            id -> vertx.executeBlocking(() -> expireDue(), false));
  }

  void stop(@Observes ShutdownEvent event) {
    if (sweepTimer >= 0) {
      vertx.cancelTimer(sweepTimer);
    }
    judges.shutdownNow();
    parallel.shutdownNow();
  }

  /**
   * Reads the upload and has it judged; answers once the upload has been read (the judging of its
   * last chunks may still run). With an idempotency key seen before, the body is read only to
   * compare it, and the first scrub is answered again.
   */
  public Accepted scrub(
      CampaignFacts campaign, InputStream body, String actor, String idempotencyKey)
      throws SQLException {
    if (!dialChecks.ready()) {
      throw ProblemException.unavailable("the dial-check state (still loading)");
    }
    MessageDigest sha256 = sha256();
    InputStream digested = new DigestInputStream(body, sha256);
    UUID id = UUID.randomUUID();
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    if (!insert(id, campaign, actor, idempotencyKey, now)) {
      if (!releaseFailedKey(actor, idempotencyKey)
          || !insert(id, campaign, actor, idempotencyKey, now)) {
        return replay(actor, idempotencyKey, digested, sha256);
      }
    }
    if (!running.tryAcquire()) {
      fail(id, new Progress(), "too many scrubs were running; nothing was judged");
      // the callers' own load, not a dependency down: a 429 (with Retry-After), never a 503 that
      // the gateway's breaker would count against the service
      throw new ProblemException(
          429,
          "scrubs-busy",
          "Too Many Requests",
          "As many list scrubs as this replica runs at once are running; try again shortly",
          java.util.List.of());
    }
    Job job = new Job(id, campaign, now, actor);
    try {
      judges.execute(job::judgeAll);
    } catch (RuntimeException e) {
      running.release();
      throw e;
    }
    job.read(digested);
    if (!job.stopped) { // a judge that gave up read only part of the body: the key stays free
      storeDigest(id, HexFormat.of().formatHex(sha256.digest()));
    }
    return new Accepted(find(id), false);
  }

  // ------------------------------------------------------------------------------- one scrub --

  /** A batch of lines as read: their line numbers and the number field as sent. */
  private record Batch(long[] lines, String[] numbers, int size, boolean last, String failure) {}

  private static final Batch END = new Batch(new long[0], new String[0], 0, true, null);

  /** Counts as the judge advances. */
  private static final class Progress {
    long lines;
    long decided;
    long allowed;
    long denied;
    long invalid;
    long withheld;
    final Map<Reason, Long> reasons = new EnumMap<>(Reason.class);
    final List<Map<String, Object>> invalidLines = new ArrayList<>();

    void invalid(long line) {
      invalid++;
      if (invalidLines.size() < INVALID_LISTED) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("line", line);
        item.put("reason", "not a valid phone number");
        invalidLines.add(item);
      }
    }
  }

  private final class Job {
    final UUID id;
    final CampaignFacts campaign;
    final Instant at;
    final String actor;
    final String keyRef;
    final boolean transferOnly;
    final BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(4);
    final Progress progress = new Progress();
    volatile boolean stopped;

    Job(UUID id, CampaignFacts campaign, Instant at, String actor) {
      this.id = id;
      this.campaign = campaign;
      this.at = at;
      this.actor = actor;
      this.keyRef = keyRef(id);
      this.transferOnly = transferOnly(campaign.purpose().category);
    }

    /** The request's side: the CSV read line by line into batches, handed to the judge. */
    void read(InputStream body) {
      String failure = "the upload could not be read to its end";
      boolean handedLast = false;
      try {
        ScrubCsv csv = new ScrubCsv(body);
        List<Long> lines = new ArrayList<>(CHUNK);
        List<String> numbers = new ArrayList<>(CHUNK);
        ScrubCsv.Line line;
        while ((line = csv.next()) != null && !stopped) {
          lines.add(line.number());
          numbers.add(line.value());
          if (numbers.size() == CHUNK) {
            hand(lines, numbers, false);
            lines.clear();
            numbers.clear();
          }
        }
        hand(lines, numbers, true);
        handedLast = true;
      } catch (ScrubCsv.Malformed e) {
        failure = e.getMessage();
        refused(failure);
        throw ProblemException.badRequest("file", failure + ": nothing is kept");
      } catch (IOException | UncheckedIOException e) {
        refused(failure);
        throw ProblemException.badRequest("file", failure + ": nothing is kept");
      } finally {
        if (!handedLast) {
          put(new Batch(new long[0], new String[0], 0, true, failure));
        }
      }
    }

    /** The upload is refused: FAILED before the request answers (its key is free again). */
    private void refused(String failure) {
      try (Connection connection = db.getConnection();
          PreparedStatement update =
              connection.prepareStatement(
                  "UPDATE list_scrub SET status = 'FAILED', failure = ?, finished_at = now()"
                      + " WHERE id = ?")) {
        update.setString(1, failure);
        update.setObject(2, id);
        update.executeUpdate();
      } catch (SQLException e) {
        Log.warnf("the failure of list scrub %s was not recorded: %s", id, e.getClass());
      }
    }

    private void hand(List<Long> lines, List<String> numbers, boolean last) {
      long[] lineNumbers = lines.stream().mapToLong(Long::longValue).toArray();
      put(new Batch(lineNumbers, numbers.toArray(String[]::new), numbers.size(), last, null));
    }

    private void put(Batch batch) {
      try {
        while (!queue.offer(batch, 1, TimeUnit.SECONDS)) {
          if (stopped) {
            return; // the judge gave up: nobody takes batches any more
          }
          // otherwise the judge is behind: wait (constant memory)
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stopped = true;
      }
    }

    /** The judge's side, on a thread of its own: every batch judged, sealed and stored. */
    void judgeAll() {
      int chunk = 0;
      try {
        while (true) {
          Batch batch = queue.poll(STALL.toSeconds(), TimeUnit.SECONDS);
          if (batch == null) {
            throw new IOException("the upload stalled");
          }
          if (batch.failure() != null) {
            stopped = true;
            fail(id, progress, batch.failure());
            discard(id);
            return;
          }
          if (batch.size() > 0) {
            store(chunk++, judge(batch));
            record(id, progress, null, null);
          }
          if (batch.last()) {
            finish();
            return;
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stopped = true;
        fail(id, progress, "the service stopped before the scrub ended");
      } catch (IOException | SQLException | RuntimeException e) {
        stopped = true;
        Log.warnf("list scrub %s failed after %d lines: %s", id, progress.lines, e.getClass());
        fail(id, progress, "the scrub could not be completed; nothing is kept");
        discard(id);
      } finally {
        running.release();
      }
    }

    /** Result lines judged again now: those still allowed, for a transfer scrub's download. */
    String judgeAgain(String resultLines) throws SQLException {
      List<String> numbers = new ArrayList<>();
      try (org.apache.commons.csv.CSVParser parser =
          org.apache.commons.csv.CSVParser.parse(
              resultLines, org.apache.commons.csv.CSVFormat.DEFAULT)) {
        for (org.apache.commons.csv.CSVRecord record : parser) {
          numbers.add(record.get(0));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      long[] lines = new long[numbers.size()];
      return judge(new Batch(lines, numbers.toArray(String[]::new), numbers.size(), true, null))
          .lines();
    }

    /** One batch judged (in parallel), its result lines in the order they were sent. */
    private ResultChunk judge(Batch batch) throws SQLException {
      ScrubLine[] judged = new ScrubLine[batch.size()];
      try {
        parallel
            .submit(
                () ->
                    IntStream.range(0, batch.size())
                        .parallel()
                        .forEach(i -> judged[i] = facts(batch.numbers()[i])))
            .get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      } catch (java.util.concurrent.ExecutionException e) {
        throw new IllegalStateException("a batch could not be judged", e.getCause());
      }
      Map<UUID, DialFacts.Consent> consents = new HashMap<>();
      Set<UUID> objected = new HashSet<>();
      consentsOf(judged, consents, objected);
      ResultChunk.Builder out = new ResultChunk.Builder(batch.size());
      for (int i = 0; i < judged.length; i++) {
        progress.lines++;
        ScrubLine line = judged[i];
        if (line.invalid()) {
          progress.invalid(batch.lines()[i]);
          if (!transferOnly) {
            out.add(batch.numbers()[i], "INVALID", "INVALID_NUMBER", ResultChunk.NO_NUMBER);
          }
          continue;
        }
        DialDecision decision = decide(line, consents, objected);
        progress.decided++;
        decision.reasons().forEach(r -> progress.reasons.merge(r, 1L, Long::sum));
        if (decision.allowed()) {
          progress.allowed++;
        } else {
          progress.denied++;
          if (transferOnly) {
            progress.withheld++;
            continue;
          }
        }
        out.add(
            batch.numbers()[i],
            decision.verdict().name(),
            String.join(";", decision.reasons().stream().map(Enum::name).toList()),
            ResultChunk.hint(line.state().index()));
      }
      return out.build();
    }

    /** What memory holds about one number; null facts for a number that does not parse. */
    private ScrubLine facts(String number) {
      DialCheckService.NumberState state;
      try {
        state = dialChecks.numberState(number, at);
      } catch (InvalidIdentifierException e) {
        return ScrubLine.INVALID;
      }
      // a scrub is not a call: it counts nothing
      return new ScrubLine(
          state, ledger.count(campaign.campaign().id, state.index(), at, campaign.capPeriod()));
    }

    private DialDecision decide(
        ScrubLine line, Map<UUID, DialFacts.Consent> consents, Set<UUID> objected) {
      DialCheckService.NumberState state = line.state();
      DialFacts facts =
          new DialFacts(
              at,
              campaign.forDecision(),
              new DialFacts.NumberFacts(
                  state.suppressed() || objected.contains(state.subject()),
                  state.listed(),
                  state.rpo()),
              state.subject() == null ? null : consents.get(state.subject()),
              line.allowedCalls());
      return DialRules.scrub(facts, campaign.policy());
    }

    /**
     * The consent for the campaign's purpose holding at the instant, and objections, per subject.
     */
    private void consentsOf(
        ScrubLine[] judged, Map<UUID, DialFacts.Consent> consents, Set<UUID> objected)
        throws SQLException {
      Set<UUID> refs = new HashSet<>();
      for (ScrubLine line : judged) {
        if (!line.invalid() && line.state().subject() != null) {
          refs.add(line.state().subject());
        }
      }
      if (refs.isEmpty()) {
        return;
      }
      try (Connection connection = db.getConnection()) {
        Array array = connection.createArrayOf("uuid", refs.toArray());
        try (PreparedStatement select =
            connection.prepareStatement(
                "SELECT DISTINCT ON (subject_ref) subject_ref, state, occurred_at, expires_at,"
                    + " within_contract, contract_ends_at, call_means FROM consent_event"
                    + " WHERE subject_ref = ANY(?) AND purpose_code = ? AND occurred_at <= ?"
                    + " ORDER BY subject_ref, occurred_at DESC, seq DESC")) {
          select.setArray(1, array);
          select.setString(2, campaign.purpose().code);
          select.setTimestamp(3, Timestamp.from(at));
          try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
              Timestamp expires = rows.getTimestamp(4);
              Timestamp contractEnds = rows.getTimestamp(6);
              consents.put(
                  rows.getObject(1, UUID.class),
                  new DialFacts.Consent(
                      dev.riservo.consent.consents.domain.ConsentState.valueOf(rows.getString(2)),
                      rows.getTimestamp(3).toInstant(),
                      expires == null ? null : expires.toInstant(),
                      rows.getBoolean(5),
                      contractEnds == null ? null : contractEnds.toInstant(),
                      dev.riservo.consent.consents.domain.CallMeans.valueOf(rows.getString(7))));
            }
          }
        }
        try (PreparedStatement select =
            connection.prepareStatement(
                "SELECT DISTINCT subject_ref FROM objection"
                    + " WHERE subject_ref = ANY(?) AND occurred_at <= ?")) {
          select.setArray(1, array);
          select.setTimestamp(2, Timestamp.from(at));
          try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
              objected.add(rows.getObject(1, UUID.class));
            }
          }
        }
      }
    }

    private void store(int chunk, ResultChunk lines) throws SQLException {
      String sealed = encryption.encrypt(keyRef, RESULT_FIELD, lines.lines());
      try (Connection connection = db.getConnection();
          PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO list_scrub_chunk (scrub_id, chunk_no, lines, sealed, number_hints)"
                      + " VALUES (?, ?, ?, ?, ?)")) {
        insert.setObject(1, id);
        insert.setInt(2, chunk);
        insert.setInt(3, lines.size());
        insert.setString(4, sealed);
        insert.setArray(5, ResultChunk.hintArray(connection, lines.hints()));
        insert.executeUpdate();
      }
    }

    private void finish() throws SQLException {
      Jdbc.inTransaction(
          db,
          connection -> {
            record(connection, id, progress, "DONE", null);
            AuditJdbc.append(
                connection,
                new AuditEvent(
                    actor,
                    "list-scrub.done",
                    null,
                    Map.of(
                        "scrub", id.toString(),
                        "campaign", campaign.campaign().id.toString(),
                        "numbers", Long.toString(progress.decided),
                        "allowed", Long.toString(progress.allowed),
                        "denied", Long.toString(progress.denied),
                        "invalid", Long.toString(progress.invalid))));
          });
    }
  }

  // ----------------------------------------------------------------------------- the result --

  /**
   * Writes the result to {@code out}: the header, then every chunk in order, unsealed one at a
   * time. 404 for an unknown scrub, 409 while it runs or after it failed, 410 once it expired.
   */
  /**
   * For a third-party-transfer scrub, {@code rejudge} is its campaign as it stands: each line is
   * judged again as it is written, so a consent withdrawn or an objection made since the scrub
   * takes the number off the list passed on (rules 3 and 4: at once). Null for other scrubs.
   */
  public void writeResult(UUID id, String actor, CampaignFacts rejudge, OutputStream out)
      throws SQLException {
    Job again =
        rejudge == null
            ? null
            : new Job(id, rejudge, Instant.now().truncatedTo(ChronoUnit.MICROS), actor);
    try (Connection connection = db.getConnection()) {
      connection.setAutoCommit(false); // a cursor: chunks are read one at a time
      // The row is share-locked while the result streams: a deletion or expiry waits for it.
      try (PreparedStatement lock =
          connection.prepareStatement("SELECT status FROM list_scrub WHERE id = ? FOR SHARE")) {
        lock.setObject(1, id);
        try (ResultSet row = lock.executeQuery()) {
          if (!row.next() || !"DONE".equals(row.getString(1))) {
            throw new IOException("the scrub's result was destroyed meanwhile");
          }
        }
      } catch (IOException e) {
        connection.rollback();
        throw new UncheckedIOException(e);
      }
      try (PreparedStatement select =
          connection.prepareStatement(
              "SELECT sealed FROM list_scrub_chunk WHERE scrub_id = ? ORDER BY chunk_no")) {
        select.setFetchSize(1);
        select.setObject(1, id);
        out.write(HEADER.getBytes(StandardCharsets.UTF_8));
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            String lines = encryption.decrypt(keyRef(id), RESULT_FIELD, rows.getString(1));
            out.write(
                (again == null ? lines : again.judgeAgain(lines)).getBytes(StandardCharsets.UTF_8));
          }
        }
        AuditJdbc.append(
            connection,
            new AuditEvent(actor, "list-scrub.downloaded", null, Map.of("scrub", id.toString())));
        connection.commit();
      } catch (IOException e) {
        connection.rollback();
        throw new UncheckedIOException(e);
      } finally {
        connection.setAutoCommit(true);
      }
    }
  }

  /** The scrub whose result may be read now: 404, 409 (running, failed) or 410 (expired). */
  public Scrub readable(UUID id) throws SQLException {
    Scrub scrub = find(id);
    if (scrub == null) {
      throw ProblemException.notFound("The list scrub");
    }
    switch (scrub.status()) {
      case "DONE" -> {
        return scrub;
      }
      case "RUNNING" ->
          throw ProblemException.conflict(
              "scrub-running", "The scrub is still running; its progress is at its own URL");
      case "EXPIRED" ->
          throw new ProblemException(
              410,
              "scrub-expired",
              "Gone",
              "The scrub's result has expired and was destroyed",
              List.of());
      default ->
          throw ProblemException.conflict("scrub-failed", "The scrub failed: it has no result");
    }
  }

  /** Destroys a scrub's result now (its key shredded); answers false for an unknown scrub. */
  public boolean delete(UUID id, String actor) throws SQLException {
    Scrub scrub = find(id);
    if (scrub == null) {
      return false;
    }
    if ("RUNNING".equals(scrub.status())) {
      throw ProblemException.conflict("scrub-running", "The scrub is still running");
    }
    try {
      expire(id, actor, "list-scrub.deleted");
    } catch (SQLException e) {
      if ("55P03".equals(e.getSQLState())) { // lock_not_available: a download holds the row
        throw ProblemException.conflict(
            "scrub-downloading", "The scrub's result is being downloaded; try again shortly");
      }
      throw e;
    }
    return true;
  }

  /** Expires every scrub past its retention: chunks deleted, key shredded. */
  int expireDue() {
    if (!sweeping.compareAndSet(false, true)) {
      return 0; // the last sweep is still waiting (a download holds a row): one at a time
    }
    List<UUID> due = new ArrayList<>();
    try (Connection connection = db.getConnection()) {
      // A scrub whose replica stopped mid-way never ends by itself: failed, its result discarded.
      try (PreparedStatement abandoned =
          connection.prepareStatement(
              "UPDATE list_scrub SET status = 'FAILED', finished_at = now(),"
                  + " failure = 'the scrub was abandoned (its replica stopped); nothing is kept'"
                  + " WHERE status = 'RUNNING' AND started_at < now() - interval '1 day'"
                  + " RETURNING id")) {
        try (ResultSet rows = abandoned.executeQuery()) {
          while (rows.next()) {
            discard(rows.getObject(1, UUID.class));
          }
        }
      }
      try (PreparedStatement select =
          connection.prepareStatement(
              "SELECT id FROM list_scrub WHERE status IN ('DONE', 'FAILED')"
                  + " AND expires_at <= now() LIMIT 100")) {
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            due.add(rows.getObject(1, UUID.class));
          }
        }
      }
      for (UUID id : due) {
        expire(id, "system", "list-scrub.expired");
      }
    } catch (SQLException | RuntimeException e) {
      Log.warnf("expired list scrubs not destroyed yet, retrying later: %s", e.getClass());
    } finally {
      sweeping.set(false);
    }
    return due.size();
  }

  /** The row first (waiting for a download in progress), then the chunks; the key after commit. */
  private void expire(UUID id, String actor, String action) throws SQLException {
    Jdbc.inTransaction(
        db,
        connection -> {
          // A download in progress holds the row: wait for it, but not forever.
          try (java.sql.Statement timeout = connection.createStatement()) {
            timeout.execute("SET LOCAL lock_timeout = '10s'");
          }
          try (PreparedStatement update =
              connection.prepareStatement(
                  "UPDATE list_scrub SET status = 'EXPIRED', expires_at = least(expires_at, now())"
                      + " WHERE id = ? AND status <> 'EXPIRED'")) {
            update.setObject(1, id);
            if (update.executeUpdate() == 0) {
              return; // another replica (or an earlier request) destroyed it already
            }
          }
          try (PreparedStatement delete =
              connection.prepareStatement("DELETE FROM list_scrub_chunk WHERE scrub_id = ?")) {
            delete.setObject(1, id);
            delete.executeUpdate();
          }
          AuditJdbc.append(
              connection, new AuditEvent(actor, action, null, Map.of("scrub", id.toString())));
        });
    encryption.shred(keyRef(id)); // every copy of the sealed result, backups too, is unreadable
  }

  // -------------------------------------------------------------------------------- the rows --

  /** Inserts the scrub's row; false if the idempotency key was used before by this actor. */
  private boolean insert(
      UUID id, CampaignFacts campaign, String actor, String idempotencyKey, Instant now)
      throws SQLException {
    try (Connection connection = db.getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO list_scrub (id, campaign_id, purpose_code, transfer_only,"
                    + " requested_by, idempotency_key, started_at, decided_for, expires_at, status)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'RUNNING')"
                    + " ON CONFLICT (requested_by, idempotency_key)"
                    + " WHERE idempotency_key IS NOT NULL DO NOTHING")) {
      insert.setObject(1, id);
      insert.setObject(2, campaign.campaign().id);
      insert.setString(3, campaign.purpose().code);
      insert.setBoolean(4, transferOnly(campaign.purpose().category));
      insert.setString(5, actor);
      insert.setString(6, idempotencyKey);
      insert.setTimestamp(7, Timestamp.from(now));
      insert.setTimestamp(8, Timestamp.from(now));
      insert.setTimestamp(9, Timestamp.from(now.plus(retention)));
      return insert.executeUpdate() == 1;
    }
  }

  /** A retried request: the first scrub, if the body is the same; 422 if it is not. */
  private Accepted replay(
      String actor, String idempotencyKey, InputStream body, MessageDigest sha256)
      throws SQLException {
    try {
      body.transferTo(OutputStream.nullOutputStream());
    } catch (IOException e) {
      throw ProblemException.badRequest("file", "could not be read to its end");
    }
    String digest = HexFormat.of().formatHex(sha256.digest());
    UUID first;
    String firstDigest;
    try (Connection connection = db.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT id, body_sha256 FROM list_scrub WHERE requested_by = ?"
                    + " AND idempotency_key = ?")) {
      select.setString(1, actor);
      select.setString(2, idempotencyKey);
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          throw ProblemException.conflict(
              "idempotency-key-in-use", "The first request with this key is still being read");
        }
        first = row.getObject(1, UUID.class);
        firstDigest = row.getString(2);
      }
    }
    if (firstDigest == null) {
      throw ProblemException.conflict(
          "idempotency-key-in-use", "The first request with this key is still being read");
    }
    if (!firstDigest.equals(digest)) {
      throw ProblemException.unprocessable(
          "idempotency-key-reused",
          "Idempotency-Key",
          "was already used for a different request; use a new key");
    }
    return new Accepted(find(first), true);
  }

  /**
   * A first request whose upload was never read to its end (refused, malformed, cut off) answered
   * an error and has no result: like a rolled-back write, its key is free again. Answers true if
   * the key was freed.
   */
  private boolean releaseFailedKey(String actor, String idempotencyKey) throws SQLException {
    try (Connection connection = db.getConnection();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE list_scrub SET idempotency_key = NULL WHERE requested_by = ?"
                    + " AND idempotency_key = ? AND status = 'FAILED' AND body_sha256 IS NULL")) {
      update.setString(1, actor);
      update.setString(2, idempotencyKey);
      return update.executeUpdate() == 1;
    }
  }

  private void storeDigest(UUID id, String digest) throws SQLException {
    try (Connection connection = db.getConnection();
        PreparedStatement update =
            connection.prepareStatement("UPDATE list_scrub SET body_sha256 = ? WHERE id = ?")) {
      update.setString(1, digest);
      update.setObject(2, id);
      update.executeUpdate();
    }
  }

  private void fail(UUID id, Progress progress, String failure) {
    try (Connection connection = db.getConnection()) {
      record(connection, id, progress, "FAILED", failure);
    } catch (SQLException e) {
      Log.warnf("the failure of list scrub %s was not recorded: %s", id, e.getClass());
    }
  }

  /** A failed scrub keeps no result: its chunks deleted, its key shredded. */
  private void discard(UUID id) {
    try (Connection connection = db.getConnection();
        PreparedStatement delete =
            connection.prepareStatement("DELETE FROM list_scrub_chunk WHERE scrub_id = ?")) {
      delete.setObject(1, id);
      delete.executeUpdate();
      encryption.shred(keyRef(id));
    } catch (SQLException | RuntimeException e) {
      Log.warnf("the partial result of list scrub %s is left to expiry: %s", id, e.getClass());
    }
  }

  private void record(UUID id, Progress progress, String status, String failure) {
    try (Connection connection = db.getConnection()) {
      record(connection, id, progress, status, failure);
    } catch (SQLException e) {
      Log.warnf("the progress of list scrub %s was not recorded: %s", id, e.getClass());
    }
  }

  private static void record(
      Connection connection, UUID id, Progress progress, String status, String failure)
      throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE list_scrub SET lines_read = ?, numbers_decided = ?, allowed = ?, denied = ?,"
                + " invalid = ?, withheld = ?, reasons = ?, invalid_lines = ?,"
                + " status = coalesce(?, status), failure = coalesce(?, failure),"
                + " finished_at = CASE WHEN ?::text IS NULL THEN finished_at ELSE now() END"
                + " WHERE id = ?")) {
      Map<String, Long> reasons = new LinkedHashMap<>();
      progress.reasons.forEach((reason, count) -> reasons.put(reason.name(), count));
      update.setLong(1, progress.lines);
      update.setLong(2, progress.decided);
      update.setLong(3, progress.allowed);
      update.setLong(4, progress.denied);
      update.setLong(5, progress.invalid);
      update.setLong(6, progress.withheld);
      update.setString(7, Jdbc.json(reasons));
      update.setString(8, Jdbc.json(progress.invalidLines));
      update.setString(9, status);
      update.setString(10, failure);
      update.setString(11, status);
      update.setObject(12, id);
      update.executeUpdate();
    }
  }

  /** The scrub, or null. */
  public Scrub find(UUID id) throws SQLException {
    try (Connection connection = db.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT campaign_id, purpose_code, transfer_only, status, started_at, decided_for,"
                    + " finished_at, expires_at, lines_read, numbers_decided, allowed, denied,"
                    + " invalid, withheld, reasons, invalid_lines, failure, withdrawn"
                    + " FROM list_scrub WHERE id = ?")) {
      select.setObject(1, id);
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          return null;
        }
        Timestamp finished = row.getTimestamp(7);
        return new Scrub(
            id,
            row.getObject(1, UUID.class),
            row.getString(2),
            row.getBoolean(3),
            row.getString(4),
            row.getTimestamp(5).toInstant(),
            row.getTimestamp(6).toInstant(),
            finished == null ? null : finished.toInstant(),
            row.getTimestamp(8).toInstant(),
            row.getLong(9),
            row.getLong(10),
            row.getLong(11),
            row.getLong(12),
            row.getLong(13),
            row.getLong(14),
            row.getLong(18),
            Jdbc.fromJson(row.getString(15), new TypeReference<Map<String, Long>>() {}),
            Jdbc.fromJson(row.getString(16), new TypeReference<List<Map<String, Object>>>() {}),
            row.getString(17));
      }
    }
  }

  /** The key-store "subject" whose data key seals one scrub's result. */
  static String keyRef(UUID scrub) {
    return "list-scrub:" + scrub;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
    }
  }

  /** Whether a purpose's scrub returns only the numbers that may be passed on (rule 1). */
  public static boolean transferOnly(PurposeCategory category) {
    return category == PurposeCategory.THIRD_PARTY_TRANSFER;
  }
}
