package dev.riservo.consent;

import static dev.riservo.consent.ConsentFixtures.agent;
import static dev.riservo.consent.ConsentFixtures.as;
import static dev.riservo.consent.ConsentFixtures.consentsOf;
import static dev.riservo.consent.ConsentFixtures.count;
import static dev.riservo.consent.ConsentFixtures.dpo;
import static dev.riservo.consent.ConsentFixtures.e164;
import static dev.riservo.consent.ConsentFixtures.give;
import static dev.riservo.consent.ConsentFixtures.givenOnCall;
import static dev.riservo.consent.ConsentFixtures.newPurpose;
import static dev.riservo.consent.ConsentFixtures.now;
import static dev.riservo.consent.ConsentFixtures.randomPhone;
import static dev.riservo.consent.ConsentFixtures.record;
import static dev.riservo.consent.ConsentFixtures.subject;
import static dev.riservo.consent.ConsentFixtures.supervisor;
import static dev.riservo.consent.ConsentFixtures.withdrawn;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Recording consent, deriving its state, withdrawal, objections and receipts (rules 1-4). */
@QuarkusTest
class ConsentRecordingTest {

  private static final String JWS = "^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$";

  @Inject AgroalDataSource db;

  /** The status of one purpose in a GET /v1/subjects/{ref}/consents answer. */
  private static Map<String, Object> statusOf(JsonPath consents, String purpose) {
    List<Map<String, Object>> purposes = consents.getList("purposes");
    return purposes.stream()
        .filter(p -> purpose.equals(p.get("purposeCode")))
        .findFirst()
        .orElseThrow(() -> new AssertionError(purpose + " not in " + purposes));
  }

  // ------------------------------------------------------------------ record and read ----

  @Test
  @DisplayName("rule 2: a consent heard on a call is recorded with its proof and a signed receipt")
  void givenOnCallIsRecordedWithReceipt() {
    String purpose = newPurpose("tm", "TELEMARKETING");
    Response response = record(givenOnCall(randomPhone(), purpose));
    response
        .then()
        .statusCode(201)
        .body("id", notNullValue())
        .body("subjectRef", notNullValue())
        .body("purpose", equalTo(purpose))
        .body("state", equalTo("GIVEN"))
        .body("occurredAt", notNullValue())
        .body("receipt", matchesPattern(JWS));
    String receiptId = response.jsonPath().getString("receiptId");
    assertNotNull(receiptId);
    assertTrue(
        response.header("Location").endsWith("/v1/receipts/" + receiptId),
        "Location " + response.header("Location"));

    // The record as stored holds every rule-2 field.
    UUID id = UUID.fromString(response.jsonPath().getString("id"));
    assertEquals(
        1,
        count(
            db,
            "SELECT count(*) FROM consent_event WHERE id = ? AND state = 'GIVEN' AND channel ="
                + " 'CALL' AND collector_kind = 'AGENT' AND collector_id IS NOT NULL AND notice_id ="
                + " 'privacy-it@3' AND notice_hash ~ '^[0-9a-f]{64}$' AND recording_id LIKE '20261120-%'"
                + " AND recording_offset_ms = 41250 AND jurisdiction = 'IT' AND provenance_source ="
                + " 'OWN_COLLECTION' AND receipt_id = ?",
            id,
            UUID.fromString(receiptId)));
    assertEquals(1, count(db, "SELECT count(*) FROM receipt WHERE consent_event_id = ?", id));
    assertEquals(
        1,
        count(
            db,
            "SELECT count(*) FROM audit_entry WHERE action = 'consent.given' AND subject_ref = ?",
            response.jsonPath().getString("subjectRef")));
  }

  @Test
  @DisplayName("rule 2: the current state is derived from the events: GIVEN and valid")
  void stateAfterGivenIsValid() {
    String purpose = newPurpose("tm", "TELEMARKETING");
    Response recorded = record(givenOnCall(randomPhone(), purpose));
    UUID subject = UUID.fromString(recorded.jsonPath().getString("subjectRef"));

    JsonPath state = consentsOf(subject).then().statusCode(200).extract().jsonPath();
    assertEquals(subject.toString(), state.getString("subjectRef"));
    assertEquals(false, state.getBoolean("objectedToDirectMarketing"));
    Map<String, Object> status = statusOf(state, purpose);
    assertEquals("GIVEN", status.get("state"));
    assertEquals(true, status.get("valid"));
    assertEquals(false, status.get("blockedByObjection"));
    assertEquals(recorded.jsonPath().getString("id"), status.get("eventId"));
    assertEquals(recorded.jsonPath().getString("receiptId"), status.get("receiptId"));
    assertEquals(1, state.getList("history").size());
    // The history shows each record's ISO 27560 fields, grouped as a request gives them.
    assertEquals(recorded.jsonPath().getString("id"), state.getString("history[0].id"));
    assertEquals(purpose, state.getString("history[0].purpose"));
    assertEquals("CALL", state.getString("history[0].channel"));
    assertEquals("AGENT", state.getString("history[0].collectedBy.kind"));
    assertTrue(state.getString("history[0].collectedBy.agentId").contains("alice-agent"));
    assertEquals(NoticeServiceStub.NOTICE_ID, state.getString("history[0].notice.id"));
    assertEquals(41_250, state.getInt("history[0].evidence.offsetMs"));
    assertEquals("OWN_COLLECTION", state.getString("history[0].provenance.source"));
    assertEquals("IT", state.getString("history[0].jurisdiction"));
    assertEquals(
        recorded.jsonPath().getString("receiptId"), state.getString("history[0].receiptId"));

    // Every staff role that reads consent sees the same.
    for (String token : new String[] {supervisor(), dpo()}) {
      given()
          .header("Authorization", token)
          .get("/v1/subjects/" + subject + "/consents")
          .then()
          .statusCode(200)
          .body("purposes", hasSize(1));
    }
  }

  @Test
  void unknownSubjectAndBadInstantOnRead() {
    consentsOf(UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
    UUID subject = give(randomPhone(), newPurpose("tm", "TELEMARKETING"));
    given()
        .header("Authorization", agent())
        .queryParam("at", "yesterday")
        .get("/v1/subjects/" + subject + "/consents")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("errors.field", org.hamcrest.Matchers.hasItem("at"));
    // issue 14, item 3: an absurd instant is bad input too, never a state "as of" year 294277
    for (String absurd :
        List.of("+294277-01-01T00:00:00Z", "-1000000000-01-01T00:00:00Z", "0001-01-01T00:00:00Z")) {
      given()
          .header("Authorization", agent())
          .queryParam("at", absurd)
          .get("/v1/subjects/" + subject + "/consents")
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body("errors.field", org.hamcrest.Matchers.hasItem("at"));
    }
  }

  @Test
  @DisplayName("rule 3: a withdrawal takes effect at the instant it happened")
  void withdrawalTakesEffectAtOnce() {
    String purpose = newPurpose("tm", "TELEMARKETING");
    Instant givenAt = now().minusSeconds(600);
    Instant withdrawnAt = now().minusSeconds(300);
    Map<String, Object> give = givenOnCall(randomPhone(), purpose);
    give.put("occurredAt", givenAt.toString());
    UUID subject = UUID.fromString(record(give).jsonPath().getString("subjectRef"));

    Map<String, Object> withdraw = withdrawn(subject, purpose);
    withdraw.put("occurredAt", withdrawnAt.toString());
    // A withdrawal is as easy as consent: no notice, no evidence needed, even on a call.
    record(withdraw).then().body("state", equalTo("WITHDRAWN"));
    // Nor is a withdrawal refused for the notice it names, even one never published.
    Map<String, Object> withdrawNamingANotice = withdrawn(subject, purpose);
    withdrawNamingANotice.put("notice", Map.of("id", "old-notice@1", "hash", "0".repeat(64)));
    record(withdrawNamingANotice).then().body("state", equalTo("WITHDRAWN"));

    consentsOf(subject, givenAt.minusSeconds(1)).then().statusCode(200).body("purposes", empty());
    Map<String, Object> before =
        statusOf(consentsOf(subject, withdrawnAt.minusSeconds(1)).jsonPath(), purpose);
    assertEquals("GIVEN", before.get("state"));
    assertEquals(true, before.get("valid"));

    for (Instant at : new Instant[] {withdrawnAt, withdrawnAt.plusMillis(1), now()}) {
      Map<String, Object> after = statusOf(consentsOf(subject, at).jsonPath(), purpose);
      assertEquals("WITHDRAWN", after.get("state"), "at " + at);
      assertEquals(false, after.get("valid"), "at " + at);
    }
    Map<String, Object> current = statusOf(consentsOf(subject).jsonPath(), purpose);
    assertEquals("WITHDRAWN", current.get("state"));
    assertEquals(3, consentsOf(subject).jsonPath().getList("history").size());
  }

  @Test
  @DisplayName("rule 3: one call withdraws everything, one audit entry per purpose")
  void withdrawAllWithdrawsEveryGivenPurpose() {
    String phone = randomPhone();
    String tm = newPurpose("tm", "TELEMARKETING");
    String prof = newPurpose("prof", "PROFILING");
    String svc = newPurpose("svc", "SERVICE");
    String already = newPurpose("ttp", "THIRD_PARTY_TRANSFER");
    UUID subject = give(phone, tm);
    record(givenOnCall(subject, prof));
    record(givenOnCall(subject, svc));
    record(givenOnCall(subject, already));
    record(withdrawn(subject, already));
    String sql =
        "SELECT count(*) FROM audit_entry WHERE action = 'consent.withdrawn' AND subject_ref = ?";
    assertEquals(1, count(db, sql, subject.toString()));

    // Named by the phone number as the caller gives it, on a call, without evidence.
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("subject", subject(phone.replace(" ", "")));
    body.put("channel", "CALL");
    JsonPath answer =
        as(agent())
            .body(body)
            .post("/v1/consents/withdraw-all")
            .then()
            .statusCode(200)
            .body("subjectRef", equalTo(subject.toString()))
            .body("withdrawn", hasSize(3))
            .extract()
            .jsonPath();
    Set<String> purposes = new HashSet<>(answer.getList("withdrawn.purpose", String.class));
    assertEquals(Set.of(tm, prof, svc), purposes);
    assertEquals(List.of("WITHDRAWN", "WITHDRAWN", "WITHDRAWN"), answer.getList("withdrawn.state"));
    // At once: one instant for all of them.
    assertEquals(1, new HashSet<>(answer.getList("withdrawn.occurredAt")).size());
    answer.getList("withdrawn.receipt", String.class).forEach(r -> assertTrue(r.matches(JWS)));

    assertEquals(1 + 3, count(db, sql, subject.toString()));

    JsonPath state = consentsOf(subject).then().statusCode(200).extract().jsonPath();
    for (String purpose : List.of(tm, prof, svc, already)) {
      Map<String, Object> status = statusOf(state, purpose);
      assertEquals("WITHDRAWN", status.get("state"), purpose);
      assertEquals(false, status.get("valid"), purpose);
    }

    // Nothing left to withdraw: an empty answer, no new records.
    Map<String, Object> again = new LinkedHashMap<>();
    again.put("subjectRef", subject.toString());
    again.put("channel", "WEB");
    as(agent())
        .body(again)
        .post("/v1/consents/withdraw-all")
        .then()
        .statusCode(200)
        .body("withdrawn", empty());
    assertEquals(1 + 3, count(db, sql, subject.toString()));
  }

  @Test
  @DisplayName("rule 4: an objection blocks direct marketing at once, not service purposes")
  void objectionBlocksDirectMarketingOnly() {
    String tm = newPurpose("tm", "TELEMARKETING");
    String svc = newPurpose("svc", "SERVICE");
    Instant consentAt = now().minusSeconds(600);
    Instant objectedAt = now().minusSeconds(60);
    Map<String, Object> give = givenOnCall(randomPhone(), tm);
    give.put("occurredAt", consentAt.toString());
    UUID subject = UUID.fromString(record(give).jsonPath().getString("subjectRef"));
    Map<String, Object> service = givenOnCall(subject, svc);
    service.put("occurredAt", consentAt.toString());
    record(service);

    Map<String, Object> objection = new LinkedHashMap<>();
    objection.put("subjectRef", subject.toString());
    objection.put("channel", "CALLBACK");
    objection.put("occurredAt", objectedAt.toString());
    as(agent())
        .body(objection)
        .post("/v1/objections")
        .then()
        .statusCode(201)
        .body("subjectRef", equalTo(subject.toString()))
        .body("channel", equalTo("CALLBACK"));

    // The number is on the suppression list (by its blind index only).
    assertEquals(
        1,
        count(
            db,
            "SELECT count(*) FROM suppression s JOIN subject su ON su.phone_index = s.phone_index"
                + " WHERE su.ref = ? AND s.reason = 'OBJECTION' AND s.objected_at IS NOT NULL",
            subject));
    assertEquals(
        1,
        count(
            db,
            "SELECT count(*) FROM audit_entry WHERE action = 'objection.recorded' AND subject_ref"
                + " = ?",
            subject.toString()));
    given()
        .header("Authorization", supervisor())
        .get("/v1/subjects/" + subject + "/objections")
        .then()
        .statusCode(200)
        .body("", hasSize(1))
        .body("[0].channel", equalTo("CALLBACK"));

    JsonPath state = consentsOf(subject).then().statusCode(200).extract().jsonPath();
    assertEquals(true, state.getBoolean("objectedToDirectMarketing"));
    Map<String, Object> telemarketing = statusOf(state, tm);
    assertEquals("GIVEN", telemarketing.get("state"));
    assertEquals(false, telemarketing.get("valid"));
    assertEquals(true, telemarketing.get("blockedByObjection"));
    Map<String, Object> serviceStatus = statusOf(state, svc);
    assertEquals("GIVEN", serviceStatus.get("state"));
    assertEquals(true, serviceStatus.get("valid"));
    assertEquals(false, serviceStatus.get("blockedByObjection"));

    // At once: before the objection the consent was valid, from its instant it is not.
    JsonPath before = consentsOf(subject, objectedAt.minusSeconds(1)).jsonPath();
    assertEquals(false, before.getBoolean("objectedToDirectMarketing"));
    assertEquals(true, statusOf(before, tm).get("valid"));
    assertEquals(false, statusOf(consentsOf(subject, objectedAt).jsonPath(), tm).get("valid"));
  }

  @Test
  @DisplayName("rule 2: a consent past its expiry is EXPIRED, not valid, and not withdrawn again")
  void expiredConsentIsNotValid() {
    String purpose = newPurpose("tm", "TELEMARKETING");
    Instant givenAt = now().minusSeconds(600);
    Instant expiresAt = now().minusSeconds(60);
    Map<String, Object> give = givenOnCall(randomPhone(), purpose);
    give.put("occurredAt", givenAt.toString());
    give.put("expiresAt", expiresAt.toString());
    UUID subject = UUID.fromString(record(give).jsonPath().getString("subjectRef"));

    Map<String, Object> before =
        statusOf(
            consentsOf(subject, expiresAt.minusSeconds(1))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath(),
            purpose);
    assertEquals("GIVEN", before.get("state"));
    assertEquals(true, before.get("valid"));
    Map<String, Object> after = statusOf(consentsOf(subject).jsonPath(), purpose);
    assertEquals("EXPIRED", after.get("state"));
    assertEquals(false, after.get("valid"));

    as(agent())
        .body(Map.of("subjectRef", subject.toString(), "channel", "WEB"))
        .post("/v1/consents/withdraw-all")
        .then()
        .statusCode(200)
        .body("withdrawn", empty());
  }

  @Test
  @DisplayName("rule 3: withdraw-all by phone names the subject even when nothing is left to end")
  void withdrawAllNamesTheSubjectEvenWhenNothingIsLeft() {
    String phone = randomPhone();
    String purpose = newPurpose("tm", "TELEMARKETING");
    UUID subject = give(phone, purpose);
    record(withdrawn(subject, purpose));
    as(agent())
        .body(Map.of("subject", Map.of("phone", phone), "channel", "CALL"))
        .post("/v1/consents/withdraw-all")
        .then()
        .statusCode(200)
        .body("withdrawn", empty())
        .body("subjectRef", equalTo(subject.toString()));
  }

  @Test
  @DisplayName("two first consents of one new number at the same time make one subject, no 500")
  void concurrentFirstConsentsOfOneNumberMakeOneSubject() throws Exception {
    String phone = randomPhone();
    List<String> purposes = new java.util.ArrayList<>();
    for (int i = 0; i < 4; i++) {
      purposes.add(newPurpose("tm", "TELEMARKETING"));
    }
    String token = agent();
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(4);
    List<Response> responses = new java.util.ArrayList<>();
    try {
      List<java.util.concurrent.Future<Response>> futures = new java.util.ArrayList<>();
      for (String purpose : purposes) {
        futures.add(
            pool.submit(() -> as(token).body(givenOnCall(phone, purpose)).post("/v1/consents")));
      }
      for (java.util.concurrent.Future<Response> future : futures) {
        responses.add(future.get());
      }
    } finally {
      pool.shutdown();
    }
    Set<String> refs = new HashSet<>();
    List<String> statuses = new java.util.ArrayList<>();
    for (Response response : responses) {
      statuses.add(
          response.statusCode()
              + (response.statusCode() == 201 ? "" : " " + response.jsonPath().getString("type")));
      if (response.statusCode() == 201) {
        refs.add(response.jsonPath().getString("subjectRef"));
      }
    }
    for (Response response : responses) {
      assertEquals(201, response.statusCode(), "answers: " + statuses);
    }
    assertEquals(1, refs.size(), "subjects: " + refs);
  }

  // ------------------------------------------------------------------ receipts ----

  @Test
  @DisplayName("rule 2: the receipt verifies against the public JWKS and holds no phone number")
  void receiptVerifiesAgainstPublicJwks() throws Exception {
    String phone = randomPhone();
    String purpose = newPurpose("tm", "TELEMARKETING");
    Response recorded = record(givenOnCall(phone, purpose));
    String subjectRef = recorded.jsonPath().getString("subjectRef");
    String receiptId = recorded.jsonPath().getString("receiptId");
    String compact = recorded.jsonPath().getString("receipt");

    // Anyone may fetch the keys: no token.
    String jwks = given().get("/v1/receipts/jwks").then().statusCode(200).extract().asString();
    JWKSet keys = JWKSet.parse(jwks);
    assertFalse(keys.getKeys().isEmpty(), "JWKS has no keys");
    keys.getKeys().forEach(key -> assertFalse(key.isPrivate(), "JWKS exposes a private key"));

    JWSObject jws = JWSObject.parse(compact);
    assertEquals(JWSAlgorithm.ES256, jws.getHeader().getAlgorithm());
    JWK key = keys.getKeyByKeyId(jws.getHeader().getKeyID());
    assertNotNull(key, "no JWKS key with kid " + jws.getHeader().getKeyID());
    ECKey ec = key.toECKey();
    assertTrue(jws.verify(new ECDSAVerifier(ec)), "receipt signature does not verify");

    Map<String, Object> payload = jws.getPayload().toJSONObject();
    assertEquals("KI-CR-v1.1.0", payload.get("version"));
    assertEquals(subjectRef, payload.get("piiPrincipalId"));
    assertEquals(receiptId, payload.get("consentReceiptID"));
    String text = jws.getPayload().toString();
    String e164 = e164(phone);
    for (String form : List.of(phone, e164, e164.substring(1), e164.substring(3))) {
      assertFalse(text.contains(form), "receipt payload contains the phone number as " + form);
    }

    // A tampered payload does not verify.
    String[] parts = compact.split("\\.");
    String forged =
        parts[0]
            + "."
            + com.nimbusds.jose.util.Base64URL.encode(
                text.replace(subjectRef, UUID.randomUUID().toString()))
            + "."
            + parts[2];
    assertFalse(JWSObject.parse(forged).verify(new ECDSAVerifier(ec)));

    // The receipt is served by its id.
    as(agent())
        .get("/v1/receipts/" + receiptId)
        .then()
        .statusCode(200)
        .body("id", equalTo(receiptId))
        .body("consentEventId", equalTo(recorded.jsonPath().getString("id")))
        .body("subjectRef", equalTo(subjectRef))
        .body("issuedAt", notNullValue())
        .body("jws", equalTo(compact));
    given().get("/v1/receipts/" + receiptId).then().statusCode(401);
    as(agent()).get("/v1/receipts/" + UUID.randomUUID()).then().statusCode(404);
  }

  // ------------------------------------------------------------------ subject search ----

  @Test
  void subjectSearchFindsTheSameSubjectHoweverThePhoneIsWritten() {
    String local = ConsentFixtures.digits(7);
    String phone = "+39 347 " + local;
    UUID subject = give(phone, newPurpose("tm", "TELEMARKETING"));
    for (String written :
        List.of(
            phone,
            "+39347" + local,
            "0039 347 " + local,
            "0039347" + local,
            "347-" + local,
            "347 " + local.substring(0, 3) + " " + local.substring(3),
            "(347) " + local)) {
      as(agent())
          .body(Map.of("phone", written))
          .post("/v1/subjects/search")
          .then()
          .statusCode(200)
          .body("subjectRef", equalTo(subject.toString()));
    }
    // The same number registers no second subject.
    UUID again = give("0039 347 " + local, newPurpose("tm", "TELEMARKETING"));
    assertEquals(subject, again);
    assertEquals(2, count(db, "SELECT count(*) FROM consent_event WHERE subject_ref = ?", subject));

    as(agent())
        .body(Map.of("phone", randomPhone()))
        .post("/v1/subjects/search")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
  }

  @Test
  void subjectSearchByEmailAndCustomerId() {
    String email = "Search." + ConsentFixtures.suffix() + "@Example.org";
    String customerId = "CUST-" + ConsentFixtures.suffix();
    Map<String, Object> body = givenOnCall(randomPhone(), newPurpose("tm", "TELEMARKETING"));
    @SuppressWarnings("unchecked")
    Map<String, Object> subject = (Map<String, Object>) body.get("subject");
    subject.put("email", email);
    subject.put("customerId", customerId);
    String ref = record(body).jsonPath().getString("subjectRef");
    as(agent())
        .body(Map.of("email", "  " + email.toLowerCase() + " "))
        .post("/v1/subjects/search")
        .then()
        .statusCode(200)
        .body("subjectRef", equalTo(ref));
    as(agent())
        .body(Map.of("customerId", customerId))
        .post("/v1/subjects/search")
        .then()
        .statusCode(200)
        .body("subjectRef", equalTo(ref));
  }
}
