package dev.riservo.consent;

import static dev.riservo.consent.ConsentFixtures.agent;
import static dev.riservo.consent.ConsentFixtures.as;
import static dev.riservo.consent.ConsentFixtures.count;
import static dev.riservo.consent.ConsentFixtures.givenOnCall;
import static dev.riservo.consent.ConsentFixtures.newPurpose;
import static dev.riservo.consent.ConsentFixtures.randomPhone;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.riservo.identity.testing.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, item 6: after an erasure nothing about the subject comes back through the API, a
 * retried request included, and nothing is kept but the suppression fact.
 */
@QuarkusTest
class ErasureReachesEveryCopyTest {

  @Inject AgroalDataSource db;

  private static Response post(String key, Map<String, Object> body) {
    return as(agent()).header("Idempotency-Key", key).body(body).post("/v1/consents");
  }

  @Test
  @DisplayName(
      "rule 9 / issue 14: a retry of a consent request after its subject's erasure gets a 410,"
          + " never the stored answer with their data, and writes nothing")
  void retryAfterErasureGetsNoStoredAnswer() {
    String phone = randomPhone();
    Map<String, Object> body = givenOnCall(phone, newPurpose("erase-replay", "TELEMARKETING"));
    String recording = (String) ((Map<?, ?>) body.get("evidence")).get("recordingId");
    String key = UUID.randomUUID().toString();
    Response first = post(key, body);
    first.then().statusCode(201);
    String subject = first.jsonPath().getString("subjectRef");
    post(key, body).then().statusCode(201).header("Idempotent-Replayed", "true");

    given()
        .header("Authorization", TestTokens.bearer("service-account-rights", "service"))
        .delete("/internal/subject-data/" + subject)
        .then()
        .statusCode(200)
        .body("erased.'stored answers to retried requests'", equalTo(1));

    Response retried = post(key, body);
    retried
        .then()
        .statusCode(410)
        .contentType("application/problem+json")
        .body("type", endsWith("subject-erased"));
    String answer = retried.asString();
    for (String personal : List.of(subject, recording, phone.substring(phone.length() - 7))) {
      assertFalse(answer.contains(personal), "the retry's answer names the subject: " + answer);
    }
    assertEquals(
        0,
        count(
            db,
            "SELECT count(*) FROM idempotent_request WHERE body LIKE ? OR body LIKE ?",
            "%" + subject + "%",
            "%" + recording + "%"),
        "no stored answer holds the subject's data");
    assertEquals(
        0,
        count(
            db, "SELECT count(*) FROM subject WHERE ref = ?::uuid AND erased_at IS NULL", subject));
  }

  @Test
  @DisplayName(
      "issue 14: a recording id that could hold a name is refused (400), never stored in clear;"
          + " the opaque forms recording systems use are accepted")
  void recordingIdsCannotHoldAName() {
    String purpose = newPurpose("recording-id", "TELEMARKETING");
    long before = count(db, "SELECT count(*) FROM consent_event");
    for (String named :
        List.of(
            "mario.rossi.wav", "Mario Rossi", "rec-mario", "2026/11/20/rossi", "Abe", "ada-1")) {
      Map<String, Object> body = givenOnCall(randomPhone(), purpose);
      body.put("evidence", Map.of("recordingId", named, "offsetMs", 1000));
      as(agent())
          .body(body)
          .post("/v1/consents")
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body("errors[0].field", equalTo("evidence.recordingId"));
      as(agent())
          .body(
              Map.of(
                  "subject",
                  Map.of("phone", randomPhone()),
                  "channel",
                  "CALL",
                  "recordingId",
                  named))
          .post("/v1/objections")
          .then()
          .statusCode(400)
          .contentType("application/problem+json");
    }
    assertEquals(before, count(db, "SELECT count(*) FROM consent_event"));
    for (String opaque :
        List.of(
            "20261120-000123",
            "42",
            UUID.randomUUID().toString(),
            "b4f1c1e0a9d34c7e8f6a5b4c3d2e1f00")) {
      Map<String, Object> body = givenOnCall(randomPhone(), purpose);
      body.put("evidence", Map.of("recordingId", opaque, "offsetMs", 1000));
      as(agent()).body(body).post("/v1/consents").then().statusCode(201);
    }
  }
}
