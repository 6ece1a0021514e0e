package dev.riservo.consent;

import static dev.riservo.consent.ConsentFixtures.PROBLEM_JSON;
import static dev.riservo.consent.ConsentFixtures.agent;
import static dev.riservo.consent.ConsentFixtures.as;
import static dev.riservo.consent.ConsentFixtures.count;
import static dev.riservo.consent.ConsentFixtures.digits;
import static dev.riservo.consent.ConsentFixtures.dpo;
import static dev.riservo.consent.ConsentFixtures.give;
import static dev.riservo.consent.ConsentFixtures.newPurpose;
import static dev.riservo.consent.ConsentFixtures.record;
import static dev.riservo.consent.ConsentFixtures.supervisor;
import static dev.riservo.consent.ConsentFixtures.texts;
import static dev.riservo.consent.ConsentFixtures.withdrawn;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.riservo.consent.dialcheck.service.NumberDirectory;
import dev.riservo.consent.scrubs.service.HeldResultWithdrawals;
import dev.riservo.encryption.FieldEncryption;
import dev.riservo.identity.testing.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * POST /v1/list-scrubs through the real stack: a CSV of numbers judged against a campaign in bulk
 * (register, consents, objections, cap; no calling hours), its progress, its sealed result, its
 * deletion, its idempotency.
 */
@QuarkusTest
class ListScrubTest {

  private static final ZoneId ROME = ZoneId.of("Europe/Rome");
  private static final String HEADER = "number,decision,reasons";

  @Inject AgroalDataSource db;

  @Inject NumberDirectory directory;

  @Inject FieldEncryption encryption;

  @Inject HeldResultWithdrawals withdrawals;

  private String purpose;
  private Instant callAt;

  @BeforeEach
  void setUp() {
    purpose = newPurpose("tm", "TELEMARKETING");
    callAt = ConsentFixtures.lastWorkingMorning();
    FixedClock.standAt(callAt); // an agent's dial check decides for the server's now
  }

  // ------------------------------------------------------------------ helpers ----

  private static Map<String, Object> campaignBody(String purpose, int capCalls) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", "Scrubbed list " + digits(4));
    body.put("purpose", purpose);
    body.put("cli", "0844 123456");
    body.put("automated", false);
    body.put("frequencyCap", Map.of("calls", capCalls, "period", "P30D"));
    return body;
  }

  private static String createCampaign(Map<String, Object> body) {
    return as(supervisor())
        .body(body)
        .post("/v1/campaigns")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath()
        .getString("id");
  }

  private String campaign(int capCalls) {
    return createCampaign(campaignBody(purpose, capCalls));
  }

  /**
   * Imports one consultation, made the day before the last working morning (valid for a call then
   * and for a scrub now), of {@code number,registered,registered_on} lines.
   */
  private void consult(String... lines) {
    LocalDate consulted = callAt.atZone(ROME).toLocalDate().minusDays(1);
    StringBuilder csv = new StringBuilder("number,registered,registered_on,reallowed\n");
    for (String line : lines) {
      csv.append(line).append(",false\n");
    }
    given()
        .header("Authorization", supervisor())
        .contentType("text/csv")
        .queryParam("consultedOn", consulted.toString())
        .body(csv.toString())
        .post("/v1/rpo/consultations")
        .then()
        .statusCode(201)
        .body("rejected", equalTo(0));
  }

  private static String unregistered(String number) {
    return number + ",false,";
  }

  private static String registered(String number) {
    return number + ",true,2025-06-01";
  }

  /** A Rome landline in national form: a listed fixed line. */
  private static String landline() {
    return "06" + digits(8);
  }

  /** An Italian mobile without prefix: unlisted. */
  private static String mobile() {
    return "347" + digits(7);
  }

  /**
   * Waits until the number directory (kept current by PostgreSQL notifications) knows the subject
   * holding the number, so a scrub right after sees it.
   */
  private void awaitSubject(String phone, UUID subject) throws InterruptedException {
    List<String> indexes = encryption.phoneIndexes(phone);
    for (int i = 0; i < 250 && !subject.equals(directory.subject(indexes)); i++) {
      Thread.sleep(20);
    }
    assertEquals(subject, directory.subject(indexes), "the directory knows the subject");
  }

  private UUID giveAndAwait(String phone, String purposeCode) throws InterruptedException {
    UUID subject = give(phone, purposeCode);
    awaitSubject(phone, subject);
    return subject;
  }

  private static void object(UUID subject) {
    as(agent())
        .body(Map.of("subjectRef", subject.toString(), "channel", "CALL"))
        .post("/v1/objections")
        .then()
        .statusCode(201);
  }

  private static RequestSpecification scrubRequest(String bearer) {
    RequestSpecification request = given().contentType("text/csv");
    return bearer == null ? request : request.header("Authorization", bearer);
  }

  @Test
  @DisplayName("a line without end is refused (400) before it fills the memory; nothing is kept")
  void aLineWithoutEndIsRefused() {
    String number = landline();
    upload(campaign(3), number + "\n" + number + "9".repeat(100_000))
        .then()
        .statusCode(400)
        .contentType(PROBLEM_JSON)
        .body("detail", containsString("line 2"))
        .body("detail", not(containsString(number)));
  }

  private static Response upload(String campaign, String csv) {
    return scrubRequest(supervisor())
        .queryParam("campaign", campaign)
        .body(csv)
        .post("/v1/list-scrubs");
  }

  private static Response upload(String campaign, String csv, String idempotencyKey) {
    return scrubRequest(supervisor())
        .header("Idempotency-Key", idempotencyKey)
        .queryParam("campaign", campaign)
        .body(csv)
        .post("/v1/list-scrubs");
  }

  /** Uploads a list that must be accepted; returns the scrub's id. */
  private static String accepted(String campaign, String csv) {
    Response response = upload(campaign, csv);
    response
        .then()
        .statusCode(202)
        .contentType("application/json")
        .header("Location", containsString("/v1/list-scrubs/"));
    String id = response.jsonPath().getString("id");
    assertNotNull(id);
    assertTrue(response.header("Location").endsWith("/v1/list-scrubs/" + id));
    return id;
  }

  private static Response progress(String id) {
    return given().header("Authorization", supervisor()).get("/v1/list-scrubs/" + id);
  }

  /** Polls the scrub every 100 ms, for up to 20 s, until it is no longer RUNNING; must be DONE. */
  private static JsonPath awaitDone(String id) throws InterruptedException {
    JsonPath scrub = awaitFinished(id);
    assertEquals("DONE", scrub.getString("status"), () -> "the scrub ended " + scrub.prettify());
    return scrub;
  }

  private static JsonPath awaitFinished(String id) throws InterruptedException {
    long deadline = System.nanoTime() + 20_000_000_000L;
    while (true) {
      JsonPath scrub = progress(id).then().statusCode(200).extract().jsonPath();
      if (!"RUNNING".equals(scrub.getString("status"))) {
        return scrub;
      }
      if (System.nanoTime() > deadline) {
        fail("the scrub " + id + " still runs after 20 s: " + scrub.prettify());
      }
      Thread.sleep(100);
    }
  }

  /** The result's lines, header first; a result never holds a calling-hours reason. */
  private static List<String> result(String id) {
    Response response =
        given().header("Authorization", supervisor()).get("/v1/list-scrubs/" + id + "/result");
    response
        .then()
        .statusCode(200)
        .contentType(containsString("text/csv"))
        .header("Cache-Control", containsString("no-store"));
    String body = response.asString();
    assertFalse(body.contains("OUTSIDE_CALLING_HOURS"), "a scrub is never denied for the hour");
    assertTrue(body.endsWith("\n"), "the result ends with a line break");
    return Arrays.asList(body.substring(0, body.length() - 1).split("\n", -1));
  }

  private static List<Object> invalidLineNumbers(JsonPath scrub) {
    return scrub.getList("invalidLines.line");
  }

  private static Map<String, Integer> reasons(JsonPath scrub) {
    Map<String, Integer> reasons = scrub.getMap("reasons");
    assertFalse(reasons.containsKey("OUTSIDE_CALLING_HOURS"), "no calling-hours reason");
    return reasons;
  }

  // ------------------------------------------------------------------ tests ----

  @Test
  @DisplayName(
      "rules 4-6: a telemarketing list is judged number by number, in input order; an invalid"
          + " line is listed by its line number only")
  void telemarketingList() throws InterruptedException {
    String registered = landline();
    String objected = landline();
    String listed = landline();
    String unlistedMobile = "+39 " + mobile().substring(0, 3) + " " + digits(7);
    String consentingMobile = mobile();
    String invalid = "not-a-number-" + digits(4);
    consult(
        registered(registered),
        unregistered(objected),
        unregistered(listed),
        unregistered(unlistedMobile),
        unregistered(consentingMobile));
    giveAndAwait("+39" + consentingMobile, purpose);
    UUID objector = giveAndAwait("+39" + objected, purpose);
    object(objector);
    String campaign = campaign(3);

    String listedAsSent = "+39 " + listed;
    String csv =
        registered
            + "\n"
            + objected
            + "\n"
            + listedAsSent
            + "\n"
            + unlistedMobile
            + "\n"
            + consentingMobile
            + "\n"
            + invalid
            + "\n";
    Response answer = upload(campaign, csv);
    answer.then().statusCode(202).body("campaign", equalTo(campaign));
    assertFalse(answer.asString().contains(invalid), "the answer never repeats a line");
    String id = answer.jsonPath().getString("id");
    JsonPath scrub = awaitDone(id);

    assertEquals(6, scrub.getLong("linesRead"));
    assertEquals(5, scrub.getLong("numbersDecided"));
    assertEquals(2, scrub.getLong("allowed"));
    assertEquals(3, scrub.getLong("denied"));
    assertEquals(1, scrub.getLong("invalid"));
    assertEquals(0, scrub.getLong("withheld"));
    assertFalse(scrub.getBoolean("transferOnly"));
    assertEquals(purpose, scrub.getString("purpose"));
    assertNotNull(scrub.getString("finishedAt"));
    assertEquals(
        Map.of("RPO_REGISTERED_WITHOUT_CONSENT", 1, "OBJECTED", 1, "UNLISTED_WITHOUT_CONSENT", 1),
        reasons(scrub));
    List<Map<String, Object>> invalidLines = scrub.getList("invalidLines");
    assertEquals(1, invalidLines.size());
    assertEquals(6, invalidLines.get(0).get("line"));
    assertEquals(Map.of("line", 6, "reason", "not a valid phone number"), invalidLines.get(0));
    String json = progress(id).asString();
    assertFalse(json.contains(invalid), "the scrub never repeats an invalid line");
    assertFalse(json.contains("not-a-number"), "the scrub never repeats an invalid line");
    for (String number : List.of(registered, objected, listed, consentingMobile)) {
      assertFalse(json.contains(number), "the scrub's JSON holds no number");
    }

    assertEquals(
        List.of(
            HEADER,
            registered + ",DENY,RPO_REGISTERED_WITHOUT_CONSENT",
            objected + ",DENY,OBJECTED",
            listedAsSent + ",ALLOW,",
            unlistedMobile + ",DENY,UNLISTED_WITHOUT_CONSENT",
            consentingMobile + ",ALLOW,",
            invalid + ",INVALID,INVALID_NUMBER"),
        result(id));

    // The DPO follows the progress but does not read the numbers.
    given()
        .header("Authorization", dpo())
        .get("/v1/list-scrubs/" + id)
        .then()
        .statusCode(200)
        .body("status", equalTo("DONE"));
    given()
        .header("Authorization", dpo())
        .get("/v1/list-scrubs/" + id + "/result")
        .then()
        .statusCode(403);
    assertEquals(
        1,
        count(
            db,
            "SELECT count(*) FROM audit_entry WHERE action = 'list-scrub.done' AND details LIKE ?",
            "%" + id + "%"));
    assertEquals(
        1,
        count(
            db,
            "SELECT count(*) FROM audit_entry WHERE action = 'list-scrub.downloaded'"
                + " AND details LIKE ?",
            "%" + id + "%"));
  }

  @Test
  @DisplayName(
      "a file with a header line takes the 'number' column, wherever it is; quoted fields work")
  void headerLine() throws InterruptedException {
    String listed = landline();
    String neverConsulted = mobile();
    String invalid = "12";
    consult(unregistered(listed));
    String campaign = campaign(3);
    String csv =
        "name,number\n"
            + "Mario Rossi,"
            + listed
            + "\n"
            + "\"Verdi, Anna\","
            + neverConsulted
            + "\n"
            + "Luigi Bianchi,"
            + invalid
            + "\n";
    String id = accepted(campaign, csv);
    JsonPath scrub = awaitDone(id);
    assertEquals(3, scrub.getLong("linesRead"));
    assertEquals(2, scrub.getLong("numbersDecided"));
    assertEquals(1, scrub.getLong("allowed"));
    assertEquals(1, scrub.getLong("denied"));
    assertEquals(1, scrub.getLong("invalid"));
    assertEquals(
        Map.of("NO_VALID_RPO_CONSULTATION", 1, "UNLISTED_WITHOUT_CONSENT", 1), reasons(scrub));
    // Lines are counted as the file counts them: the header is line 1.
    assertEquals(List.of(4), invalidLineNumbers(scrub));
    assertEquals(
        List.of(
            HEADER,
            listed + ",ALLOW,",
            neverConsulted + ",DENY,NO_VALID_RPO_CONSULTATION;UNLISTED_WITHOUT_CONSENT",
            invalid + ",INVALID,INVALID_NUMBER"),
        result(id));
  }

  @Test
  @DisplayName(
      "rule 1: a third-party-transfer scrub returns only the numbers with a valid consent to the"
          + " transfer; the others are withheld")
  void thirdPartyTransfer() throws InterruptedException {
    String transfer = newPurpose("tp", "THIRD_PARTY_TRANSFER");
    String consentingLandline = landline();
    String consentingMobile = mobile();
    String withoutConsent = landline();
    String registeredWithoutConsent = landline();
    String withdrawnConsent = landline();
    String otherPurposeOnly = landline();
    String invalid = "not-a-number-" + digits(4);
    consult(
        unregistered(consentingLandline),
        unregistered(consentingMobile),
        unregistered(withoutConsent),
        registered(registeredWithoutConsent),
        unregistered(withdrawnConsent),
        unregistered(otherPurposeOnly));
    giveAndAwait("+39" + consentingLandline, transfer);
    giveAndAwait("+39" + consentingMobile, transfer);
    UUID withdrawer = giveAndAwait("+39" + withdrawnConsent, transfer);
    record(withdrawn(withdrawer, transfer));
    giveAndAwait("+39" + otherPurposeOnly, purpose); // telemarketing consent, not the transfer
    String campaign = createCampaign(campaignBody(transfer, 3));

    String csv =
        String.join(
                "\n",
                withoutConsent,
                consentingLandline,
                registeredWithoutConsent,
                invalid,
                withdrawnConsent,
                consentingMobile,
                otherPurposeOnly)
            + "\n";
    String id = accepted(campaign, csv);
    JsonPath scrub = awaitDone(id);
    assertTrue(scrub.getBoolean("transferOnly"));
    assertEquals(7, scrub.getLong("linesRead"));
    assertEquals(6, scrub.getLong("numbersDecided"));
    assertEquals(2, scrub.getLong("allowed"));
    assertEquals(4, scrub.getLong("denied"));
    assertEquals(4, scrub.getLong("withheld"));
    assertEquals(1, scrub.getLong("invalid"));
    assertEquals(
        Map.of(
            "TRANSFER_WITHOUT_CONSENT", 4,
            "RPO_REGISTERED_WITHOUT_CONSENT", 1,
            "CONSENT_WITHDRAWN", 1),
        reasons(scrub));
    assertEquals(List.of(4), invalidLineNumbers(scrub));

    List<String> lines = result(id);
    assertEquals(
        List.of(HEADER, consentingLandline + ",ALLOW,", consentingMobile + ",ALLOW,"), lines);
    String all = String.join("\n", lines);
    for (String left :
        List.of(withoutConsent, registeredWithoutConsent, withdrawnConsent, invalid)) {
      assertFalse(all.contains(left), "a number without transfer consent is not passed on");
    }
    assertFalse(all.contains(otherPurposeOnly));

    // The list is judged again as it is downloaded: a consent withdrawn since the scrub takes its
    // number off the list passed on (rule 3, at once).
    UUID mobileSubject = subjectOf("+39" + consentingMobile);
    record(withdrawn(mobileSubject, transfer));
    assertEquals(List.of(HEADER, consentingLandline + ",ALLOW,"), result(id));
  }

  private static UUID subjectOf(String phone) {
    return UUID.fromString(
        as(agent())
            .body(Map.of("phone", phone))
            .post("/v1/subjects/search")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getString("subjectRef"));
  }

  @Test
  @DisplayName(
      "rule 8: a scrub counts toward no cap: after scrubbing, a dial check with cap 1 is ALLOW")
  void scrubCountsNothingTowardTheCap() throws InterruptedException {
    String number = landline();
    consult(unregistered(number));
    String campaign = campaign(1);
    for (int i = 0; i < 2; i++) {
      String id = accepted(campaign, number + "\n");
      assertEquals(1, awaitDone(id).getLong("allowed"));
      assertEquals(List.of(HEADER, number + ",ALLOW,"), result(id));
    }
    JsonPath first = dialCheck(number, campaign);
    assertEquals("ALLOW", first.getString("decision"), "two scrubs counted nothing");
    assertEquals(List.of(), first.getList("reasons"));
    // The one allowed call does count: for the next call and for the next scrub.
    assertEquals(List.of("FREQUENCY_CAP_REACHED"), dialCheck(number, campaign).getList("reasons"));
    String id = accepted(campaign, number + "\n");
    JsonPath scrub = awaitDone(id);
    assertEquals(Map.of("FREQUENCY_CAP_REACHED", 1), reasons(scrub));
    assertEquals(List.of(HEADER, number + ",DENY,FREQUENCY_CAP_REACHED"), result(id));
  }

  private JsonPath dialCheck(String number, String campaign) {
    return as(agent())
        .body(Map.of("number", number, "campaign", campaign, "at", callAt.toString()))
        .post("/v1/dial-checks")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  @Test
  @DisplayName(
      "rule 8: calling hours do not apply to a scrub: a campaign with no calling hours at all"
          + " refuses every call now, yet its scrub allows")
  void callingHoursDoNotApply() throws InterruptedException {
    String number = landline();
    consult(unregistered(number));
    Map<String, Object> body = campaignBody(purpose, 3);
    Map<String, String> never = new LinkedHashMap<>();
    for (DayOfWeek day : DayOfWeek.values()) {
      never.put(day.name().toLowerCase(Locale.ROOT), "none");
    }
    body.put("callingHours", never);
    String campaign = createCampaign(body);
    // A call now is refused for the hour (and counts nothing)...
    JsonPath call =
        as(agent())
            .body(Map.of("number", number, "campaign", campaign))
            .post("/v1/dial-checks")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertEquals(List.of("OUTSIDE_CALLING_HOURS"), call.getList("reasons"));
    // ...while the scrub of the same number now allows it.
    String id = accepted(campaign, number + "\n");
    JsonPath scrub = awaitDone(id);
    assertEquals(1, scrub.getLong("allowed"));
    assertEquals(Map.of(), reasons(scrub));
    assertEquals(List.of(HEADER, number + ",ALLOW,"), result(id));
  }

  @Test
  @DisplayName(
      "bad input: 401 without token, 403 for other roles, 400 without a campaign id, 422 for an"
          + " unknown campaign, 400 for a malformed file or key, 404 for an unknown scrub")
  void badInput() throws InterruptedException {
    String campaign = campaign(3);
    String csv = landline() + "\n";
    scrubRequest(null)
        .queryParam("campaign", campaign)
        .body(csv)
        .post("/v1/list-scrubs")
        .then()
        .statusCode(401);
    scrubRequest(agent())
        .queryParam("campaign", campaign)
        .body(csv)
        .post("/v1/list-scrubs")
        .then()
        .statusCode(403);
    scrubRequest(dpo())
        .queryParam("campaign", campaign)
        .body(csv)
        .post("/v1/list-scrubs")
        .then()
        .statusCode(403);
    scrubRequest(supervisor())
        .body(csv)
        .post("/v1/list-scrubs")
        .then()
        .statusCode(400)
        .contentType(PROBLEM_JSON);
    upload("not-a-uuid", csv).then().statusCode(400).contentType(PROBLEM_JSON);
    upload(UUID.randomUUID().toString(), csv).then().statusCode(422).contentType(PROBLEM_JSON);
    upload(campaign, csv, "not a valid key!").then().statusCode(400).contentType(PROBLEM_JSON);

    // An unclosed quote: refused, and the scrub it started keeps nothing and is never DONE.
    String malformedCampaign = campaign(3);
    String quoted = landline();
    upload(malformedCampaign, landline() + "\n\"" + quoted + "\n" + landline() + "\n")
        .then()
        .statusCode(400)
        .contentType(PROBLEM_JSON)
        .body("detail", not(containsString(quoted)));
    List<String> ids =
        texts(
            db,
            "SELECT id::text FROM list_scrub WHERE campaign_id = ?",
            UUID.fromString(malformedCampaign));
    for (String id : ids) {
      JsonPath scrub = awaitFinished(id);
      assertEquals("FAILED", scrub.getString("status"));
      assertFalse(scrub.prettify().contains(quoted));
      given()
          .header("Authorization", supervisor())
          .get("/v1/list-scrubs/" + id + "/result")
          .then()
          .statusCode(409);
      assertEquals(
          0,
          count(
              db, "SELECT count(*) FROM list_scrub_chunk WHERE scrub_id = ?", UUID.fromString(id)));
    }

    String unknown = UUID.randomUUID().toString();
    given()
        .header("Authorization", supervisor())
        .get("/v1/list-scrubs/" + unknown + "/result")
        .then()
        .statusCode(404)
        .contentType(PROBLEM_JSON);
    given()
        .header("Authorization", supervisor())
        .get("/v1/list-scrubs/" + unknown)
        .then()
        .statusCode(404);
    given()
        .header("Authorization", supervisor())
        .delete("/v1/list-scrubs/" + unknown)
        .then()
        .statusCode(404);
  }

  @Test
  @DisplayName(
      "Idempotency-Key: the same key and body answer the first scrub again; another body is 422")
  void idempotency() throws InterruptedException {
    String listed = landline();
    consult(unregistered(listed));
    String campaign = campaign(3);
    String key = UUID.randomUUID().toString();
    String csv = listed + "\n";
    Response first = upload(campaign, csv, key);
    first.then().statusCode(202);
    assertNull(first.header("Idempotent-Replayed"));
    String id = first.jsonPath().getString("id");
    upload(campaign, csv, key)
        .then()
        .statusCode(202)
        .header("Idempotent-Replayed", "true")
        .header("Location", containsString("/v1/list-scrubs/" + id))
        .body("id", equalTo(id));
    awaitDone(id);
    upload(campaign, csv, key)
        .then()
        .statusCode(202)
        .header("Idempotent-Replayed", "true")
        .body("id", equalTo(id))
        .body("status", equalTo("DONE"));
    upload(campaign, landline() + "\n", key).then().statusCode(422).contentType(PROBLEM_JSON);
    assertEquals(1, count(db, "SELECT count(*) FROM list_scrub WHERE idempotency_key = ?", key));
    assertEquals(List.of(HEADER, listed + ",ALLOW,"), result(id));
  }

  @Test
  @DisplayName(
      "the result is kept only sealed, and DELETE destroys it: 204, then the result is 410 and"
          + " the scrub EXPIRED")
  void deleteDestroysTheSealedResult() throws InterruptedException {
    String listed = landline();
    String mobile = mobile();
    consult(unregistered(listed), unregistered(mobile));
    String campaign = campaign(3);
    String id = accepted(campaign, "+39 " + listed + "\n" + mobile + "\n");
    awaitDone(id);
    assertEquals(
        List.of(HEADER, "+39 " + listed + ",ALLOW,", mobile + ",DENY,UNLISTED_WITHOUT_CONSENT"),
        result(id));
    UUID scrub = UUID.fromString(id);
    assertTrue(
        count(db, "SELECT count(*) FROM list_scrub_chunk WHERE scrub_id = ?", scrub) > 0,
        "the result is stored");
    for (String planted : List.of(listed.substring(2), mobile.substring(3), listed, mobile)) {
      assertEquals(
          0,
          count(
              db, "SELECT count(*) FROM list_scrub_chunk WHERE sealed LIKE ?", "%" + planted + "%"),
          "a result chunk holds the number in clear");
      assertEquals(
          0,
          count(
              db,
              "SELECT count(*) FROM list_scrub WHERE reasons LIKE ? OR invalid_lines LIKE ?"
                  + " OR coalesce(failure, '') LIKE ?",
              "%" + planted + "%",
              "%" + planted + "%",
              "%" + planted + "%"));
    }

    given().header("Authorization", dpo()).delete("/v1/list-scrubs/" + id).then().statusCode(403);
    given()
        .header("Authorization", supervisor())
        .delete("/v1/list-scrubs/" + id)
        .then()
        .statusCode(204);
    given()
        .header("Authorization", supervisor())
        .get("/v1/list-scrubs/" + id + "/result")
        .then()
        .statusCode(410)
        .contentType(PROBLEM_JSON);
    progress(id).then().statusCode(200).body("status", equalTo("EXPIRED"));
    assertEquals(0, count(db, "SELECT count(*) FROM list_scrub_chunk WHERE scrub_id = ?", scrub));
    assertEquals(
        1,
        count(
            db,
            "SELECT count(*) FROM audit_entry WHERE action = 'list-scrub.deleted'"
                + " AND details LIKE ?",
            "%" + id + "%"));
  }

  /**
   * A first upload that was refused kept nothing and answered an error: like a rolled-back write,
   * its key may be used again; once a scrub under the key was accepted, another body is 422.
   */
  @Test
  @DisplayName(
      "Idempotency-Key: a malformed upload frees its key; an accepted one is replayed, another"
          + " body under it is 422")
  void idempotencyKeyOfAMalformedUpload() {
    String campaign = campaign(3);
    String key = UUID.randomUUID().toString();
    upload(campaign, "\"" + landline() + "\n", key)
        .then()
        .statusCode(400)
        .contentType(PROBLEM_JSON);
    // The failed first request kept nothing, like a rolled-back write: its key is free again.
    String body = landline() + "\n";
    Response retried = upload(campaign, body, key);
    assertEquals(202, retried.statusCode(), retried::asString);
    assertEquals(null, retried.header("Idempotent-Replayed"));
    Response again = upload(campaign, body, key);
    assertEquals(202, again.statusCode(), again::asString);
    assertEquals("true", again.header("Idempotent-Replayed"));
    assertEquals(retried.jsonPath().getString("id"), again.jsonPath().getString("id"));
    assertEquals(422, upload(campaign, landline() + "\n", key).statusCode());
  }

  @Test
  @DisplayName(
      "issue 14 / internal contract: an erasure takes the number out of every held scrub result,"
          + " in whatever form it was sent; the other lines stay, and the answer says so")
  void erasureWithdrawsTheNumberFromHeldResults() throws Exception {
    String erased = landline();
    String other = landline();
    consult(unregistered(erased), unregistered(other));
    UUID subject = giveAndAwait(erased, purpose);
    String campaign = campaign(3);
    String first = accepted(campaign, erased + "\n" + other + "\n");
    String second = accepted(campaign, "+39 " + erased + "\n" + other + "\n0039" + erased + "\n");
    awaitDone(first);
    awaitDone(second);
    assertEquals(4, result(second).size(), "the header and all three lines, before the erasure");

    given()
        .header("Authorization", TestTokens.bearer("service-account-rights", "service"))
        .delete("/internal/subject-data/" + subject)
        .then()
        .statusCode(200)
        .body("erased.'list-scrub result lines'", equalTo(3))
        .body("kept.what", hasItem(containsString("list-scrub result(s) in database backups")));

    for (String id : List.of(first, second)) {
      List<String> lines = result(id);
      assertEquals(List.of(HEADER, other + ",ALLOW,"), lines, "only the other number is left");
    }
    progress(first).then().body("withdrawn", equalTo(1));
    progress(second).then().body("withdrawn", equalTo(2));
    assertEquals(
        2,
        count(
            db,
            "SELECT count(*) FROM audit_entry WHERE action = 'list-scrub.lines-withdrawn'"
                + " AND subject_ref = ?",
            subject.toString()));

    // the request stays pending while a chunk judged before the erasure may still be stored
    assertTrue(
        count(db, "SELECT count(*) FROM scrub_withdrawal WHERE subject_ref = ?", subject) > 0);
    try (var connection = db.getConnection();
        var backdate =
            connection.prepareStatement(
                "UPDATE scrub_withdrawal SET requested_at = now() - interval '3 minutes'"
                    + " WHERE subject_ref = ?")) {
      backdate.setObject(1, subject);
      backdate.executeUpdate();
    }
    assertEquals(0, withdrawals.pass(subject).lines(), "nothing more to withdraw");
    assertEquals(
        0, count(db, "SELECT count(*) FROM scrub_withdrawal WHERE subject_ref = ?", subject));
  }
}
