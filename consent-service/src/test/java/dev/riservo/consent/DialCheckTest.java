package dev.riservo.consent;

import static dev.riservo.consent.ConsentFixtures.agent;
import static dev.riservo.consent.ConsentFixtures.as;
import static dev.riservo.consent.ConsentFixtures.count;
import static dev.riservo.consent.ConsentFixtures.digits;
import static dev.riservo.consent.ConsentFixtures.givenOnCall;
import static dev.riservo.consent.ConsentFixtures.newPurpose;
import static dev.riservo.consent.ConsentFixtures.record;
import static dev.riservo.consent.ConsentFixtures.supervisor;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** POST /v1/dial-checks through the real stack: campaign, register, consents, objections, cap. */
@QuarkusTest
class DialCheckTest {

  private static final ZoneId ROME = ZoneId.of("Europe/Rome");

  @Inject AgroalDataSource db;

  @Inject dev.riservo.consent.dialcheck.service.DialLedger ledger;

  @Inject dev.riservo.encryption.FieldEncryption encryption;

  private String purpose;
  private Instant callAt;

  @BeforeEach
  void setUp() {
    purpose = newPurpose("tm", "TELEMARKETING");
    callAt = ConsentFixtures.lastWorkingMorning();
    FixedClock.standAt(callAt); // an agent's dial check decides for the server's now
  }

  private String campaign(int capCalls, boolean automated) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", "Autumn offers " + digits(4));
    body.put("purpose", purpose);
    body.put("cli", "0844 123456");
    body.put("automated", automated);
    body.put("frequencyCap", Map.of("calls", capCalls, "period", "P30D"));
    return as(supervisor())
        .body(body)
        .post("/v1/campaigns")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath()
        .getString("id");
  }

  /** Imports a consultation made the day before the call. */
  private void consult(String number, boolean registered, String registeredOn) {
    LocalDate consulted = callAt.atZone(ROME).toLocalDate().minusDays(1);
    given()
        .header("Authorization", supervisor())
        .contentType("text/csv")
        .queryParam("consultedOn", consulted.toString())
        .body(
            "number,registered,registered_on,reallowed\n"
                + number
                + ","
                + registered
                + ","
                + registeredOn
                + ",false\n")
        .post("/v1/rpo/consultations")
        .then()
        .statusCode(201);
  }

  private JsonPath check(String number, String campaign) {
    return as(agent())
        .body(Map.of("number", number, "campaign", campaign, "at", callAt.toString()))
        .post("/v1/dial-checks")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private static String landline() {
    return "06" + digits(8);
  }

  @Test
  @DisplayName("rules 5-8: a listed, unregistered number freshly consulted may be called")
  void allowed() {
    String number = landline();
    consult(number, false, "");
    JsonPath decision = check(number, campaign(3, false));
    assertEquals("ALLOW", decision.getString("decision"));
    assertEquals(List.of(), decision.getList("reasons"));
  }

  @Test
  @DisplayName("rule 8: allowed checks count toward the cap, whichever way the number is written")
  void frequencyCapAcrossFormats() {
    String number = landline();
    consult(number, false, "");
    String campaign = campaign(2, false);
    assertEquals("ALLOW", check("+39 " + number, campaign).getString("decision"));
    assertEquals("ALLOW", check("0039" + number, campaign).getString("decision"));
    JsonPath third = check(number.substring(0, 2) + "-" + number.substring(2), campaign);
    assertEquals("DENY", third.getString("decision"));
    assertEquals(List.of("FREQUENCY_CAP_REACHED"), third.getList("reasons"));
    // Evidence for each check, by blind index only (written in the background: flushed here).
    ledger.flush();
    assertEquals(
        3,
        count(
            db,
            "SELECT count(*) FROM dial_check WHERE campaign_id = ?",
            UUID.fromString(campaign)));
    assertEquals(
        0,
        count(
            db,
            "SELECT count(*) FROM dial_check WHERE facts LIKE ? OR phone_index LIKE ?",
            "%" + number.substring(2) + "%",
            "%" + number.substring(2) + "%"));
  }

  @Test
  @DisplayName("rule 5: a consent given before the registration is void after it")
  void consentBeforeRegistration() {
    String number = landline();
    Map<String, Object> consent = givenOnCall("+39" + number, purpose);
    consent.put("occurredAt", "2024-01-10T10:00:00Z");
    record(consent);
    consult(number, true, "2025-06-01");
    JsonPath decision = check(number, campaign(3, false));
    assertEquals("DENY", decision.getString("decision"));
    assertEquals(List.of("CONSENT_BEFORE_RPO_REGISTRATION"), decision.getList("reasons"));
  }

  @Test
  @DisplayName("rule 5: a consent given after the registration holds")
  void consentAfterRegistration() {
    String number = landline();
    Map<String, Object> consent = givenOnCall("+39" + number, purpose);
    consent.put("occurredAt", "2025-07-01T10:00:00Z");
    record(consent);
    consult(number, true, "2025-06-01");
    assertEquals("ALLOW", check(number, campaign(3, false)).getString("decision"));
  }

  @Test
  @DisplayName("rule 4: an objection stops the call, whatever the consent")
  void objection() {
    String number = landline();
    Map<String, Object> consent = givenOnCall("+39" + number, purpose);
    consent.put("occurredAt", "2025-07-01T10:00:00Z");
    UUID subject = UUID.fromString(record(consent).jsonPath().getString("subjectRef"));
    as(agent())
        .body(
            Map.of(
                "subjectRef",
                subject.toString(),
                "channel",
                "CALL",
                "occurredAt",
                "2025-08-01T10:00:00Z"))
        .post("/v1/objections")
        .then()
        .statusCode(201);
    consult(number, false, "");
    JsonPath decision = check(number, campaign(3, false));
    assertEquals(List.of("OBJECTED"), decision.getList("reasons"));
  }

  @Test
  @DisplayName(
      "rule 4: an erased person's number stays on the suppression list and is never called again")
  void erasedNumberIsSuppressed() throws InterruptedException {
    String number = landline();
    Map<String, Object> consent = givenOnCall("+39" + number, purpose);
    consent.put("occurredAt", "2025-07-01T10:00:00Z");
    UUID subject = UUID.fromString(record(consent).jsonPath().getString("subjectRef"));
    consult(number, false, "");
    String campaign = campaign(100, false);
    assertEquals("ALLOW", check(number, campaign).getString("decision"));
    given()
        .header(
            "Authorization",
            dev.riservo.identity.testing.TestTokens.bearer("rights-service", "service"))
        .delete("/internal/subject-data/" + subject)
        .then()
        .statusCode(200);
    // The directory hears of the erasure through PostgreSQL's notification, milliseconds later.
    JsonPath decision = check(number, campaign);
    for (int i = 0; i < 50 && decision.getList("reasons").isEmpty(); i++) {
      Thread.sleep(20);
      decision = check(number, campaign);
    }
    assertEquals(List.of("OBJECTED"), decision.getList("reasons"));
  }

  @Test
  @DisplayName("rules 5 and 6: a mobile never consulted and without consent may not be called")
  void unlistedMobileWithoutConsent() {
    JsonPath decision = check("+39 347 " + digits(7), campaign(3, true));
    assertEquals(
        List.of(
            "NO_VALID_RPO_CONSULTATION", "UNLISTED_WITHOUT_CONSENT", "AUTOMATED_WITHOUT_CONSENT"),
        decision.getList("reasons"));
  }

  @Test
  @DisplayName("rule 8: the cap holds when twenty checks of one number arrive at once")
  void capUnderConcurrency() throws Exception {
    String number = landline();
    consult(number, false, "");
    String campaign = campaign(5, false);
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      List<java.util.concurrent.Future<String>> answers = new java.util.ArrayList<>();
      for (int i = 0; i < 20; i++) {
        answers.add(pool.submit(() -> check(number, campaign).getString("decision")));
      }
      long allowed = 0;
      for (java.util.concurrent.Future<String> answer : answers) {
        allowed += answer.get().equals("ALLOW") ? 1 : 0;
      }
      assertEquals(5, allowed);
    } finally {
      pool.shutdown();
    }
  }

  @Test
  @DisplayName("rule 8: allowed calls are counted again after a restart, from the evidence")
  void capSurvivesARestart() throws Exception {
    String number = landline();
    consult(number, false, "");
    String campaign = campaign(1, false);
    assertEquals("ALLOW", check(number, campaign).getString("decision"));
    ledger.flush();
    ledger.forgetAll(); // a replica that has just started holds nothing...
    ledger.load(); // ...and rebuilds its counts from the evidence
    assertEquals(List.of("FREQUENCY_CAP_REACHED"), check(number, campaign).getList("reasons"));
  }

  @Test
  @DisplayName(
      "rule 8: a reload (listener reconnect) adds to the counts, never counting a call twice")
  void reloadKeepsCounts() throws Exception {
    String number = landline();
    consult(number, false, "");
    String campaign = campaign(2, false);
    assertEquals("ALLOW", check(number, campaign).getString("decision"));
    ledger.load(); // at once: the evidence of that call may not be written yet
    ledger.flush();
    ledger.load(); // written now: read back, and still one call
    assertEquals("ALLOW", check(number, campaign).getString("decision"));
    assertEquals(List.of("FREQUENCY_CAP_REACHED"), check(number, campaign).getList("reasons"));
  }

  @Test
  @DisplayName("rule 8: a call another replica allowed counts here too")
  void otherReplicasCallsCount() throws Exception {
    String number = landline();
    consult(number, false, "");
    String campaign = campaign(1, false);
    String index = encryption.phoneIndex(number);
    try (java.sql.Connection c = db.getConnection();
        java.sql.PreparedStatement notify = c.prepareStatement("SELECT pg_notify(?, ?)")) {
      notify.setString(1, dev.riservo.consent.dialcheck.service.DialLedger.CHANNEL);
      notify.setString(
          2,
          "another-replica:"
              + campaign
              + ":"
              + index
              + ":"
              + callAt.minusSeconds(60).toEpochMilli());
      notify.execute();
    }
    Thread.sleep(500); // the notification arrives within milliseconds
    // The very first check here is refused: the one allowed call was the other replica's.
    assertEquals(List.of("FREQUENCY_CAP_REACHED"), check(number, campaign).getList("reasons"));
  }

  @Test
  void badInputIsAProblemAndKeepsNothing() {
    String campaign = campaign(3, false);
    ledger.flush();
    long before = count(db, "SELECT count(*) FROM dial_check");
    as(agent())
        .body(Map.of("number", "not a number", "campaign", campaign))
        .post("/v1/dial-checks")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
    as(agent())
        .body(Map.of("number", landline(), "campaign", UUID.randomUUID().toString()))
        .post("/v1/dial-checks")
        .then()
        .statusCode(422);
    as(agent())
        .body(Map.of("number", landline(), "campaign", campaign, "at", "2150-01-01T10:00:00Z"))
        .post("/v1/dial-checks")
        .then()
        .statusCode(403)
        .contentType("application/problem+json");
    as(supervisor())
        .body(Map.of("number", landline(), "campaign", campaign, "at", "2150-01-01T10:00:00Z"))
        .post("/v1/dial-checks/hypothetical")
        .then()
        .statusCode(422)
        .contentType("application/problem+json");
    as(supervisor())
        .body(Map.of("number", landline(), "campaign", campaign))
        .post("/v1/dial-checks/hypothetical")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
    as(supervisor())
        .body(Map.of("number", landline(), "campaign", campaign))
        .post("/v1/dial-checks")
        .then()
        .statusCode(403);
    ledger.flush();
    assertEquals(before, count(db, "SELECT count(*) FROM dial_check"));
  }

  // ------------------------------------------------------------------ rule 8: now, or a question
  // ----

  private static Instant romeTime(String localDateTime) {
    return java.time.LocalDateTime.parse(localDateTime).atZone(ROME).toInstant();
  }

  @Test
  @DisplayName(
      "rule 8: an agent's dial check decides for now; an agent calling on a Sunday cannot ask"
          + " about last Friday (403, nothing kept, nothing counted)")
  void agentChecksDecideForNow() {
    String number = landline();
    String campaign = campaign(1, false);
    Instant friday = romeTime("2026-11-27T11:00:00");
    Instant sunday = romeTime("2026-11-29T11:00:00");
    FixedClock.standAt(sunday);
    ledger.flush();
    long before = count(db, "SELECT count(*) FROM dial_check");

    as(agent())
        .body(Map.of("number", number, "campaign", campaign, "at", friday.toString()))
        .post("/v1/dial-checks")
        .then()
        .statusCode(403)
        .contentType("application/problem+json")
        .body("type", org.hamcrest.Matchers.endsWith("instant-not-allowed"))
        .body("errors[0].field", org.hamcrest.Matchers.equalTo("at"));
    ledger.flush();
    assertEquals(before, count(db, "SELECT count(*) FROM dial_check"), "nothing kept");

    // Left out, or sent as now: decided for now, a Sunday.
    JsonPath now =
        as(agent())
            .body(Map.of("number", number, "campaign", campaign))
            .post("/v1/dial-checks")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertEquals(sunday.toString(), now.getString("at"));
    assertEquals(false, now.getBoolean("hypothetical"));
    assertEquals(true, now.getList("reasons").contains("OUTSIDE_CALLING_HOURS"));
    JsonPath sentAsNow =
        as(agent())
            .body(Map.of("number", number, "campaign", campaign, "at", sunday.toString()))
            .post("/v1/dial-checks")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertEquals(true, sentAsNow.getList("reasons").contains("OUTSIDE_CALLING_HOURS"));
    // The agent may not ask the question either.
    as(agent())
        .body(Map.of("number", number, "campaign", campaign, "at", friday.toString()))
        .post("/v1/dial-checks/hypothetical")
        .then()
        .statusCode(403)
        .contentType("application/problem+json");
  }

  @Test
  @DisplayName(
      "rule 8: a supervisor's or the DPO's check about another instant is marked hypothetical,"
          + " never counts toward the cap and is no call's evidence")
  void hypotheticalChecksNeverCount() throws Exception {
    String number = landline();
    consult(number, false, "");
    String campaign = campaign(1, false);
    ledger.flush();
    long calls = count(db, "SELECT count(*) FROM dial_check WHERE NOT hypothetical");

    for (String token : List.of(supervisor(), ConsentFixtures.dpo(), supervisor())) {
      JsonPath asked =
          as(token)
              .body(Map.of("number", number, "campaign", campaign, "at", callAt.toString()))
              .post("/v1/dial-checks/hypothetical")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      assertEquals("ALLOW", asked.getString("decision"));
      assertEquals(true, asked.getBoolean("hypothetical"));
      assertEquals(callAt.toString(), asked.getString("at"));
    }
    // The cap of one call is still free for the call itself, and then spent.
    assertEquals("ALLOW", check(number, campaign).getString("decision"));
    assertEquals(List.of("FREQUENCY_CAP_REACHED"), check(number, campaign).getList("reasons"));
    // A question after the call sees the call, and still counts nothing.
    JsonPath after =
        as(supervisor())
            .body(Map.of("number", number, "campaign", campaign, "at", callAt.toString()))
            .post("/v1/dial-checks/hypothetical")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertEquals(List.of("FREQUENCY_CAP_REACHED"), after.getList("reasons"));

    ledger.flush();
    assertEquals(
        4,
        count(
            db,
            "SELECT count(*) FROM dial_check WHERE campaign_id = ? AND hypothetical",
            UUID.fromString(campaign)),
        "every question kept, marked");
    assertEquals(
        calls + 2,
        count(db, "SELECT count(*) FROM dial_check WHERE NOT hypothetical"),
        "only the calls are evidence of calls");

    // A replica that starts afresh reads back calls, not questions.
    String asked = landline();
    consult(asked, false, "");
    as(ConsentFixtures.dpo())
        .body(Map.of("number", asked, "campaign", campaign, "at", callAt.toString()))
        .post("/v1/dial-checks/hypothetical")
        .then()
        .statusCode(200);
    ledger.flush();
    ledger.forgetAll();
    ledger.load();
    assertEquals("ALLOW", check(asked, campaign).getString("decision"));
    assertEquals(List.of("FREQUENCY_CAP_REACHED"), check(number, campaign).getList("reasons"));
  }

  @Test
  @DisplayName(
      "rule 6: an automated campaign is refused on a consent given for calls by a person, and"
          + " allowed on one that covers automated calls")
  void automatedCallsNeedAConsentThatCoversThem() {
    String mobile = "+39 347 " + digits(7);
    Map<String, Object> consent = givenOnCall(mobile, purpose);
    consent.put("occurredAt", "2025-07-01T10:00:00Z");
    record(consent).then().body("means", org.hamcrest.Matchers.equalTo("PERSON"));
    consult(mobile.replace(" ", ""), false, "");
    String automated = campaign(10, true);
    String byAgents = campaign(10, false);

    // A consent for calls by a person is no consent to an automated call (rule 6, twice over).
    assertEquals(
        List.of("UNLISTED_WITHOUT_CONSENT", "AUTOMATED_WITHOUT_CONSENT"),
        check(mobile, automated).getList("reasons"));
    assertEquals("ALLOW", check(mobile, byAgents).getString("decision"));

    Map<String, Object> both = givenOnCall(mobile, purpose);
    both.put("occurredAt", "2025-08-01T10:00:00Z");
    both.put("means", "PERSON_AND_AUTOMATED");
    record(both).then().body("means", org.hamcrest.Matchers.equalTo("PERSON_AND_AUTOMATED"));
    assertEquals("ALLOW", check(mobile, automated).getString("decision"));
  }
}
