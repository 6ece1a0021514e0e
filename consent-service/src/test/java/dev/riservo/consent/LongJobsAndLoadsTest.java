package dev.riservo.consent;

import static dev.riservo.consent.ConsentFixtures.count;
import static dev.riservo.consent.ConsentFixtures.digits;
import static dev.riservo.consent.ConsentFixtures.supervisor;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riservo.consent.notifications.PgListeners;
import dev.riservo.consent.rpo.domain.RegisterMemory;
import dev.riservo.consent.rpo.service.AbandonedImports;
import dev.riservo.consent.rpo.service.RegisterHeap;
import dev.riservo.consent.rpo.service.RpoRegister;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, item 10: a replica is never ready but useless. A state load that fails (an {@link
 * Error} included) is logged and retried; a register that would not fit the heap is refused up
 * front; an import whose replica was killed is failed, its partial rows dropped.
 */
@QuarkusTest
class LongJobsAndLoadsTest {

  @Inject AgroalDataSource db;

  @Inject RpoRegister register;

  @Inject PgListeners listeners;

  @Inject AbandonedImports abandoned;

  @org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.datasource.jdbc.url")
  String url;

  @org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.datasource.username")
  String user;

  @org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.datasource.password")
  String password;

  private static String yesterday() {
    return LocalDate.now().minusDays(1).toString();
  }

  private static String lines(int count) {
    StringBuilder csv = new StringBuilder("number,registered,registered_on,reallowed\n");
    for (int i = 0; i < count; i++) {
      csv.append("06").append(digits(8)).append(",false,,false\n");
    }
    return csv.toString();
  }

  /** This replica's heap, as the import sees it, leaves room for {@code numbers} more. */
  private void roomFor(long numbers) {
    long heap = RegisterMemory.heapNeeded(register.size() + numbers);
    QuarkusMock.installMockForType(new RegisterHeap(register, () -> heap), RegisterHeap.class);
  }

  @Test
  @DisplayName(
      "an import that would not fit the heap is refused up front (413 naming the sizes), nothing"
          + " kept")
  void importTooLargeForTheHeapIsRefusedUpFront() {
    roomFor(10);
    long consultations = count(db, "SELECT count(*) FROM rpo_consultation");

    Response refused =
        given()
            .header("Authorization", supervisor())
            .contentType("text/csv")
            .queryParam("consultedOn", yesterday())
            .body(lines(200))
            .post("/v1/rpo/consultations");

    refused
        .then()
        .statusCode(413)
        .contentType("application/problem+json")
        .body("type", endsWith("register-too-large-for-heap"))
        .body("detail", containsString("MB of heap"));
    assertEquals(consultations, count(db, "SELECT count(*) FROM rpo_consultation"));
  }

  @Test
  @DisplayName(
      "an upload of unknown length that outgrows the heap is stopped at the line too many (413),"
          + " FAILED, nothing kept")
  void streamedImportTooLargeForTheHeapStops() {
    roomFor(10);
    long entries = count(db, "SELECT count(*) FROM rpo_entry");

    given()
        .header("Authorization", supervisor())
        .contentType("text/csv")
        .queryParam("consultedOn", yesterday())
        // a stream: sent chunked, with no Content-Length to judge it by
        .body(new ByteArrayInputStream(lines(200).getBytes(StandardCharsets.UTF_8)))
        .post("/v1/rpo/consultations")
        .then()
        .statusCode(413)
        .contentType("application/problem+json")
        .body("type", endsWith("register-too-large-for-heap"));
    assertEquals(entries, count(db, "SELECT count(*) FROM rpo_entry"));
    assertEquals(
        1,
        count(
            db,
            "SELECT count(*) FROM rpo_consultation WHERE status = 'FAILED' AND lines_read = 11"
                + " AND started_at > now() - interval '1 minute'"));
  }

  @Test
  @DisplayName(
      "an import whose replica was killed mid-way is marked FAILED with the reason, its partial"
          + " rows dropped; a running one is left alone")
  void importOfAKilledReplicaIsFailed() throws Exception {
    UUID killed = UUID.randomUUID();
    UUID alive = UUID.randomUUID();
    for (UUID id : new UUID[] {killed, alive}) {
      try (Connection c = db.getConnection();
          PreparedStatement insert =
              c.prepareStatement(
                  "INSERT INTO rpo_consultation (id, consulted_on, operator, imported_by,"
                      + " started_at, status, lines_read) VALUES (?, current_date - 1, 'operator',"
                      + " 'sam-supervisor', now() - interval '5 minutes', 'RUNNING', 120000)")) {
        insert.setObject(1, id);
        insert.executeUpdate();
      }
    }
    // The living import: its replica holds the job lock in its open transaction.
    try (Connection living = db.getConnection()) {
      living.setAutoCommit(false);
      dev.riservo.consent.jobs.JobLocks.holdWhileRunning(living, alive);
      // The killed one: its session took the lock, staged rows, and died without a word.
      // (a connection of its own, not the pool's: the pool would hand the dead one out again)
      Connection dying = java.sql.DriverManager.getConnection(url, user, password);
      dying.setAutoCommit(false);
      dev.riservo.consent.jobs.JobLocks.holdWhileRunning(dying, killed);
      try (Statement ddl = dying.createStatement()) {
        ddl.execute(
            "CREATE TABLE rpo_entry_"
                + killed.toString().replace("-", "")
                + " PARTITION OF rpo_entry FOR VALUES IN ('"
                + killed
                + "')");
      }
      kill(dying);

      assertTrue(abandoned.sweep() >= 1);

      given()
          .header("Authorization", supervisor())
          .get("/v1/rpo/consultations/" + killed)
          .then()
          .statusCode(200)
          .body("status", equalTo("FAILED"))
          .body("failure", containsString("upload the file again"));
      assertEquals(
          0,
          count(
              db,
              "SELECT count(*) FROM pg_class WHERE relname = ?",
              "rpo_entry_" + killed.toString().replace("-", "")),
          "the partial rows' partition is gone");
      given()
          .header("Authorization", supervisor())
          .get("/v1/rpo/consultations/" + alive)
          .then()
          .statusCode(200)
          .body("status", equalTo("RUNNING"));
      living.rollback();
    }
    // Its replica gone too, the other one is failed at the next sweep.
    assertTrue(abandoned.sweep() >= 1);
    assertEquals(
        1,
        count(
            db, "SELECT count(*) FROM rpo_consultation WHERE id = ? AND status = 'FAILED'", alive));
  }

  /**
   * Ends the connection's session as a replica's death does ({@code kill -9} closes its sockets):
   * PostgreSQL rolls its transaction back and releases its locks.
   */
  private void kill(Connection dying) throws Exception {
    int pid;
    try (Statement statement = dying.createStatement();
        java.sql.ResultSet row = statement.executeQuery("SELECT pg_backend_pid()")) {
      row.next();
      pid = row.getInt(1);
    }
    try (Connection other = db.getConnection();
        PreparedStatement terminate =
            other.prepareStatement("SELECT pg_terminate_backend(?::integer, 5000::bigint)");
        java.sql.ResultSet ended = execute(terminate, pid)) {
      ended.next();
      assertTrue(ended.getBoolean(1), "the session was ended");
    }
    try {
      dying.close();
    } catch (java.sql.SQLException alreadyGone) {
      // closed by the server already
    }
  }

  private static java.sql.ResultSet execute(PreparedStatement statement, int pid)
      throws java.sql.SQLException {
    statement.setInt(1, pid);
    return statement.executeQuery();
  }

  @Test
  @DisplayName(
      "a state load that fails, even with an Error such as running out of memory, is retried until"
          + " it succeeds")
  void failingLoadIsRetried() throws Exception {
    AtomicInteger tries = new AtomicInteger();
    listeners.listen(
        "riservo_test_" + digits(6),
        "test state",
        payload -> {},
        () -> {
          if (tries.incrementAndGet() <= 2) {
            throw new OutOfMemoryError("Java heap space (simulated)");
          }
        },
        () -> {});
    for (int i = 0; i < 200 && tries.get() < 3; i++) {
      Thread.sleep(50); // retried after 1 s, then 2 s
    }
    assertEquals(3, tries.get(), "two failures, then the load that succeeds");
  }
}
