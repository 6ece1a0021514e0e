package dev.riservo.notice;

import static dev.riservo.notice.NoticeFixtures.PROBLEM;
import static dev.riservo.notice.NoticeFixtures.PROBLEM_JSON;
import static dev.riservo.notice.NoticeFixtures.admin;
import static dev.riservo.notice.NoticeFixtures.agent;
import static dev.riservo.notice.NoticeFixtures.as;
import static dev.riservo.notice.NoticeFixtures.count;
import static dev.riservo.notice.NoticeFixtures.dpo;
import static dev.riservo.notice.NoticeFixtures.supervisor;
import static dev.riservo.notice.PresentationFixtures.PRESENTATIONS;
import static dev.riservo.notice.PresentationFixtures.byPhone;
import static dev.riservo.notice.PresentationFixtures.present;
import static dev.riservo.notice.PresentationFixtures.presentation;
import static dev.riservo.notice.PresentationFixtures.publishInForce;
import static dev.riservo.notice.PresentationFixtures.randomPhone;
import static dev.riservo.notice.PresentationFixtures.telephony;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.riservo.notice.PresentationFixtures.Published;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * POST/GET /v1/presentations and the DPO's search: rule 10, "every presentation records the
 * version".
 */
@QuarkusTest
class PresentationResourceTest {

  @Inject AgroalDataSource db;

  private long presentations() {
    return count(db, "SELECT count(*) FROM presentation");
  }

  private long subjects() {
    return count(db, "SELECT count(*) FROM subject");
  }

  /** A refused presentation: the status, problem type and field, and nothing written. */
  private void refused(
      String token, Map<String, Object> body, int status, String type, String field) {
    long before = presentations();
    long subjectsBefore = subjects();
    present(token, body)
        .then()
        .statusCode(status)
        .contentType(PROBLEM_JSON)
        .body("type", equalTo(PROBLEM + type))
        .body("errors.field", hasItem(field));
    assertEquals(before, presentations(), "no presentation written");
    assertEquals(subjectsBefore, subjects(), "no subject written");
  }

  private static Map<String, Object> with(
      Map<String, Object> body, Consumer<Map<String, Object>> c) {
    c.accept(body);
    return body;
  }

  @Test
  @DisplayName(
      "rule 10: a presentation of the version in force records version, hash, language, mode, agent, evidence")
  void presentationOfTheVersionInForceIsRecorded() {
    Published v = publishInForce();
    String phone = randomPhone();
    Response created = present(agent(), presentation(byPhone(phone), v));
    created
        .then()
        .statusCode(201)
        .body("notice.id", equalTo(v.id()))
        .body("notice.hash", equalTo(v.hash()))
        .body("notice.hashKind", equalTo("CONTENT"))
        .body("language", equalTo("it"))
        .body("deliveryMode", equalTo("AGENT_READ"))
        .body("agentId", equalTo("alice-agent"))
        .body("recording.id", equalTo("20260401-000123"))
        .body("recording.offsetMs", equalTo(4200))
        .body("subject", nullValue());
    assertFalse(created.asString().contains(phone.substring(4)), "no identifier in the answer");
    String id = created.jsonPath().getString("id");
    String ref = created.jsonPath().getString("subjectRef");
    assertEquals(
        PRESENTATIONS + "/" + id, created.header("Location").replaceAll("^https?://[^/]+", ""));
    for (String reader : new String[] {agent(), dpo(), telephony()}) {
      as(reader)
          .get(PRESENTATIONS + "/" + id)
          .then()
          .statusCode(200)
          .body("subjectRef", equalTo(ref));
    }
    assertEquals(
        1,
        count(
            db,
            "SELECT count(*) FROM audit_entry WHERE action = 'presentation.recorded'"
                + " AND subject_ref = ? AND details LIKE ?",
            ref,
            "%" + id + "%"));
    // The same person again (another form of the number): the same subject.
    String national = phone.substring(4).replace(" ", "");
    present(agent(), presentation(byPhone("0039" + national), v))
        .then()
        .statusCode(201)
        .body("subjectRef", equalTo(ref));
  }

  @Test
  @DisplayName(
      "rule 10: a hash that is neither the contentHash nor the documentHash is 422 naming notice.hash")
  void hashThatDoesNotMatchIs422() {
    Published v = publishInForce();
    Published wrong = new Published(v.id(), NoticeFixtures.sha256("another text"), v.publishedAt());
    refused(
        agent(),
        presentation(byPhone(randomPhone()), wrong),
        422,
        "notice-hash-mismatch",
        "notice.hash");
  }

  @Test
  @DisplayName(
      "rule 10: a version not yet in force at presentedAt is 422; a superseded one is 422; in between 201")
  void onlyTheVersionInForceAtTheInstantMayBePresented() throws InterruptedException {
    String notice = NoticeFixtures.noticeId();
    Published v1 = publishInForce(notice, "it", "prima");
    Thread.sleep(20);
    Instant between = Instant.now();
    Thread.sleep(20);
    Published v2 = publishInForce(notice, "it", "seconda");
    String phone = randomPhone();

    Map<String, Object> before =
        with(
            presentation(byPhone(phone), v1),
            b -> b.put("presentedAt", Instant.parse(v1.publishedAt()).minusSeconds(60).toString()));
    refused(agent(), before, 422, "notice-not-in-force", "notice.id");
    refused(agent(), presentation(byPhone(phone), v1), 422, "notice-not-in-force", "notice.id");
    present(
            agent(),
            with(presentation(byPhone(phone), v1), b -> b.put("presentedAt", between.toString())))
        .then()
        .statusCode(201);
    present(agent(), presentation(byPhone(phone), v2)).then().statusCode(201);
    // From the exact effective instant on.
    present(
            agent(),
            with(presentation(byPhone(phone), v2), b -> b.put("presentedAt", v2.publishedAt())))
        .then()
        .statusCode(201);
  }

  @Test
  @DisplayName("bad input: 400/422 problem documents naming the field, nothing written")
  void badInputIsRefusedNamingTheField() {
    Published v = publishInForce();
    String phone = randomPhone();
    refused(agent(), presentation(Map.of(), v), 400, "validation", "subject");
    refused(agent(), presentation(byPhone("not a number"), v), 400, "validation", "subject.phone");
    refused(
        agent(),
        with(
            presentation(byPhone(phone), v),
            b -> b.put("notice", Map.of("id", "nobody-here@1", "hash", v.hash()))),
        422,
        "notice-version-unknown",
        "notice.id");
    refused(
        agent(),
        with(
            presentation(byPhone(phone), v),
            b -> b.put("notice", Map.of("id", "Bad Id", "hash", v.hash()))),
        400,
        "validation",
        "notice.id");
    refused(
        agent(),
        with(presentation(byPhone(phone), v), b -> b.put("language", "de")),
        422,
        "language-mismatch",
        "language");
    refused(
        agent(),
        with(presentation(byPhone(phone), v), b -> b.put("language", "xx")),
        400,
        "validation",
        "language");
    refused(
        agent(),
        with(presentation(byPhone(phone), v), b -> b.put("deliveryMode", "PIGEON")),
        400,
        "malformed-body",
        "deliveryMode");
    refused(
        agent(),
        with(
            presentation(byPhone(phone), v),
            b -> b.put("presentedAt", Instant.now().plusSeconds(3600).toString())),
        422,
        "presented-in-future",
        "presentedAt");
    refused(
        agent(),
        with(presentation(byPhone(phone), v), b -> b.put("presentedAt", "2001-01-01T00:00:00Z")),
        422,
        "presented-too-long-ago",
        "presentedAt");
    refused(
        agent(),
        with(
            presentation(byPhone(phone), v),
            b -> b.put("recording", Map.of("id", "mario.rossi.wav", "offsetMs", 1))),
        400,
        "validation",
        "recording.id");
    refused(
        agent(),
        with(presentation(byPhone(phone), v), b -> b.put("agentId", "someone-else")),
        422,
        "agent-mismatch",
        "agentId");
    refused(telephony(), presentation(byPhone(phone), v), 422, "agent-required", "agentId");
  }

  @Test
  @DisplayName(
      "the telephony system's service client records IVR presentations, and names agents for AGENT_READ")
  void serviceClientRecordsPresentations() {
    Published v = publishInForce();
    present(
            telephony(),
            with(presentation(byPhone(randomPhone()), v), b -> b.put("deliveryMode", "IVR")))
        .then()
        .statusCode(201)
        .body("agentId", nullValue())
        .body("recordedBy", equalTo("service-account-telephony"));
    present(
            telephony(),
            with(presentation(byPhone(randomPhone()), v), b -> b.put("agentId", "bruno-agent")))
        .then()
        .statusCode(201)
        .body("agentId", equalTo("bruno-agent"));
  }

  @Test
  @DisplayName(
      "deny by default: only agents and service clients record, DPO searches, no token 401")
  void rolesAreEnforced() {
    Published v = publishInForce();
    long before = presentations();
    for (String token : new String[] {supervisor(), admin(), dpo()}) {
      present(token, presentation(byPhone(randomPhone()), v))
          .then()
          .statusCode(403)
          .contentType(PROBLEM_JSON);
    }
    given()
        .contentType("application/json")
        .body(presentation(byPhone(randomPhone()), v))
        .post(PRESENTATIONS)
        .then()
        .statusCode(401);
    assertEquals(before, presentations());
    as(supervisor()).get(PRESENTATIONS + "/" + UUID.randomUUID()).then().statusCode(403);
    as(agent())
        .get(PRESENTATIONS + "/" + UUID.randomUUID())
        .then()
        .statusCode(404)
        .contentType(PROBLEM_JSON);
    as(agent()).body(byPhone(randomPhone())).post(PRESENTATIONS + "/search").then().statusCode(403);
  }

  @Test
  @DisplayName(
      "the DPO finds which versions a person heard, when and how, by identifiers in the body")
  void dpoSearchListsWhatAPersonHeard() {
    String notice = NoticeFixtures.noticeId();
    Published v1 = publishInForce(notice, "it", "uno");
    String phone = randomPhone();
    String email = "Maria.Bianchi." + PresentationFixtures.suffix() + "@Example.org";
    Map<String, Object> both = byPhone(phone);
    both.put("email", email);
    String ref =
        present(agent(), presentation(both, v1))
            .then()
            .statusCode(201)
            .extract()
            .path("subjectRef");
    Published v2 = publishInForce(notice, "it", "due");
    Map<String, Object> sms = presentation(byPhone(phone), v2);
    sms.put("deliveryMode", "SMS_LINK");
    sms.put("agentId", "alice-agent");
    present(telephony(), sms).then().statusCode(201);

    as(dpo())
        .body(Map.of("email", email.toUpperCase()))
        .post(PRESENTATIONS + "/search")
        .then()
        .statusCode(200)
        .body("subjectRef", equalTo(ref))
        .body("presentations", hasSize(2))
        .body("presentations[0].notice.id", equalTo(v1.id()))
        .body("presentations[1].notice.id", equalTo(v2.id()))
        .body("presentations[1].deliveryMode", equalTo("SMS_LINK"));
    as(dpo())
        .body(byPhone(randomPhone()))
        .post(PRESENTATIONS + "/search")
        .then()
        .statusCode(200)
        .body("subjectRef", nullValue())
        .body("presentations", hasSize(0));
    as(dpo())
        .body(Map.of())
        .post(PRESENTATIONS + "/search")
        .then()
        .statusCode(400)
        .contentType(PROBLEM_JSON);
  }

  @Test
  @DisplayName(
      "Idempotency-Key: a retry gets the first answer; the stored answer naming the subject is sealed")
  void retriedPresentationIsRecordedOnceAndItsStoredAnswerSealed() {
    Published v = publishInForce();
    String key = UUID.randomUUID().toString();
    Map<String, Object> body = presentation(byPhone(randomPhone()), v);
    Response first = as(agent()).header("Idempotency-Key", key).body(body).post(PRESENTATIONS);
    first.then().statusCode(201);
    long after = presentations();
    Response again = as(agent()).header("Idempotency-Key", key).body(body).post(PRESENTATIONS);
    again.then().statusCode(201).header("Idempotent-Replayed", "true");
    assertEquals(first.asString(), again.asString());
    assertEquals(after, presentations());
    String ref = first.jsonPath().getString("subjectRef");
    Object stored =
        NoticeFixtures.one(db, "SELECT body FROM idempotent_request WHERE key = ?", key);
    assertFalse(stored.toString().contains(ref), "the stored answer is sealed, not JSON in clear");
    assertEquals(
        ref,
        NoticeFixtures.one(
            db, "SELECT subject_ref::text FROM idempotent_request WHERE key = ?", key));
  }
}
