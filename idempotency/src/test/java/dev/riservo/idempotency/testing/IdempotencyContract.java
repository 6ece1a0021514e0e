package dev.riservo.idempotency.testing;

import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riservo.idempotency.IdempotencyRetention;
import dev.riservo.idempotency.IdempotentWrites;
import io.agroal.api.AgroalDataSource;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What {@code Idempotency-Key} promises on every Riservo write that takes it (DESIGN conventions),
 * run by each service on one of its writes: a service's test extends this class with
 * {@code @QuarkusTest} and names the write, a fresh valid request, and one the write refuses.
 */
public abstract class IdempotencyContract {

  @Inject AgroalDataSource db;

  @Inject IdempotencyRetention retention;

  /** A request with the token of {@code principal}, allowed to make the write, ready to send. */
  protected abstract RequestSpecification as(String principal);

  /** The path of the write (a POST). */
  protected abstract String path();

  /** A valid request for the write, different at each call. */
  protected abstract Object request();

  /** A request the write refuses with a 4xx (and so writes nothing). */
  protected abstract Object refusedRequest();

  private static String key() {
    return UUID.randomUUID().toString();
  }

  private Response post(String principal, String key, Object body) {
    return as(principal).header(IdempotentWrites.HEADER, key).body(body).post(path());
  }

  private long stored(String key) throws SQLException {
    try (Connection connection = db.getConnection();
        PreparedStatement select =
            connection.prepareStatement("SELECT count(*) FROM idempotent_request WHERE key = ?")) {
      select.setString(1, key);
      try (ResultSet row = select.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }

  @Test
  @DisplayName("same key, same request: the first answer again, status, body and Location")
  void sameKeyAndRequestGetTheFirstAnswer() {
    String key = key();
    Object body = request();
    Response first = post("alice", key, body);
    assertTrue(first.statusCode() < 300, () -> "the write failed: " + first.asString());
    assertNull(first.header("Idempotent-Replayed"));
    for (int retry = 0; retry < 2; retry++) {
      Response again = post("alice", key, body);
      again.then().statusCode(first.statusCode()).header("Idempotent-Replayed", "true");
      assertEquals(first.asString(), again.asString());
      assertEquals(first.header("Location"), again.header("Location"));
    }
  }

  @Test
  @DisplayName("same key, another request: 422 problem naming the header, nothing written")
  void sameKeyAnotherRequestIs422() throws SQLException {
    String key = key();
    post("alice", key, request()).then().statusCode(lessThan300());
    post("alice", key, request())
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .body("type", startsWith("https://"))
        .body("errors.field", hasItem(IdempotentWrites.HEADER));
    assertEquals(1, stored(key));
  }

  @Test
  @DisplayName("a refused first attempt stores nothing: its key is free for the corrected request")
  void aRefusedAttemptFreesItsKey() throws SQLException {
    String key = key();
    int refused = post("alice", key, refusedRequest()).statusCode();
    assertTrue(refused >= 400 && refused < 500, "refused with a 4xx, got " + refused);
    assertEquals(0, stored(key));
    Response corrected = post("alice", key, request());
    assertTrue(corrected.statusCode() < 300, corrected::asString);
    assertNull(corrected.header("Idempotent-Replayed"));
  }

  @Test
  @DisplayName("a malformed key is a 400 problem naming the header")
  void malformedKeyIs400() {
    for (String bad : List.of("has spaces", "k".repeat(129), "semi;colon")) {
      post("alice", bad, request())
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body("errors.field", hasItem(IdempotentWrites.HEADER));
    }
  }

  @Test
  @DisplayName("two principals may use one key: each gets their own write and their own replay")
  void keysBelongToTheirPrincipal() {
    String key = key();
    Object body = request();
    Response alice = post("alice", key, body);
    Response bob = post("bob", key, body);
    assertTrue(alice.statusCode() < 300 && bob.statusCode() < 300, bob::asString);
    assertNull(bob.header("Idempotent-Replayed"), "bob's write is not alice's replay");
    post("bob", key, body).then().header("Idempotent-Replayed", "true");
  }

  @Test
  @DisplayName("retries at the same time: one write, every one answered with it")
  void concurrentRetriesWriteOnce() throws Exception {
    String key = key();
    Object body = request();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<String> answers = new ArrayList<>();
    try {
      List<Future<Response>> sent = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        sent.add(pool.submit(() -> post("alice", key, body)));
      }
      for (Future<Response> response : sent) {
        answers.add(response.get().asString());
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(1, answers.stream().distinct().count(), "one answer: " + answers);
    assertEquals(1, stored(key));
  }

  @Test
  @DisplayName("answers are purged after the retention; the key then starts a new write")
  void answersArePurgedAfterTheRetention() throws SQLException {
    String key = key();
    Object body = request();
    post("alice", key, body).then().statusCode(lessThan300());
    try (Connection connection = db.getConnection();
        PreparedStatement age =
            connection.prepareStatement(
                "UPDATE idempotent_request SET created_at = now() - interval '400 days'"
                    + " WHERE key = ?")) {
      age.setString(1, key);
      assertEquals(1, age.executeUpdate());
    }
    assertTrue(retention.purgeExpired() >= 1);
    assertEquals(0, stored(key));
    Response again = post("alice", key, body);
    assertNull(again.header("Idempotent-Replayed"), "past the retention a retry is new");
  }

  private static org.hamcrest.Matcher<Integer> lessThan300() {
    return org.hamcrest.Matchers.lessThan(300);
  }
}
