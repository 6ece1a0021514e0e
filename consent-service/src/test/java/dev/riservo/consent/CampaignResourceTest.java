package dev.riservo.consent;

import static dev.riservo.consent.ConsentFixtures.PROBLEM;
import static dev.riservo.consent.ConsentFixtures.PROBLEM_JSON;
import static dev.riservo.consent.ConsentFixtures.admin;
import static dev.riservo.consent.ConsentFixtures.agent;
import static dev.riservo.consent.ConsentFixtures.as;
import static dev.riservo.consent.ConsentFixtures.count;
import static dev.riservo.consent.ConsentFixtures.dpo;
import static dev.riservo.consent.ConsentFixtures.newPurpose;
import static dev.riservo.consent.ConsentFixtures.suffix;
import static dev.riservo.consent.ConsentFixtures.supervisor;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.riservo.identity.testing.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Campaigns (rules 7 and 8): a supervisor creates them with a callable caller id, calling windows
 * within the legal hours and a frequency cap; staff read them.
 */
@QuarkusTest
class CampaignResourceTest {

  private static final String ROME_LANDLINE = "+39 06 4423 1234";
  private static final String ROME_LANDLINE_E164 = "+390644231234";

  @Inject AgroalDataSource db;

  private String purpose;

  @BeforeEach
  void purpose() {
    purpose = newPurpose("campaign-tm", "TELEMARKETING");
  }

  private static String service() {
    return TestTokens.bearer("service-account-dialer", "service");
  }

  private static String name() {
    return "Campaign " + suffix();
  }

  /** The smallest valid body: name, purpose, cli, automated. */
  private Map<String, Object> minimal(String name) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("name", name);
    body.put("purpose", purpose);
    body.put("cli", ROME_LANDLINE);
    body.put("automated", false);
    return body;
  }

  private static Response post(String token, Object body) {
    return as(token).body(body).post("/v1/campaigns");
  }

  private long campaignRows(String name) {
    return count(db, "SELECT count(*) FROM campaign WHERE name = ?", name);
  }

  private long campaignsPresenting(String e164) {
    return count(db, "SELECT count(*) FROM campaign WHERE cli_e164 = ? OR cli = ?", e164, e164);
  }

  private long auditEntries(String action) {
    return count(db, "SELECT count(*) FROM audit_entry WHERE action = ?", action);
  }

  /**
   * Sends {@code body} as a supervisor; expects the status, problem type and field; proves no
   * campaign and no audit entry was stored.
   */
  private Response refused(Map<String, Object> body, int status, String type, String field) {
    String name = (String) body.get("name");
    long audit = auditEntries("campaign.created");
    Response response = post(supervisor(), body);
    response
        .then()
        .statusCode(status)
        .contentType(PROBLEM_JSON)
        .body("type", equalTo(PROBLEM + type))
        .body("status", equalTo(status))
        .body("detail", notNullValue());
    if (field != null) {
      response.then().body("errors.field", hasItem(field));
    }
    if (name != null) {
      assertEquals(0, campaignRows(name), "a refused campaign was stored");
    }
    assertEquals(audit, auditEntries("campaign.created"), "a refused campaign was audited");
    return response;
  }

  // ------------------------------------------------------------------ happy paths ----

  @Test
  @DisplayName("rule 8: a campaign created with defaults gets the legal hours and the default cap")
  void createWithDefaults() {
    String name = name();
    Response created = post(supervisor(), minimal(name));
    created
        .then()
        .statusCode(201)
        .contentType(ContentType.JSON)
        .body("id", notNullValue())
        .body("name", equalTo(name))
        .body("purpose", equalTo(purpose))
        .body("kind", equalTo("COMMERCIAL"))
        .body("cli", equalTo(ROME_LANDLINE))
        .body("cliE164", equalTo(ROME_LANDLINE_E164))
        .body("automated", equalTo(false))
        .body("operator", equalTo("operator"))
        .body("callingHours", aMapWithSize(7))
        .body("callingHours.monday", equalTo("09:00-20:00"))
        .body("callingHours.tuesday", equalTo("09:00-20:00"))
        .body("callingHours.wednesday", equalTo("09:00-20:00"))
        .body("callingHours.thursday", equalTo("09:00-20:00"))
        .body("callingHours.friday", equalTo("09:00-20:00"))
        .body("callingHours.saturday", equalTo("10:00-19:00"))
        .body("callingHours.sunday", equalTo("none"))
        .body("frequencyCap.calls", equalTo(3))
        .body("frequencyCap.period", equalTo("P30D"))
        .body("createdBy", equalTo("sam-supervisor"))
        .body("createdAt", notNullValue());
    String id = created.jsonPath().getString("id");
    UUID.fromString(id);
    created.then().header("Location", endsWith("/v1/campaigns/" + id));
    assertEquals(1, campaignRows(name));

    // Read back as an agent: the same campaign.
    as(agent())
        .get("/v1/campaigns/" + id)
        .then()
        .statusCode(200)
        .body("id", equalTo(id))
        .body("name", equalTo(name))
        .body("kind", equalTo("COMMERCIAL"))
        .body("cli", equalTo(ROME_LANDLINE))
        .body("cliE164", equalTo(ROME_LANDLINE_E164))
        .body("callingHours.sunday", equalTo("none"))
        .body("frequencyCap.calls", equalTo(3))
        .body("createdBy", equalTo("sam-supervisor"));
  }

  @Test
  @DisplayName("rule 8: a campaign may call in narrower windows and set its own cap")
  void createWithNarrowerHoursAndCustomCap() {
    String name = name();
    Map<String, Object> body = minimal(name);
    body.put("kind", "STATISTICAL_SURVEY");
    body.put("cli", "0843 123456");
    body.put("automated", true);
    body.put("operator", "Istituto Ricerche SRL");
    Map<String, Object> hours = new LinkedHashMap<>();
    hours.put("monday", "09:00-13:00,14:00-18:00");
    hours.put("Friday", "10:00-12:00");
    hours.put("saturday", "none");
    body.put("callingHours", hours);
    body.put("frequencyCap", Map.of("calls", 1, "period", "P7D"));

    Response created = post(supervisor(), body);
    created
        .then()
        .statusCode(201)
        .body("kind", equalTo("STATISTICAL_SURVEY"))
        .body("cli", equalTo("0843 123456"))
        .body("cliE164", equalTo("+390843123456"))
        .body("automated", equalTo(true))
        .body("operator", equalTo("Istituto Ricerche SRL"))
        .body("callingHours", aMapWithSize(7))
        .body("callingHours.monday", equalTo("09:00-13:00,14:00-18:00"))
        .body("callingHours.tuesday", equalTo("09:00-20:00"))
        .body("callingHours.friday", equalTo("10:00-12:00"))
        .body("callingHours.saturday", equalTo("none"))
        .body("callingHours.sunday", equalTo("none"))
        .body("frequencyCap.calls", equalTo(1))
        .body("frequencyCap.period", equalTo("P7D"));
    String id = created.jsonPath().getString("id");
    as(supervisor())
        .get("/v1/campaigns/" + id)
        .then()
        .statusCode(200)
        .body("callingHours.monday", equalTo("09:00-13:00,14:00-18:00"))
        .body("callingHours.friday", equalTo("10:00-12:00"))
        .body("frequencyCap.calls", equalTo(1));
    assertEquals(1, campaignRows(name));
  }

  @Test
  @DisplayName("rule 8: windows exactly at the legal limits are accepted")
  void windowsAtTheLegalLimits() {
    Map<String, Object> body = minimal(name());
    body.put("callingHours", Map.of("wednesday", "09:00-20:00", "saturday", "10:00-19:00"));
    post(supervisor(), body)
        .then()
        .statusCode(201)
        .body("callingHours.wednesday", equalTo("09:00-20:00"))
        .body("callingHours.saturday", equalTo("10:00-19:00"));
  }

  // ------------------------------------------------------------------ rule 7: the CLI ----

  @Test
  @DisplayName("rule 7: a withheld, premium-rate or impossible caller id is refused (422, cli)")
  void cliNotAllowed() {
    for (String cli : List.of("anonymous", "Private", "899 123456", "12", "hello")) {
      Map<String, Object> body = minimal(name());
      body.put("cli", cli);
      String text = refused(body, 422, "cli-not-allowed", "cli").asString();
      String digits = cli.replaceAll("[^0-9]", "");
      if (digits.length() > 2) {
        assertFalse(text.contains(digits), "the problem repeats the caller id: " + text);
      }
    }
  }

  @Test
  @DisplayName("rule 7: 0844 is refused for a statistical survey, 0843 for a commercial campaign")
  void reservedPrefixForTheOtherKind() {
    Map<String, Object> survey = minimal(name());
    survey.put("kind", "STATISTICAL_SURVEY");
    survey.put("cli", "+39 0844 1234567");
    refused(survey, 422, "cli-not-allowed", "cli");

    Map<String, Object> commercial = minimal(name());
    commercial.put("kind", "COMMERCIAL");
    commercial.put("cli", "0843 123456");
    refused(commercial, 422, "cli-not-allowed", "cli");

    // The default kind is commercial: 0843 without a kind is refused too, 0844 accepted.
    Map<String, Object> noKind = minimal(name());
    noKind.put("cli", "0843 123456");
    refused(noKind, 422, "cli-not-allowed", "cli");
    Map<String, Object> ok = minimal(name());
    ok.put("cli", "00390844123456");
    post(supervisor(), ok)
        .then()
        .statusCode(201)
        .body("kind", equalTo("COMMERCIAL"))
        .body("cli", equalTo("00390844123456"))
        .body("cliE164", equalTo("+390844123456"));
  }

  @Test
  @DisplayName(
      "rule 7: a caller id is stored exactly as typed, digits and separators only; letters are"
          + " refused, never turned into keypad digits")
  void cliStoredAsTypedAndLettersRefused() {
    for (String cli :
        List.of(
            "0844-ABC-123",
            "0844 123 ABC",
            "+39 0844 12345x",
            "0844\u00a0123456",
            " 0844 123456",
            "0844_123456",
            "0844 123456 ext 2")) {
      Map<String, Object> body = minimal(name());
      body.put("cli", cli);
      String text = refused(body, 422, "cli-not-allowed", "cli").asString();
      assertFalse(text.contains("222123"), "keypad letters read as digits: " + text);
    }
    assertEquals(0, campaignsPresenting("+390844222123"), "no campaign stored a rewritten CLI");

    for (String typed : List.of("0844-123-456", "+39 (0844) 123.456", "0844/123456")) {
      Map<String, Object> body = minimal(name());
      body.put("cli", typed);
      String id = post(supervisor(), body).then().statusCode(201).extract().path("id");
      as(agent())
          .get("/v1/campaigns/" + id)
          .then()
          .statusCode(200)
          .body("cli", equalTo(typed))
          .body("cliE164", equalTo("+390844123456"));
    }
  }

  // ------------------------------------------------------------------ purposes ----

  @Test
  @DisplayName("a campaign for an unknown purpose is refused (422, purpose)")
  void unknownPurpose() {
    Map<String, Object> body = minimal(name());
    body.put("purpose", "no-such-purpose-" + suffix());
    refused(body, 422, "unknown-purpose", "purpose");
  }

  @Test
  @DisplayName("rule 3: a retired purpose takes no new campaign (422, purpose)")
  void retiredPurpose() {
    as(admin()).post("/v1/purposes/" + purpose + "/retire").then().statusCode(200);
    refused(minimal(name()), 422, "retired-purpose", "purpose");
  }

  // ------------------------------------------------------------------ rule 8: hours ----

  @Test
  @DisplayName("rule 8: a window outside the legal hours of its day is refused (422)")
  void windowOutsideLegalHours() {
    Map<String, String> cases = new LinkedHashMap<>();
    cases.put("monday", "08:00-12:00");
    cases.put("tuesday", "18:00-20:30");
    cases.put("wednesday", "09:00-13:00,19:00-21:00");
    cases.put("saturday", "09:30-12:00");
    cases.put("sunday", "10:00-12:00");
    cases.forEach(
        (day, window) -> {
          Map<String, Object> body = minimal(name());
          body.put("callingHours", Map.of(day, window));
          refused(body, 422, "outside-legal-hours", "callingHours." + day);
        });
  }

  @Test
  @DisplayName("rule 8: a day name or window that cannot be read is a 400")
  void unreadableHours() {
    Map<String, Object> funday = minimal(name());
    funday.put("callingHours", Map.of("funday", "10:00-12:00"));
    refused(funday, 400, "validation", "callingHours.funday");

    for (String window :
        List.of("9am-noon", "09:00", "13:00-09:00", "09:00-25:00", "10:00-12:00-14:00")) {
      Map<String, Object> body = minimal(name());
      body.put("callingHours", Map.of("monday", window));
      refused(body, 400, "validation", "callingHours.monday");
    }
  }

  // ------------------------------------------------------------------ malformed input ----

  @Test
  void badFrequencyCap() {
    for (String period : List.of("30 days", "P0D", "-P1D", "P400D")) {
      Map<String, Object> body = minimal(name());
      body.put("frequencyCap", Map.of("calls", 3, "period", period));
      refused(body, 400, "validation", "frequencyCap.period");
    }
    for (int calls : new int[] {0, -1, 1001}) {
      Map<String, Object> body = minimal(name());
      body.put("frequencyCap", Map.of("calls", calls, "period", "P30D"));
      refused(body, 400, "validation", "frequencyCap.calls");
    }
    Map<String, Object> noCalls = minimal(name());
    noCalls.put("frequencyCap", Map.of("period", "P30D"));
    refused(noCalls, 400, "validation", "frequencyCap.calls");
  }

  @Test
  void missingFields() {
    for (String field : List.of("name", "purpose", "cli", "automated")) {
      Map<String, Object> body = minimal(name());
      body.remove(field);
      refused(body, 400, "validation", field);
    }
    Map<String, Object> blank = minimal(name());
    blank.put("cli", " ");
    refused(blank, 400, "validation", "cli");
  }

  @Test
  void unknownKindAndMalformedJson() {
    Map<String, Object> kind = minimal(name());
    kind.put("kind", "SURVEY");
    refused(kind, 400, "malformed-body", "kind");

    long rows = count(db, "SELECT count(*) FROM campaign");
    as(supervisor())
        .body("{\"name\": \"x\", \"purpose\": ")
        .post("/v1/campaigns")
        .then()
        .statusCode(400)
        .contentType(PROBLEM_JSON)
        .body("type", equalTo(PROBLEM + "malformed-body"));
    assertEquals(rows, count(db, "SELECT count(*) FROM campaign"));
  }

  // ------------------------------------------------------------------ roles ----

  @Test
  @DisplayName("only a supervisor creates campaigns: agent, dpo and admin get 403, no token 401")
  void onlyASupervisorCreates() {
    String name = name();
    for (String token : List.of(agent(), dpo(), admin(), service())) {
      post(token, minimal(name))
          .then()
          .statusCode(403)
          .contentType(PROBLEM_JSON)
          .body("type", equalTo(PROBLEM + "forbidden"));
    }
    given()
        .contentType(ContentType.JSON)
        .body(minimal(name))
        .post("/v1/campaigns")
        .then()
        .statusCode(401)
        .contentType(PROBLEM_JSON)
        .header("WWW-Authenticate", containsString("Bearer"))
        .body("type", equalTo(PROBLEM + "unauthorized"));
    assertEquals(0, campaignRows(name));
  }

  @Test
  @DisplayName("supervisor, agent, dpo and service read campaigns; admin and no token do not")
  void whoReads() {
    String name = name();
    String id = post(supervisor(), minimal(name)).then().statusCode(201).extract().path("id");
    for (String token : List.of(supervisor(), agent(), dpo(), service())) {
      as(token).get("/v1/campaigns").then().statusCode(200).body("id", hasItem(id));
      as(token)
          .get("/v1/campaigns/" + id)
          .then()
          .statusCode(200)
          .body("id", equalTo(id))
          .body("name", equalTo(name));
    }
    as(admin()).get("/v1/campaigns/" + id).then().statusCode(403).contentType(PROBLEM_JSON);
    given().get("/v1/campaigns").then().statusCode(401).contentType(PROBLEM_JSON);
    given().get("/v1/campaigns/" + id).then().statusCode(401);
  }

  @Test
  void listContainsTheCreatedCampaign() {
    String name = name();
    String id = post(supervisor(), minimal(name)).then().statusCode(201).extract().path("id");
    as(agent())
        .get("/v1/campaigns")
        .then()
        .statusCode(200)
        .contentType(ContentType.JSON)
        .body("id", hasItem(id))
        .body("name", hasItem(name))
        .body("find { it.id == '" + id + "' }.cli", equalTo(ROME_LANDLINE))
        .body("find { it.id == '" + id + "' }.frequencyCap.calls", equalTo(3));
  }

  @Test
  void unknownCampaignIs404() {
    as(agent())
        .get("/v1/campaigns/" + UUID.randomUUID())
        .then()
        .statusCode(404)
        .contentType(PROBLEM_JSON)
        .body("type", equalTo(PROBLEM + "not-found"));
  }

  // ------------------------------------------------------------------ idempotency, audit ----

  @Test
  @DisplayName("the same Idempotency-Key twice creates one campaign and replays the first answer")
  void idempotentReplay() {
    String name = name();
    String key = UUID.randomUUID().toString();
    long audit = auditEntries("campaign.created");
    Response first =
        as(supervisor()).header("Idempotency-Key", key).body(minimal(name)).post("/v1/campaigns");
    first.then().statusCode(201);
    assertNull(first.header("Idempotent-Replayed"));
    Response second =
        as(supervisor()).header("Idempotency-Key", key).body(minimal(name)).post("/v1/campaigns");
    second.then().statusCode(201).header("Idempotent-Replayed", "true");

    String id = first.jsonPath().getString("id");
    assertEquals(id, second.jsonPath().getString("id"));
    assertEquals(first.header("Location"), second.header("Location"));
    assertEquals(first.jsonPath().getString("cli"), second.jsonPath().getString("cli"));
    assertEquals(1, campaignRows(name));
    assertEquals(audit + 1, auditEntries("campaign.created"));

    // The same key with another body is refused and creates nothing.
    Map<String, Object> other = minimal(name);
    other.put("automated", true);
    as(supervisor())
        .header("Idempotency-Key", key)
        .body(other)
        .post("/v1/campaigns")
        .then()
        .statusCode(422)
        .contentType(PROBLEM_JSON)
        .body("type", equalTo(PROBLEM + "idempotency-key-reused"));
    assertEquals(1, campaignRows(name));
  }

  @Test
  @DisplayName("creating a campaign writes one audit entry campaign.created naming it")
  void auditEntry() {
    long before = auditEntries("campaign.created");
    String id = post(supervisor(), minimal(name())).then().statusCode(201).extract().path("id");
    assertEquals(before + 1, auditEntries("campaign.created"));
    assertEquals(
        1,
        count(
            db,
            "SELECT count(*) FROM audit_entry WHERE action = 'campaign.created'"
                + " AND actor = 'sam-supervisor' AND details LIKE ?",
            "%" + id + "%"));
  }
}
