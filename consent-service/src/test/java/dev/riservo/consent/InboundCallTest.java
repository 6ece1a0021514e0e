package dev.riservo.consent;

import static dev.riservo.consent.ConsentFixtures.PROBLEM_JSON;
import static dev.riservo.consent.ConsentFixtures.agent;
import static dev.riservo.consent.ConsentFixtures.as;
import static dev.riservo.consent.ConsentFixtures.count;
import static dev.riservo.consent.ConsentFixtures.digits;
import static dev.riservo.consent.ConsentFixtures.newPurpose;
import static dev.riservo.consent.ConsentFixtures.supervisor;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riservo.identity.testing.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The callback line, POST /v1/inbound-calls (rules 4 and 7), against the real stack. */
@QuarkusTest
class InboundCallTest {

  private static final ZoneId ROME = ZoneId.of("Europe/Rome");

  @Inject AgroalDataSource db;

  private String cli;
  private String campaign;
  private Instant callAt;

  @BeforeEach
  void setUp() {
    cli = "0844" + digits(6);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", "Callback " + digits(4));
    body.put("purpose", newPurpose("cb", "TELEMARKETING"));
    body.put("cli", cli);
    body.put("automated", false);
    campaign =
        as(supervisor())
            .body(body)
            .post("/v1/campaigns")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath()
            .getString("id");
    callAt = ConsentFixtures.lastWorkingMorning();
    FixedClock.standAt(callAt); // an agent's dial check decides for the server's now
  }

  private void consult(String number) {
    given()
        .header("Authorization", supervisor())
        .contentType("text/csv")
        .queryParam("consultedOn", callAt.atZone(ROME).toLocalDate().minusDays(1).toString())
        .body("number,registered,registered_on,reallowed\n" + number + ",false,,false\n")
        .post("/v1/rpo/consultations")
        .then()
        .statusCode(201);
  }

  private JsonPath check(String number) {
    return as(agent())
        .body(Map.of("number", number, "campaign", campaign, "at", callAt.toString()))
        .post("/v1/dial-checks")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  /** A call received an hour before the dial checks' instant (they decide for a past call). */
  private Map<String, Object> call(String cli, String caller, Boolean objected) {
    Map<String, Object> body = new HashMap<>();
    body.put("receivedAt", callAt.minusSeconds(3600).toString());
    body.put("cli", cli);
    if (caller != null) {
      body.put("caller", caller);
    }
    if (objected != null) {
      body.put("objected", objected);
    }
    return body;
  }

  private long calls() {
    return count(db, "SELECT count(*) FROM inbound_call");
  }

  @Test
  @DisplayName("rules 4 and 7: an objection on the callback line is in force for the next check")
  void objectionAtOnce() {
    String number = "06" + digits(8);
    consult(number);
    assertEquals("ALLOW", check(number).getString("decision"));

    // Dialled back in international form, the caller's number written otherwise.
    JsonPath recorded =
        as(agent())
            .body(call("+39 " + cli, "+39 " + number, true))
            .post("/v1/inbound-calls")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    assertTrue(recorded.getBoolean("objected"));
    assertNotNull(recorded.getString("objectionId"));
    assertEquals(List.of(campaign), recorded.getList("campaigns"));
    String subjectRef = recorded.getString("subjectRef");

    JsonPath after = check(number);
    assertEquals("DENY", after.getString("decision"));
    assertEquals(List.of("OBJECTED"), after.getList("reasons"));
    as(agent())
        .get("/v1/subjects/" + subjectRef + "/objections")
        .then()
        .statusCode(200)
        .body("channel", hasItem("CALLBACK"));
  }

  @Test
  @DisplayName("rule 7: a call without objection is recorded with the caller as a blind index only")
  void callWithoutObjection() {
    String number = "06" + digits(8);
    long objections = count(db, "SELECT count(*) FROM objection");
    JsonPath recorded =
        as(agent())
            .body(call(cli, number, false))
            .post("/v1/inbound-calls")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    assertFalse(recorded.getBoolean("objected"));
    assertNull(recorded.getString("objectionId"));
    assertEquals(objections, count(db, "SELECT count(*) FROM objection"));
    UUID id = UUID.fromString(recorded.getString("id"));
    assertEquals(
        1,
        count(
            db, "SELECT count(*) FROM inbound_call WHERE id = ? AND caller_index IS NOT NULL", id));
    assertEquals(
        0,
        count(
            db,
            "SELECT count(*) FROM inbound_call WHERE caller_index LIKE ? OR cli LIKE ?",
            "%" + number.substring(2) + "%",
            "%" + number.substring(2) + "%"));
    // A withheld caller may call too, as long as they do not object.
    as(agent()).body(call(cli, null, false)).post("/v1/inbound-calls").then().statusCode(201);
  }

  @Test
  @DisplayName("bad input gets a problem naming the field, and stores nothing")
  void badInput() {
    long before = calls();
    long objections = count(db, "SELECT count(*) FROM objection");
    String number = "06" + digits(8);
    as(agent())
        .body(call("not a number", number, true))
        .post("/v1/inbound-calls")
        .then()
        .statusCode(400)
        .contentType(PROBLEM_JSON)
        .body("errors[0].field", equalTo("cli"));
    as(agent())
        .body(call(cli, null, true))
        .post("/v1/inbound-calls")
        .then()
        .statusCode(422)
        .contentType(PROBLEM_JSON)
        .body("errors[0].field", equalTo("caller"));
    as(agent())
        .body(call(cli, "12-not-a-phone", false))
        .post("/v1/inbound-calls")
        .then()
        .statusCode(400)
        .contentType(PROBLEM_JSON)
        .body("errors[0].field", equalTo("caller"));
    as(agent())
        .body(call(cli, number, null))
        .post("/v1/inbound-calls")
        .then()
        .statusCode(400)
        .contentType(PROBLEM_JSON);
    given()
        .contentType("application/json")
        .body(call(cli, number, true))
        .post("/v1/inbound-calls")
        .then()
        .statusCode(401);
    as(supervisor()).body(call(cli, number, true)).post("/v1/inbound-calls").then().statusCode(403);
    assertEquals(before, calls());
    assertEquals(objections, count(db, "SELECT count(*) FROM objection"));
  }

  @Test
  @DisplayName(
      "rule 4: an objection on a caller id no campaign presents any more is still recorded")
  void objectionOnAnUnknownCallerId() {
    String number = "06" + digits(8);
    JsonPath recorded =
        as(agent())
            .body(call("0844" + digits(6) + "9", number, true))
            .post("/v1/inbound-calls")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    assertEquals(List.of(), recorded.getList("campaigns"));
    assertTrue(recorded.getBoolean("objected"));
    assertNotNull(recorded.getString("objectionId"));
  }

  @Test
  @DisplayName("the telephony system (role service) reports calls too; a retry records nothing new")
  void idempotentFromTheIvr() {
    String number = "06" + digits(8);
    String key = UUID.randomUUID().toString();
    Map<String, Object> body = call(cli, number, true);
    body.put("collectedBy", "SUBJECT");
    String ivr = TestTokens.bearer("service-account-telephony", "service");
    long before = calls();
    String first =
        as(ivr)
            .header("Idempotency-Key", key)
            .body(body)
            .post("/v1/inbound-calls")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath()
            .getString("id");
    as(ivr)
        .header("Idempotency-Key", key)
        .body(body)
        .post("/v1/inbound-calls")
        .then()
        .statusCode(201)
        .header("Idempotent-Replayed", "true")
        .body("id", equalTo(first));
    assertEquals(before + 1, calls());
  }

  @Test
  @DisplayName("erasure unlinks the callback-line calls from the number; the objection survives")
  void erasure() {
    String number = "06" + digits(8);
    consult(number);
    JsonPath recorded =
        as(agent())
            .body(call(cli, number, true))
            .post("/v1/inbound-calls")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    UUID id = UUID.fromString(recorded.getString("id"));
    // The access export lists the calls received from the person's number (rule 9).
    given()
        .header(
            "Authorization", TestTokens.bearer("service-account-subject-rights-service", "service"))
        .get("/internal/subject-data/" + recorded.getString("subjectRef"))
        .then()
        .statusCode(200)
        .body("callbackCalls.size()", equalTo(1))
        .body("callbackCalls[0].objected", equalTo(true))
        .body("callbackCalls[0].calledNumber", equalTo("+39" + cli));
    given()
        .header(
            "Authorization", TestTokens.bearer("service-account-subject-rights-service", "service"))
        .delete("/internal/subject-data/" + recorded.getString("subjectRef"))
        .then()
        .statusCode(200)
        .body("erased.'callback-line calls'", equalTo(1));
    assertEquals(
        0,
        count(db, "SELECT count(*) FROM inbound_call WHERE id = ?", id),
        "issue 14 item 6: nothing of the call is kept but the suppression fact");
    JsonPath after = check(number);
    assertEquals("DENY", after.getString("decision"));
    assertEquals(List.of("OBJECTED"), after.getList("reasons"));
  }
}
