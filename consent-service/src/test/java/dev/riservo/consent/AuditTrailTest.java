package dev.riservo.consent;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.riservo.audit.domain.AuditEvent;
import dev.riservo.audit.service.AuditTrail;
import dev.riservo.identity.testing.AuditVerificationClient;
import dev.riservo.identity.testing.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The hash-chained audit trail against the real PostgreSQL: writes, verification, tampering. */
@QuarkusTest
class AuditTrailTest {

  @Inject AuditTrail trail;

  @Inject AgroalDataSource db;

  /** Before and after each test: the tampering tests must not leave a broken trail to others. */
  @BeforeEach
  @AfterEach
  void emptyTrail() throws SQLException {
    sql("TRUNCATE audit_entry", "UPDATE audit_head SET seq = 0, hash = '" + "0".repeat(64) + "'");
  }

  /** Appends {@code count} entries, each in a transaction of its own, then chains them. */
  private void append(int count) throws Throwable {
    for (int i = 0; i < count; i++) {
      int n = i;
      VertxContextSupport.subscribeAndAwait(
          () ->
              trail.append(
                  new AuditEvent(
                      "agent", "consent.given", "subj-" + n, Map.of("purpose", "telemarketing"))));
    }
    chain();
  }

  private void chain() throws Throwable {
    VertxContextSupport.subscribeAndAwait(() -> trail.chainCommitted());
  }

  private void sql(String... statements) throws SQLException {
    try (Connection connection = db.getConnection();
        Statement statement = connection.createStatement()) {
      for (String s : statements) {
        statement.execute(s);
      }
    }
  }

  private long count(String query) throws SQLException {
    try (Connection connection = db.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(query)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  /** Starts a verification as the DPO and follows it to its verdict (rooted at the verdict). */
  private io.restassured.response.ValidatableResponse verify() {
    return AuditVerificationClient.verify();
  }

  @Test
  void aLongTrailIsWalkedPageByPageAndFollowedOnlyByTheDpo() throws Exception {
    long before = count("SELECT count(*) FROM audit_entry");
    try (Connection connection = db.getConnection()) {
      connection.setAutoCommit(false);
      for (int i = 0; i < 12_000; i++) { // more than two pages of the verifier's cursor
        dev.riservo.audit.service.AuditJdbc.append(
            connection,
            new dev.riservo.audit.domain.AuditEvent(
                "bulk", "test.bulk", null, java.util.Map.of("i", Integer.toString(i))));
      }
      connection.commit();
    }
    verify().body("intact", equalTo(true)).body("entriesChecked", equalTo((int) (before + 12_000)));
    sql("UPDATE audit_entry SET details = '{}' WHERE seq = " + (before + 11_000));
    verify().body("intact", equalTo(false)).body("brokenAt", equalTo((int) (before + 11_000)));
    String dpo = TestTokens.bearer("dpo", "dpo");
    String location = AuditVerificationClient.start(dpo);
    given()
        .header("Authorization", TestTokens.bearer("agent", "agent"))
        .get(location)
        .then()
        .statusCode(403);
    AuditVerificationClient.finished(dpo, location)
        .then()
        .body("entriesTotal", equalTo((int) (before + 12_000)))
        .body("result.brokenAt", equalTo((int) (before + 11_000)));
  }

  @Test
  void appendedEntriesFormAnIntactChain() throws Throwable {
    append(3);
    verify().body("intact", equalTo(true)).body("entriesChecked", equalTo(3));
    assertEquals(3, count("SELECT seq FROM audit_head"));
  }

  @Test
  void editedEntryIsDetected() throws Throwable {
    append(3);
    sql("UPDATE audit_entry SET action = 'consent.withdrawn' WHERE seq = 2");
    verify().body("intact", equalTo(false)).body("brokenAt", equalTo(2));
  }

  @Test
  void deletedEntryIsDetected() throws Throwable {
    append(4);
    sql("DELETE FROM audit_entry WHERE seq = 2");
    verify().body("intact", equalTo(false)).body("brokenAt", equalTo(2));
  }

  @Test
  void truncatedNewestEntryIsDetected() throws Throwable {
    append(3);
    sql("DELETE FROM audit_entry WHERE seq = 3");
    verify().body("intact", equalTo(false)).body("brokenAt", equalTo(3));
  }

  @Test
  void concurrentAppendsStayOneChain() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < 24; i++) {
        futures.add(
            pool.submit(
                () -> {
                  try {
                    append(1);
                  } catch (Throwable e) {
                    throw new IllegalStateException(e);
                  }
                  return null;
                }));
      }
      for (Future<?> future : futures) {
        future.get();
      }
    } finally {
      pool.shutdown();
    }
    verify().body("intact", equalTo(true)).body("entriesChecked", equalTo(24));
    assertEquals(24, count("SELECT count(DISTINCT seq) FROM audit_entry"));
  }

  @Test
  void contendedTransactionsWithTwoEntriesEachStayOneChain() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < 64; i++) {
        int n = i;
        futures.add(
            pool.submit(
                () -> {
                  try {
                    VertxContextSupport.subscribeAndAwait(
                        () ->
                            io.quarkus.hibernate.reactive.panache.Panache.withTransaction(
                                () ->
                                    trail
                                        .append(
                                            new AuditEvent(
                                                "agent", "subject.created", "s-" + n, Map.of()))
                                        .chain(
                                            () ->
                                                trail.append(
                                                    new AuditEvent(
                                                        "agent",
                                                        "consent.given",
                                                        "s-" + n,
                                                        Map.of())))));
                  } catch (Throwable e) {
                    throw new IllegalStateException(e);
                  }
                  return null;
                }));
      }
      for (Future<?> future : futures) {
        future.get();
      }
    } finally {
      pool.shutdown();
    }
    verify().body("intact", equalTo(true)).body("entriesChecked", equalTo(128));
  }

  @Test
  void writersLeaveEntriesUnchainedAndTheChainerLinksThemInTheOrderWritten() throws Throwable {
    VertxContextSupport.subscribeAndAwait(
        () ->
            io.quarkus.hibernate.reactive.panache.Panache.withTransaction(
                () ->
                    trail
                        .append(new AuditEvent("agent", "first", "s", Map.of()))
                        .chain(
                            () -> trail.append(new AuditEvent("agent", "second", "s", Map.of())))));
    chain();
    assertEquals(0, count("SELECT count(*) FROM audit_entry WHERE seq IS NULL"));
    assertEquals(1, count("SELECT seq FROM audit_entry WHERE action = 'first'"));
    assertEquals(2, count("SELECT seq FROM audit_entry WHERE action = 'second'"));
    verify().body("intact", equalTo(true)).body("entriesChecked", equalTo(2));
  }

  @Test
  void anEntryIsChainedWithoutAnyoneAskingShortlyAfterItsTransactionCommits() throws Throwable {
    VertxContextSupport.subscribeAndAwait(
        () -> trail.append(new AuditEvent("agent", "consent.given", "s", Map.of())));
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
    while (count("SELECT count(*) FROM audit_entry WHERE seq IS NULL") > 0
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    assertEquals(1, count("SELECT seq FROM audit_entry WHERE action = 'consent.given'"));
  }

  @Test
  void theEntriesOfARolledBackTransactionNeverEnterTheChain() throws Throwable {
    try {
      VertxContextSupport.subscribeAndAwait(
          () ->
              io.quarkus.hibernate.reactive.panache.Panache.withTransaction(
                  () ->
                      trail
                          .append(new AuditEvent("agent", "consent.given", "s", Map.of()))
                          .chain(
                              () ->
                                  io.smallrye.mutiny.Uni.createFrom()
                                      .failure(new IllegalStateException("rolled back")))));
    } catch (IllegalStateException expected) {
      // the state change failed, so its entry must not exist
    }
    append(1);
    assertEquals(1, count("SELECT count(*) FROM audit_entry"));
    verify().body("intact", equalTo(true)).body("entriesChecked", equalTo(1));
  }

  @Test
  void chainersRunningAtOnceStillMakeOneChain() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        int n = i;
        futures.add(
            pool.submit(
                () -> {
                  try {
                    VertxContextSupport.subscribeAndAwait(
                        () -> trail.append(new AuditEvent("agent", "a", "s-" + n, Map.of())));
                    chain();
                  } catch (Throwable e) {
                    throw new IllegalStateException(e);
                  }
                  return null;
                }));
      }
      for (Future<?> future : futures) {
        future.get();
      }
    } finally {
      pool.shutdown();
    }
    assertEquals(40, count("SELECT count(DISTINCT seq) FROM audit_entry"));
    verify().body("intact", equalTo(true)).body("entriesChecked", equalTo(40));
  }

  @Test
  void anEntryUnchainedAfterTheFactLeavesAGap() throws Throwable {
    append(3);
    sql("UPDATE audit_entry SET seq = NULL, prev_hash = NULL, hash = NULL WHERE seq = 2");
    verify().body("intact", equalTo(false)).body("brokenAt", equalTo(2));
  }

  @Test
  void onlyTheDpoMayVerify() {
    given()
        .header("Authorization", TestTokens.bearer("agent", "agent"))
        .post("/v1/audit/verifications")
        .then()
        .statusCode(403);
  }
}
