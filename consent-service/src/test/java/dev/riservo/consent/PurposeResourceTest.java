package dev.riservo.consent;

import static dev.riservo.consent.ConsentFixtures.PROBLEM;
import static dev.riservo.consent.ConsentFixtures.PROBLEM_JSON;
import static dev.riservo.consent.ConsentFixtures.admin;
import static dev.riservo.consent.ConsentFixtures.agent;
import static dev.riservo.consent.ConsentFixtures.as;
import static dev.riservo.consent.ConsentFixtures.dpo;
import static dev.riservo.consent.ConsentFixtures.give;
import static dev.riservo.consent.ConsentFixtures.givenOnCall;
import static dev.riservo.consent.ConsentFixtures.postConsent;
import static dev.riservo.consent.ConsentFixtures.purposeBody;
import static dev.riservo.consent.ConsentFixtures.randomPhone;
import static dev.riservo.consent.ConsentFixtures.suffix;
import static dev.riservo.consent.ConsentFixtures.supervisor;
import static dev.riservo.consent.ConsentFixtures.withdrawn;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Purposes (rule 1: each purpose has a legal basis and a retention period): admin CRUD. */
@QuarkusTest
class PurposeResourceTest {

  @Inject AgroalDataSource db;

  private static String code() {
    return "p-" + suffix();
  }

  private static io.restassured.response.Response create(Map<String, Object> body) {
    return as(admin()).body(body).post("/v1/purposes");
  }

  private long purposeRows(String code) {
    return ConsentFixtures.count(db, "SELECT count(*) FROM purpose WHERE code = ?", code);
  }

  // ------------------------------------------------------------------ happy path ----

  @Test
  @DisplayName("rule 1: an admin creates a purpose with its legal basis and retention")
  void createAndRead() {
    String code = code();
    create(purposeBody(code, "TELEMARKETING"))
        .then()
        .statusCode(201)
        .header("Location", endsWith("/v1/purposes/" + code))
        .body("code", equalTo(code))
        .body("legalBasis", equalTo("CONSENT"))
        .body("category", equalTo("TELEMARKETING"))
        .body("retentionDays", equalTo(730))
        .body("priorConsentRequired", equalTo(true))
        .body("createdAt", notNullValue())
        .body("retiredAt", nullValue());

    // Staff read it.
    as(agent())
        .get("/v1/purposes/" + code)
        .then()
        .statusCode(200)
        .body("code", equalTo(code))
        .body("name", equalTo("Purpose " + code))
        .body("legalBasis", equalTo("CONSENT"))
        .body("retentionDays", equalTo(730));
    as(supervisor()).get("/v1/purposes").then().statusCode(200).body("code", hasItem(code));
    assertEquals(1, purposeRows(code));
  }

  @Test
  void unknownPurposeIs404() {
    as(agent())
        .get("/v1/purposes/no-such-" + suffix())
        .then()
        .statusCode(404)
        .contentType(PROBLEM_JSON)
        .body("type", equalTo(PROBLEM + "not-found"));
  }

  @Test
  void updateChangesTermsButKeepsTheCode() {
    String code = code();
    create(purposeBody(code, "PROFILING")).then().statusCode(201);
    Map<String, Object> changed = purposeBody(code, "PROFILING");
    changed.put("name", "Profiling, renamed");
    changed.put("retentionDays", 365);
    changed.put("legalBasis", "LEGITIMATE_INTEREST");
    as(admin())
        .body(changed)
        .put("/v1/purposes/" + code)
        .then()
        .statusCode(200)
        .body("code", equalTo(code))
        .body("name", equalTo("Profiling, renamed"))
        .body("retentionDays", equalTo(365))
        .body("legalBasis", equalTo("LEGITIMATE_INTEREST"));
    as(agent())
        .get("/v1/purposes/" + code)
        .then()
        .statusCode(200)
        .body("name", equalTo("Profiling, renamed"))
        .body("retentionDays", equalTo(365));
  }

  @Test
  void updateOfAnUnknownPurposeIs404() {
    String code = code();
    as(admin())
        .body(purposeBody(code, "SERVICE"))
        .put("/v1/purposes/" + code)
        .then()
        .statusCode(404)
        .contentType(PROBLEM_JSON);
    assertEquals(0, purposeRows(code));
  }

  @Test
  void retiredPurposeLeavesTheDefaultListButStaysReadable() {
    String code = code();
    create(purposeBody(code, "THIRD_PARTY_TRANSFER")).then().statusCode(201);
    as(admin())
        .post("/v1/purposes/" + code + "/retire")
        .then()
        .statusCode(200)
        .body("code", equalTo(code))
        .body("retiredAt", notNullValue());
    as(agent()).get("/v1/purposes").then().statusCode(200).body("code", not(hasItem(code)));
    as(agent())
        .queryParam("includeRetired", true)
        .get("/v1/purposes")
        .then()
        .statusCode(200)
        .body("code", hasItem(code));
    as(agent())
        .get("/v1/purposes/" + code)
        .then()
        .statusCode(200)
        .body("retiredAt", notNullValue());
    // Retiring twice is harmless.
    as(admin()).post("/v1/purposes/" + code + "/retire").then().statusCode(200);
  }

  @Test
  void unusedPurposeCanBeDeleted() {
    String code = code();
    create(purposeBody(code, "CALL_RECORDING")).then().statusCode(201);
    as(admin()).delete("/v1/purposes/" + code).then().statusCode(204);
    as(agent()).get("/v1/purposes/" + code).then().statusCode(404);
    assertEquals(0, purposeRows(code));
    as(admin()).delete("/v1/purposes/" + code).then().statusCode(404);
  }

  // ------------------------------------------------------------------ roles ----

  @Test
  void onlyAnAdminWritesPurposes() {
    String code = code();
    for (String token : new String[] {agent(), supervisor(), dpo()}) {
      as(token)
          .body(purposeBody(code, "TELEMARKETING"))
          .post("/v1/purposes")
          .then()
          .statusCode(403)
          .contentType(PROBLEM_JSON)
          .body("type", equalTo(PROBLEM + "forbidden"));
    }
    assertEquals(0, purposeRows(code));

    create(purposeBody(code, "TELEMARKETING")).then().statusCode(201);
    Map<String, Object> changed = purposeBody(code, "TELEMARKETING");
    changed.put("name", "hijacked");
    as(agent()).body(changed).put("/v1/purposes/" + code).then().statusCode(403);
    as(supervisor()).post("/v1/purposes/" + code + "/retire").then().statusCode(403);
    as(dpo()).delete("/v1/purposes/" + code).then().statusCode(403);
    as(agent())
        .get("/v1/purposes/" + code)
        .then()
        .statusCode(200)
        .body("name", equalTo("Purpose " + code))
        .body("retiredAt", nullValue());
  }

  @Test
  void noTokenIs401() {
    given()
        .contentType("application/json")
        .body(purposeBody(code(), "SERVICE"))
        .post("/v1/purposes")
        .then()
        .statusCode(401)
        .contentType(PROBLEM_JSON);
    given().get("/v1/purposes").then().statusCode(401);
  }

  // ------------------------------------------------------------------ validation ----

  private void refused(Map<String, Object> body, int status, String type, String field) {
    create(body)
        .then()
        .statusCode(status)
        .contentType(PROBLEM_JSON)
        .body("type", equalTo(PROBLEM + type))
        .body("status", equalTo(status))
        .body("errors.field", hasItem(field));
  }

  @Test
  void badCodePatternIs400NamingCode() {
    for (String bad : new String[] {"Bad Code", "UPPER", "x", "-leading-dash", "under_score"}) {
      Map<String, Object> body = purposeBody(bad, "TELEMARKETING");
      refused(body, 400, "validation", "code");
      assertEquals(0, purposeRows(bad));
    }
  }

  @Test
  void missingLegalBasisIs400NamingLegalBasis() {
    String code = code();
    Map<String, Object> body = purposeBody(code, "TELEMARKETING");
    body.remove("legalBasis");
    refused(body, 400, "validation", "legalBasis");
    assertEquals(0, purposeRows(code));
  }

  @Test
  void unknownEnumValueIs400NamingTheField() {
    String code = code();
    Map<String, Object> body = purposeBody(code, "TELEMARKETING");
    body.put("legalBasis", "BECAUSE_WE_CAN");
    refused(body, 400, "malformed-body", "legalBasis");
    Map<String, Object> category = purposeBody(code, "TELEMARKETING");
    category.put("category", "SPAM");
    refused(category, 400, "malformed-body", "category");
    assertEquals(0, purposeRows(code));
  }

  @Test
  void zeroRetentionIs400NamingRetentionDays() {
    String code = code();
    Map<String, Object> body = purposeBody(code, "TELEMARKETING");
    body.put("retentionDays", 0);
    refused(body, 400, "validation", "retentionDays");
    assertEquals(0, purposeRows(code));
  }

  @Test
  void invalidUpdateIs400AndChangesNothing() {
    String code = code();
    create(purposeBody(code, "SERVICE")).then().statusCode(201);
    Map<String, Object> body = purposeBody(code, "SERVICE");
    body.put("retentionDays", 0);
    body.put("name", "changed");
    as(admin())
        .body(body)
        .put("/v1/purposes/" + code)
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("retentionDays"));
    as(agent())
        .get("/v1/purposes/" + code)
        .then()
        .body("retentionDays", equalTo(730))
        .body("name", equalTo("Purpose " + code));
  }

  @Test
  void duplicateCodeIs409() {
    String code = code();
    create(purposeBody(code, "TELEMARKETING")).then().statusCode(201);
    Map<String, Object> again = purposeBody(code, "SERVICE");
    create(again)
        .then()
        .statusCode(409)
        .contentType(PROBLEM_JSON)
        .body("type", equalTo(PROBLEM + "purpose-exists"));
    // The first one is untouched.
    as(agent()).get("/v1/purposes/" + code).then().body("category", equalTo("TELEMARKETING"));
  }

  // ------------------------------------------------------------------ purposes in use ----

  @Test
  @DisplayName("rule 2: a purpose with consent records is never deleted (409), it stays")
  void purposeInUseCannotBeDeleted() {
    String code = code();
    create(purposeBody(code, "TELEMARKETING")).then().statusCode(201);
    give(randomPhone(), code);
    as(admin())
        .delete("/v1/purposes/" + code)
        .then()
        .statusCode(409)
        .contentType(PROBLEM_JSON)
        .body("type", equalTo(PROBLEM + "purpose-in-use"));
    as(agent()).get("/v1/purposes/" + code).then().statusCode(200).body("code", equalTo(code));
    assertEquals(1, purposeRows(code));
  }

  @Test
  @DisplayName("rule 3: a retired purpose takes no new consent but still takes a withdrawal")
  void retiredPurposeRefusesGivenButAcceptsWithdrawn() {
    String code = code();
    create(purposeBody(code, "TELEMARKETING")).then().statusCode(201);
    String phone = randomPhone();
    UUID subject = give(phone, code);
    as(admin()).post("/v1/purposes/" + code + "/retire").then().statusCode(200);

    long events = eventsOf(subject);
    postConsent(givenOnCall(subject, code))
        .then()
        .statusCode(422)
        .contentType(PROBLEM_JSON)
        .body("type", equalTo(PROBLEM + "purpose-retired"))
        .body("errors.field", hasItem("purpose"));
    assertEquals(events, eventsOf(subject));

    // A new subject cannot give it either, and is not registered for trying.
    String other = randomPhone();
    long subjects = ConsentFixtures.count(db, "SELECT count(*) FROM subject");
    postConsent(givenOnCall(other, code)).then().statusCode(422);
    assertEquals(subjects, ConsentFixtures.count(db, "SELECT count(*) FROM subject"));

    postConsent(withdrawn(subject, code))
        .then()
        .statusCode(201)
        .body("state", equalTo("WITHDRAWN"))
        .body("purpose", equalTo(code));
    assertEquals(events + 1, eventsOf(subject));
  }

  private long eventsOf(UUID subject) {
    return ConsentFixtures.count(
        db, "SELECT count(*) FROM consent_event WHERE subject_ref = ?", subject);
  }
}
