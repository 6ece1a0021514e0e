package dev.riservo.consent;

import static dev.riservo.consent.ConsentFixtures.PROBLEM;
import static dev.riservo.consent.ConsentFixtures.PROBLEM_JSON;
import static dev.riservo.consent.ConsentFixtures.agent;
import static dev.riservo.consent.ConsentFixtures.as;
import static dev.riservo.consent.ConsentFixtures.count;
import static dev.riservo.consent.ConsentFixtures.ensurePurpose;
import static dev.riservo.consent.ConsentFixtures.givenOnCall;
import static dev.riservo.consent.ConsentFixtures.now;
import static dev.riservo.consent.ConsentFixtures.randomPhone;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riservo.consent.ConsentFixtures.Counts;
import dev.riservo.idempotency.IdempotencyRetention;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Idempotency-Key on the consent writes: a retry gets the first answer and records nothing new. */
@QuarkusTest
class IdempotencyTest {

  private static final String KEY = "Idempotency-Key";

  @Inject AgroalDataSource db;
  @Inject IdempotencyRetention retention;

  private String purpose;

  @BeforeEach
  void purpose() {
    purpose = ensurePurpose("idempotency-tm", "TELEMARKETING");
  }

  private static String key() {
    return UUID.randomUUID().toString();
  }

  private static Response post(String token, String key, Object body) {
    return as(token).header(KEY, key).body(body).post("/v1/consents");
  }

  private long eventsOf(String subjectRef) {
    return count(
        db,
        "SELECT count(*) FROM consent_event WHERE subject_ref = ?",
        UUID.fromString(subjectRef));
  }

  @Test
  void sameKeyTwiceRecordsOnceAndReplaysTheFirstAnswer() {
    String key = key();
    Map<String, Object> body = givenOnCall(randomPhone(), purpose);
    Response first = post(agent(), key, body);
    first.then().statusCode(201);
    assertNull(first.header("Idempotent-Replayed"));
    Response second = post(agent(), key, body);
    second.then().statusCode(201).header("Idempotent-Replayed", "true");

    assertEquals(first.jsonPath().getString("id"), second.jsonPath().getString("id"));
    assertEquals(first.jsonPath().getString("receiptId"), second.jsonPath().getString("receiptId"));
    assertEquals(first.jsonPath().getString("receipt"), second.jsonPath().getString("receipt"));
    assertEquals(
        first.jsonPath().getString("subjectRef"), second.jsonPath().getString("subjectRef"));
    String subject = first.jsonPath().getString("subjectRef");
    assertEquals(1, eventsOf(subject));
    assertEquals(
        1,
        count(db, "SELECT count(*) FROM receipt WHERE subject_ref = ?", UUID.fromString(subject)));
    assertEquals(
        1,
        count(
            db,
            "SELECT count(*) FROM audit_entry WHERE action = 'consent.given' AND subject_ref = ?",
            subject));

    // A third time too.
    post(agent(), key, body).then().statusCode(201).header("Idempotent-Replayed", "true");
    assertEquals(1, eventsOf(subject));
  }

  @Test
  void storedAnswersArePurgedAfterTheRetentionAndTheKeyIsThenNew() throws Exception {
    String key = key();
    Map<String, Object> body = givenOnCall(randomPhone(), purpose);
    Response first = post(agent(), key, body);
    first.then().statusCode(201);
    String fresh = key();
    post(agent(), fresh, givenOnCall(randomPhone(), purpose)).then().statusCode(201);
    try (var c = db.getConnection();
        var age =
            c.prepareStatement(
                "UPDATE idempotent_request SET created_at = now() - interval '8 days'"
                    + " WHERE key = ?")) {
      age.setString(1, key);
      assertEquals(1, age.executeUpdate());
    }

    assertTrue(retention.purgeExpired() >= 1);

    assertEquals(0L, count(db, "SELECT count(*) FROM idempotent_request WHERE key = ?", key));
    assertEquals(1L, count(db, "SELECT count(*) FROM idempotent_request WHERE key = ?", fresh));
    Response again = post(agent(), key, body);
    again.then().statusCode(201);
    assertNull(again.header("Idempotent-Replayed"), "past the retention a retry is a new request");
    assertNotEquals(first.jsonPath().getString("id"), again.jsonPath().getString("id"));
  }

  @Test
  void replayIsTheFirstAnswerIncludingItsLocation() {
    String key = key();
    Map<String, Object> body = givenOnCall(randomPhone(), purpose);
    Response first = post(agent(), key, body);
    first.then().statusCode(201);
    Response second = post(agent(), key, body);
    second.then().statusCode(201).header("Idempotent-Replayed", "true");
    assertEquals(first.header("Location"), second.header("Location"));
  }

  @Test
  void sameKeyWithAnotherBodyIs422() {
    String key = key();
    Map<String, Object> body = givenOnCall(randomPhone(), purpose);
    Response first = post(agent(), key, body);
    first.then().statusCode(201);
    String subject = first.jsonPath().getString("subjectRef");

    Counts before = Counts.of(db);
    Map<String, Object> other = givenOnCall(UUID.fromString(subject), purpose);
    post(agent(), key, other)
        .then()
        .statusCode(422)
        .contentType(PROBLEM_JSON)
        .body("type", equalTo(PROBLEM + "idempotency-key-reused"))
        .body("errors.field", hasItem(KEY));
    assertEquals(before, Counts.of(db));
    assertEquals(1, eventsOf(subject));

    // Nor may the key be reused on another endpoint.
    as(agent())
        .header(KEY, key)
        .body(Map.of("subjectRef", subject, "channel", "CALL"))
        .post("/v1/consents/withdraw-all")
        .then()
        .statusCode(422)
        .body("type", equalTo(PROBLEM + "idempotency-key-reused"));
    assertEquals(before, Counts.of(db));
  }

  @Test
  void differentPrincipalsUseTheSameKeyIndependently() {
    String key = key();
    String alice = agent("alice-" + ConsentFixtures.suffix());
    String bob = agent("bob-" + ConsentFixtures.suffix());
    Map<String, Object> aliceBody = givenOnCall(randomPhone(), purpose);
    Map<String, Object> bobBody = givenOnCall(randomPhone(), purpose);

    Response a = post(alice, key, aliceBody);
    a.then().statusCode(201);
    Response b = post(bob, key, bobBody);
    b.then().statusCode(201);
    assertNull(b.header("Idempotent-Replayed"));
    assertNotEquals(a.jsonPath().getString("id"), b.jsonPath().getString("id"));
    assertNotEquals(a.jsonPath().getString("subjectRef"), b.jsonPath().getString("subjectRef"));

    // Each replays their own answer.
    post(alice, key, aliceBody)
        .then()
        .statusCode(201)
        .header("Idempotent-Replayed", "true")
        .body("id", equalTo(a.jsonPath().getString("id")));
    post(bob, key, bobBody)
        .then()
        .statusCode(201)
        .header("Idempotent-Replayed", "true")
        .body("id", equalTo(b.jsonPath().getString("id")));
    assertEquals(1, eventsOf(b.jsonPath().getString("subjectRef")));
    assertEquals(1, eventsOf(a.jsonPath().getString("subjectRef")));
  }

  @Test
  void bobReusingAlicesKeyAndBodyIsNotHerReplay() {
    String key = key();
    String alice = agent("alice-" + ConsentFixtures.suffix());
    String bob = agent("bob-" + ConsentFixtures.suffix());
    Map<String, Object> body = givenOnCall(randomPhone(), purpose);
    Response a = post(alice, key, body);
    a.then().statusCode(201);
    Response b = post(bob, key, body);
    b.then().statusCode(201);
    assertNull(b.header("Idempotent-Replayed"));
    assertNotEquals(a.jsonPath().getString("id"), b.jsonPath().getString("id"));
    assertEquals(2, eventsOf(a.jsonPath().getString("subjectRef")));
  }

  @Test
  void invalidKeyIs400AndStoresNothing() {
    Map<String, Object> body = givenOnCall(randomPhone(), purpose);
    for (String bad : List.of("k".repeat(300), "has spaces in it", "k".repeat(129), "semi;colon")) {
      Counts before = Counts.of(db);
      long keys = count(db, "SELECT count(*) FROM idempotent_request");
      post(agent(), bad, body)
          .then()
          .statusCode(400)
          .contentType(PROBLEM_JSON)
          .body("type", equalTo(PROBLEM + "validation"))
          .body("errors.field", hasItem(KEY));
      assertEquals(before, Counts.of(db), "key " + bad);
      assertEquals(keys, count(db, "SELECT count(*) FROM idempotent_request"), "key " + bad);
    }
    // The longest valid key is fine.
    post(agent(), "k".repeat(127) + "1", body).then().statusCode(201);
  }

  @Test
  void aRefusedRequestDoesNotUseUpItsKey() {
    String key = key();
    Map<String, Object> body = givenOnCall(randomPhone(), purpose);
    body.put("occurredAt", now().plusSeconds(3600).toString());
    post(agent(), key, body).then().statusCode(422);
    body.put("occurredAt", now().minusSeconds(10).toString());
    post(agent(), key, body).then().statusCode(201);
  }

  @Test
  void concurrentRetriesRecordOnce() throws Exception {
    String key = key();
    Map<String, Object> body = givenOnCall(randomPhone(), purpose);
    String token = agent();
    ExecutorService pool = Executors.newFixedThreadPool(6);
    List<Response> responses = new ArrayList<>();
    try {
      List<Future<Response>> futures = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        Callable<Response> call = () -> post(token, key, body);
        futures.add(pool.submit(call));
      }
      for (Future<Response> future : futures) {
        responses.add(future.get());
      }
    } finally {
      pool.shutdown();
    }
    Set<String> ids = new HashSet<>();
    for (Response response : responses) {
      assertEquals(201, response.statusCode(), response.asString());
      ids.add(response.jsonPath().getString("id"));
    }
    assertEquals(1, ids.size(), "ids " + ids);
    assertEquals(1, eventsOf(responses.get(0).jsonPath().getString("subjectRef")));
  }

  @Test
  void objectionsAndWithdrawAllAreIdempotentToo() {
    Response given = as(agent()).body(givenOnCall(randomPhone(), purpose)).post("/v1/consents");
    given.then().statusCode(201);
    String subject = given.jsonPath().getString("subjectRef");

    String objectionKey = key();
    Map<String, Object> objection = Map.of("subjectRef", subject, "channel", "CALL");
    Response first = as(agent()).header(KEY, objectionKey).body(objection).post("/v1/objections");
    first.then().statusCode(201);
    as(agent())
        .header(KEY, objectionKey)
        .body(objection)
        .post("/v1/objections")
        .then()
        .statusCode(201)
        .header("Idempotent-Replayed", "true")
        .body("id", equalTo(first.jsonPath().getString("id")));
    assertEquals(
        1,
        count(
            db, "SELECT count(*) FROM objection WHERE subject_ref = ?", UUID.fromString(subject)));

    String withdrawKey = key();
    Map<String, Object> withdraw = Map.of("subjectRef", subject, "channel", "WEB");
    as(agent())
        .header(KEY, withdrawKey)
        .body(withdraw)
        .post("/v1/consents/withdraw-all")
        .then()
        .statusCode(200)
        .body("withdrawn.size()", equalTo(1));
    as(agent())
        .header(KEY, withdrawKey)
        .body(withdraw)
        .post("/v1/consents/withdraw-all")
        .then()
        .statusCode(200)
        .header("Idempotent-Replayed", "true")
        .body("withdrawn.size()", equalTo(1));
    assertEquals(2, eventsOf(subject));
  }
}
