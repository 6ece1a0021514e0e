package dev.riservo.consent;

import static dev.riservo.consent.ConsentFixtures.agent;
import static dev.riservo.consent.ConsentFixtures.as;
import static dev.riservo.consent.ConsentFixtures.count;
import static dev.riservo.consent.ConsentFixtures.ensurePurpose;
import static dev.riservo.consent.ConsentFixtures.givenOnCall;
import static dev.riservo.consent.ConsentFixtures.postConsent;
import static dev.riservo.consent.ConsentFixtures.randomPhone;
import static dev.riservo.consent.ConsentFixtures.subject;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Consents recorded many to a transaction ({@code RecordingBatches}). With one transaction at a
 * time, every consent sent while one runs waits for the next: consents sent at once share
 * transactions, and each must still be answered as if it had been recorded alone.
 */
@QuarkusTest
@TestProfile(RecordingBatchesTest.OneTransactionAtATime.class)
class RecordingBatchesTest {

  public static class OneTransactionAtATime implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("riservo.consent.batch.concurrency", "1");
    }
  }

  @Inject AgroalDataSource db;
  @Inject MeterRegistry metrics;

  @Test
  void consentsForOneNewNumberSentAtOnceMakeOneSubject() throws Exception {
    String purpose = ensurePurpose("batch-telemarketing", "TELEMARKETING");
    String shared = randomPhone();
    List<Callable<Response>> calls = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      calls.add(() -> postConsent(givenOnCall(shared, purpose)));
      calls.add(() -> postConsent(givenOnCall(randomPhone(), purpose)));
    }
    List<Response> answers = allAtOnce(calls);
    answers.forEach(answer -> assertEquals(201, answer.statusCode(), answer.asString()));
    assertTrue(
        metrics.get("riservo.consent.transaction.consents").summary().max() > 1,
        "consents sent at once shared a transaction");
    Set<String> sharedRefs = new HashSet<>();
    Set<String> otherRefs = new HashSet<>();
    for (int i = 0; i < answers.size(); i++) {
      String ref = answers.get(i).jsonPath().getString("subjectRef");
      (i % 2 == 0 ? sharedRefs : otherRefs).add(ref);
    }
    assertEquals(1, sharedRefs.size(), "one subject for one number");
    assertEquals(8, otherRefs.size(), "a subject for each other number");
    assertTrue(otherRefs.stream().noneMatch(sharedRefs::contains));
    UUID ref = UUID.fromString(sharedRefs.iterator().next());
    assertEquals(8, count(db, "SELECT count(*) FROM consent_event WHERE subject_ref = ?", ref));
  }

  @Test
  void aConsentRefusedInASharedTransactionFailsAloneAndWritesNothing() throws Exception {
    String purpose = ensurePurpose("batch-telemarketing", "TELEMARKETING");
    UUID madeUp = UUID.randomUUID();
    String known = randomPhone();
    postConsent(givenOnCall(known, purpose)).then().statusCode(201);
    String customer = "batch-" + UUID.randomUUID();
    Map<String, Object> byCustomerId = givenOnCall(randomPhone(), purpose);
    byCustomerId.put("subject", Map.of("customerId", customer));
    postConsent(byCustomerId).then().statusCode(201);
    List<Callable<Response>> calls = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      String phone = randomPhone();
      calls.add(() -> postConsent(givenOnCall(phone, purpose)));
    }
    calls.add(() -> postConsent(givenOnCall(madeUp, purpose)));
    calls.add(() -> postConsent(withTwoSubjects(known, customer, purpose)));
    long eventsBefore = count(db, "SELECT count(*) FROM consent_event");
    List<Response> answers = allAtOnce(calls);
    for (int i = 0; i < 6; i++) {
      assertEquals(201, answers.get(i).statusCode(), answers.get(i).asString());
    }
    assertEquals(404, answers.get(6).statusCode(), answers.get(6).asString());
    assertEquals(409, answers.get(7).statusCode(), answers.get(7).asString());
    assertEquals(eventsBefore + 6, count(db, "SELECT count(*) FROM consent_event"));
    assertEquals(0, count(db, "SELECT count(*) FROM consent_event WHERE subject_ref = ?", madeUp));
  }

  @Test
  void oneIdempotencyKeySentTwiceAtOnceRecordsOnce() throws Exception {
    String purpose = ensurePurpose("batch-telemarketing", "TELEMARKETING");
    List<Callable<Response>> calls = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      String key = "batch-" + UUID.randomUUID();
      keys.add(key);
      Map<String, Object> body = givenOnCall(randomPhone(), purpose);
      calls.add(() -> keyed(key, body));
      calls.add(() -> keyed(key, body));
      calls.add(() -> postConsent(givenOnCall(randomPhone(), purpose)));
    }
    List<Response> answers = allAtOnce(calls);
    answers.forEach(answer -> assertEquals(201, answer.statusCode(), answer.asString()));
    for (int i = 0; i < keys.size(); i++) {
      Response first = answers.get(3 * i);
      Response second = answers.get(3 * i + 1);
      assertEquals(first.jsonPath().getString("id"), second.jsonPath().getString("id"));
      assertEquals(first.jsonPath().getString("receipt"), second.jsonPath().getString("receipt"));
      assertEquals(
          1,
          Set.of(first, second).stream()
              .filter(answer -> "true".equals(answer.header("Idempotent-Replayed")))
              .count(),
          "one answer is the first, the other its replay");
      UUID ref = UUID.fromString(first.jsonPath().getString("subjectRef"));
      assertEquals(1, count(db, "SELECT count(*) FROM consent_event WHERE subject_ref = ?", ref));
    }
  }

  @Test
  void aConsentTheDatabaseRefusesFailsAloneAndItsKeyIsFreeAgain() throws Exception {
    String purpose = ensurePurpose("batch-telemarketing", "TELEMARKETING");
    String key = "poisoned-" + UUID.randomUUID();
    Map<String, Object> poisoned = givenOnCall(randomPhone(), purpose);
    poisoned.put("evidence", Map.of("recordingId", "666-000", "offsetMs", 1));
    execute(
        "CREATE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
            + " IF NEW.recording_id = '666-000' THEN RAISE EXCEPTION 'refused for the test';"
            + " END IF; RETURN NEW; END $$",
        "CREATE TRIGGER refuse_poison BEFORE INSERT ON consent_event FOR EACH ROW"
            + " EXECUTE FUNCTION refuse_poison()");
    List<Response> answers;
    try {
      List<Callable<Response>> calls = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        calls.add(() -> postConsent(givenOnCall(randomPhone(), purpose)));
      }
      calls.add(() -> keyed(key, poisoned));
      answers = allAtOnce(calls);
    } finally {
      execute("DROP TRIGGER refuse_poison ON consent_event", "DROP FUNCTION refuse_poison()");
    }
    for (int i = 0; i < 6; i++) {
      assertEquals(201, answers.get(i).statusCode(), answers.get(i).asString());
    }
    Response refused = answers.get(6);
    assertTrue(refused.statusCode() >= 500, refused.asString());
    assertEquals(0, count(db, "SELECT count(*) FROM consent_event WHERE recording_id = '666-000'"));
    // nothing was remembered for the key: the retry records, and is not a replay
    Response retried = keyed(key, poisoned);
    assertEquals(201, retried.statusCode(), retried.asString());
    assertNotEquals("true", retried.header("Idempotent-Replayed"));
    assertEquals(1, count(db, "SELECT count(*) FROM consent_event WHERE recording_id = '666-000'"));
  }

  /** Identifiers that belong to two different subjects: 409. */
  private static Map<String, Object> withTwoSubjects(
      String phone, String customerId, String purpose) {
    Map<String, Object> body = givenOnCall(phone, purpose);
    Map<String, Object> subject = subject(phone);
    subject.put("customerId", customerId);
    body.put("subject", subject);
    return body;
  }

  private static Response keyed(String key, Map<String, Object> body) {
    return as(agent()).header("Idempotency-Key", key).body(body).post("/v1/consents");
  }

  /** Sends every call at the same moment (one thread each) and answers in the calls' order. */
  private static List<Response> allAtOnce(List<Callable<Response>> calls) throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(calls.size());
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Response>> futures = new ArrayList<>();
      for (Callable<Response> call : calls) {
        futures.add(
            threads.submit(
                () -> {
                  start.await();
                  return call.call();
                }));
      }
      start.countDown();
      List<Response> answers = new ArrayList<>();
      for (Future<Response> future : futures) {
        answers.add(future.get(60, TimeUnit.SECONDS));
      }
      return answers;
    } finally {
      threads.shutdownNow();
    }
  }

  private void execute(String... statements) throws SQLException {
    try (Connection connection = db.getConnection();
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }
}
