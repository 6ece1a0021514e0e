package dev.riservo.consent.rpo.service;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.riservo.audit.domain.AuditEvent;
import dev.riservo.audit.service.AuditJdbc;
import dev.riservo.consent.csv.LineLengthLimit;
import dev.riservo.consent.jdbc.Jdbc;
import dev.riservo.consent.jobs.JobLocks;
import dev.riservo.consent.rpo.domain.RegisterLine;
import dev.riservo.encryption.FieldEncryption;
import dev.riservo.encryption.InvalidIdentifierException;
import dev.riservo.problem.ProblemException;
import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.postgresql.PGConnection;

/**
 * Imports a consultation of the register from its answer file, streamed: lines are checked, each
 * number is turned into its blind index at once (it is never stored, logged or echoed), and rows go
 * to the database with COPY in batches, so memory does not grow with the file. Progress is written
 * to the consultation's row as the import goes; the register is updated when it commits.
 */
@ApplicationScoped
public class RpoImports {

  /** Lines per COPY batch and per progress update. */
  static final int BATCH = 50_000;

  /** Longest line read: a register line is a number, a flag, a date and a flag. */
  static final int MAX_LINE = 4096;

  /** How many rejected lines are listed (all are counted). */
  static final int REJECTED_LISTED = 100;

  /** A consultation as its row holds it; {@code failure} says why a FAILED one failed. */
  public record Consultation(
      UUID id,
      LocalDate consultedOn,
      String operator,
      String status,
      Instant startedAt,
      Instant finishedAt,
      long linesRead,
      long entries,
      long rejected,
      List<Map<String, Object>> rejectedLines,
      String failure) {}

  private final AgroalDataSource db;
  private final FieldEncryption encryption;
  private final RpoRegister register;
  private final RegisterHeap heap;

  public RpoImports(
      AgroalDataSource db, FieldEncryption encryption, RpoRegister register, RegisterHeap heap) {
    this.db = db;
    this.encryption = encryption;
    this.register = register;
    this.heap = heap;
  }

  /** Creates the consultation's row, RUNNING. */
  public UUID start(LocalDate consultedOn, String operator, String actor) throws SQLException {
    UUID id = UUID.randomUUID();
    try (Connection connection = db.getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO rpo_consultation (id, consulted_on, operator, imported_by, started_at,"
                    + " status) VALUES (?, ?, ?, ?, now(), 'RUNNING')")) {
      insert.setObject(1, id);
      insert.setObject(2, consultedOn);
      insert.setString(3, operator);
      insert.setString(4, actor);
      insert.executeUpdate();
    }
    return id;
  }

  /** Reads the file to its end and commits the consultation; FAILED (and nothing kept) on error. */
  public Consultation run(UUID id, LocalDate consultedOn, InputStream body, String actor)
      throws SQLException {
    Progress progress = new Progress();
    try (Connection connection = db.getConnection()) {
      // One transaction: the entries are appended as the file streams in and become visible
      // (with the consultation DONE) only when all of it has been read.
      connection.setAutoCommit(false);
      try {
        // Held until the transaction ends: a sweep that can take it knows this replica is gone.
        JobLocks.holdWhileRunning(connection, id);
        try (java.sql.Statement ddl = connection.createStatement()) {
          ddl.execute(
              "CREATE TABLE "
                  + partition(id)
                  + " PARTITION OF rpo_entry FOR VALUES IN ('"
                  + id
                  + "')");
        }
        stage(connection, id, consultedOn, body, progress);
        commit(connection, id, consultedOn, progress, actor);
      } catch (IOException | SQLException | RuntimeException e) {
        connection.rollback();
        fail(id, progress, e);
        if (e instanceof IOException io && io.getCause() instanceof ProblemException problem) {
          throw problem;
        }
        if (e instanceof ProblemException problem) {
          throw problem;
        }
        if (e instanceof LineLengthLimit.TooLong tooLong) {
          throw tooLong(tooLong);
        }
        throw ProblemException.badRequest("file", "could not be read to its end: nothing was kept");
      } finally {
        connection.setAutoCommit(true);
      }
    }
    register.reload(id);
    return find(id);
  }

  private static final class Progress {
    long lines;
    long entries;
    long rejected;
    final List<Map<String, Object>> rejectedLines = new ArrayList<>();

    void reject(long line, String why) {
      rejected++;
      if (rejectedLines.size() < REJECTED_LISTED) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("line", line);
        item.put("reason", why);
        rejectedLines.add(item);
      }
    }
  }

  private void stage(
      Connection connection, UUID id, LocalDate consultedOn, InputStream body, Progress progress)
      throws IOException, SQLException {
    Reader reader =
        new InputStreamReader(new LineLengthLimit(body, MAX_LINE), StandardCharsets.UTF_8);
    CSVFormat format =
        CSVFormat.DEFAULT
            .builder()
            .setHeader()
            .setSkipHeaderRecord(true)
            .setIgnoreSurroundingSpaces(true)
            .setIgnoreEmptyLines(true)
            .setAllowMissingColumnNames(false)
            .get();
    StringBuilder copy = new StringBuilder(BATCH * 80);
    long room = heap.roomLeft();
    int staged = 0;
    try (CSVParser parser = CSVParser.parse(reader, format)) {
      for (String column : List.of(RegisterLine.NUMBER, RegisterLine.REGISTERED)) {
        if (!parser.getHeaderMap().containsKey(column)) {
          throw ProblemException.badRequest(
              "file",
              "needs a header line with the columns number,registered,registered_on,reallowed");
        }
      }
      boolean hasOn = parser.getHeaderMap().containsKey(RegisterLine.REGISTERED_ON);
      boolean hasReallowed = parser.getHeaderMap().containsKey(RegisterLine.REALLOWED);
      for (CSVRecord record : parser) {
        progress.lines++;
        if (progress.lines > room) {
          throw heap.tooLarge(progress.lines);
        }
        long line = record.getRecordNumber() + 1; // the header is line 1
        try {
          RegisterLine parsed =
              RegisterLine.parse(
                  value(record, RegisterLine.NUMBER),
                  value(record, RegisterLine.REGISTERED),
                  hasOn ? value(record, RegisterLine.REGISTERED_ON) : null,
                  hasReallowed ? value(record, RegisterLine.REALLOWED) : null,
                  consultedOn);
          String index = encryption.phoneIndex(parsed.number());
          copy.append(index)
              .append(',')
              .append(id)
              .append(',')
              .append(consultedOn)
              .append(',')
              .append(parsed.registered())
              .append(',')
              .append(parsed.registeredOn() == null ? "" : parsed.registeredOn().toString())
              .append(',')
              .append(parsed.reallowed())
              .append('\n');
          staged++;
        } catch (RegisterLine.Rejected e) {
          progress.reject(line, e.getMessage());
        } catch (InvalidIdentifierException e) {
          progress.reject(line, "the number is not a valid phone number");
        }
        if (progress.lines % BATCH == 0) {
          flush(connection, partition(id), copy);
          progress.entries += staged;
          staged = 0;
          report(id, progress);
        }
      }
    } catch (java.io.UncheckedIOException e) {
      if (e.getCause() instanceof LineLengthLimit.TooLong tooLong) {
        throw tooLong(tooLong);
      }
      throw ProblemException.badRequest(
          "file", "is not valid CSV after line " + (progress.lines + 1) + ": nothing was kept");
    } catch (IllegalStateException e) {
      // commons-csv reports malformed CSV (an unclosed quote, say) this way
      throw ProblemException.badRequest(
          "file", "is not valid CSV after line " + (progress.lines + 1) + ": nothing was kept");
    }
    flush(connection, partition(id), copy);
    progress.entries += staged;
  }

  private static ProblemException tooLong(LineLengthLimit.TooLong tooLong) {
    return ProblemException.badRequest(
        "file",
        "has a line longer than "
            + MAX_LINE
            + " bytes (line "
            + tooLong.line()
            + "): nothing was kept");
  }

  private static String value(CSVRecord record, String column) {
    return record.isSet(column) ? record.get(column) : null;
  }

  /** The partition of rpo_entry that holds one consultation's entries. */
  static String partition(UUID consultation) {
    return "rpo_entry_" + consultation.toString().replace("-", "");
  }

  private static void flush(Connection connection, String table, StringBuilder copy)
      throws SQLException {
    if (copy.isEmpty()) {
      return;
    }
    try {
      connection
          .unwrap(PGConnection.class)
          .getCopyAPI()
          .copyIn(
              "COPY "
                  + table
                  + " (phone_index, consultation_id, consulted_on, registered,"
                  + " registered_on, reallowed) FROM STDIN (FORMAT csv)",
              new StringReader(copy.toString()));
    } catch (IOException e) {
      throw new SQLException("COPY of the consultation's entries failed", e);
    }
    copy.setLength(0);
  }

  /** Marks the consultation DONE, audits it and tells every replica, then commits. */
  private void commit(
      Connection connection, UUID id, LocalDate consultedOn, Progress progress, String actor)
      throws SQLException {
    try (PreparedStatement done =
        connection.prepareStatement(
            "UPDATE rpo_consultation SET status = 'DONE', finished_at = now(), lines_read = ?,"
                + " entries = ?, rejected = ?, rejected_lines = ? WHERE id = ?")) {
      done.setLong(1, progress.lines);
      done.setLong(2, progress.entries);
      done.setLong(3, progress.rejected);
      done.setString(4, Jdbc.json(progress.rejectedLines));
      done.setObject(5, id);
      done.executeUpdate();
    }
    AuditJdbc.append(
        connection,
        new AuditEvent(
            actor,
            "rpo.consultation.imported",
            null,
            Map.of(
                "consultation", id.toString(),
                "consultedOn", consultedOn.toString(),
                "entries", Long.toString(progress.entries),
                "rejected", Long.toString(progress.rejected))));
    try (PreparedStatement notify =
        connection.prepareStatement("SELECT pg_notify('" + RpoRegister.CHANNEL + "', ?)")) {
      notify.setString(1, id.toString());
      notify.execute();
    }
    connection.commit();
  }

  private void report(UUID id, Progress progress) {
    record(id, progress, progress.entries, null, null);
  }

  private void fail(UUID id, Progress progress, Exception cause) {
    Log.warnf("consultation %s failed after %d lines: %s", id, progress.lines, cause.getClass());
    record(
        id,
        progress,
        0,
        "FAILED",
        cause instanceof ProblemException p
            ? p.getMessage()
            : "the file could not be read to its end");
  }

  /** Writes the counts (and, when {@code status} is given, the end) on a connection of its own. */
  private void record(UUID id, Progress progress, long entries, String status, String failure) {
    try (Connection connection = db.getConnection();
        PreparedStatement update =
            connection.prepareStatement(
                "UPDATE rpo_consultation SET lines_read = ?, entries = ?, rejected = ?,"
                    + " rejected_lines = ?, status = coalesce(?, status), finished_at = CASE WHEN"
                    + " ?::text IS NULL THEN finished_at ELSE now() END, failure = ? WHERE id = ?")) {
      update.setLong(1, progress.lines);
      update.setLong(2, entries);
      update.setLong(3, progress.rejected);
      update.setString(4, Jdbc.json(progress.rejectedLines));
      update.setString(5, status);
      update.setString(6, status);
      update.setString(7, failure);
      update.setObject(8, id);
      update.executeUpdate();
    } catch (SQLException e) {
      Log.warnf("the state of consultation %s was not recorded: %s", id, e.getMessage());
    }
  }

  /** The consultation, or null. */
  public Consultation find(UUID id) throws SQLException {
    try (Connection connection = db.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT consulted_on, operator, status, started_at, finished_at, lines_read,"
                    + " entries, rejected, rejected_lines, failure FROM rpo_consultation"
                    + " WHERE id = ?")) {
      select.setObject(1, id);
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          return null;
        }
        Timestamp finished = row.getTimestamp(5);
        return new Consultation(
            id,
            row.getDate(1).toLocalDate(),
            row.getString(2),
            row.getString(3),
            row.getTimestamp(4).toInstant(),
            finished == null ? null : finished.toInstant(),
            row.getLong(6),
            row.getLong(7),
            row.getLong(8),
            Jdbc.fromJson(row.getString(9), new TypeReference<List<Map<String, Object>>>() {}),
            row.getString(10));
      }
    }
  }
}
