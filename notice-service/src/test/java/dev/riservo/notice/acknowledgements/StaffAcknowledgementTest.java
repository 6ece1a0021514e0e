package dev.riservo.notice.acknowledgements;

import static dev.riservo.notice.acknowledgements.StaffNotices.PROBLEM;
import static dev.riservo.notice.acknowledgements.StaffNotices.PROBLEM_JSON;
import static dev.riservo.notice.acknowledgements.StaffNotices.ack;
import static dev.riservo.notice.acknowledgements.StaffNotices.as;
import static dev.riservo.notice.acknowledgements.StaffNotices.dpo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riservo.identity.testing.TestTokens;
import dev.riservo.notice.acknowledgements.StaffNotices.Published;
import dev.riservo.notice.roster.FakeRosterSource;
import dev.riservo.notice.roster.domain.StaffAccount;
import dev.riservo.notice.roster.service.StaffRoster;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Rule 10 through the API: staff acknowledge the version in force of a staff notice, and the DPO
 * sees who has not (roster from {@link FakeRosterSource}).
 */
@QuarkusTest
class StaffAcknowledgementTest {

  static final String POLICY = StaffNotices.key("policy");
  static final String SUBJECTS_NOTICE = StaffNotices.key("subjects");
  static final String RUN = UUID.randomUUID().toString().substring(0, 6);
  static Published v1;
  static Published v2;
  static Published scheduled;
  static Published english;

  @Inject AgroalDataSource db;
  @Inject StaffRoster roster;
  @Inject CircuitBreakerMaintenance breakers;

  /** v1 (it) superseded by v2 (it) by the time the tests run, v3 (it) tomorrow, v4 (en) now. */
  /** Once per run, after Quarkus has started (a static @BeforeAll would run before it). */
  @BeforeEach
  void publishOnce() {
    synchronized (StaffAcknowledgementTest.class) {
      if (v1 == null) {
        publish();
      }
    }
  }

  static void publish() {
    StaffNotices.define(POLICY, "STAFF");
    Instant soon = Instant.now().plusSeconds(10).truncatedTo(ChronoUnit.SECONDS);
    v1 = StaffNotices.publish(POLICY, "it", soon);
    v2 = StaffNotices.publish(POLICY, "it", soon.plusSeconds(1));
    scheduled = StaffNotices.publish(POLICY, "it", soon.plus(1, ChronoUnit.DAYS));
    english = StaffNotices.publish(POLICY, "en", soon);
    StaffNotices.define(SUBJECTS_NOTICE, "SUBJECTS");
    StaffNotices.publish(SUBJECTS_NOTICE, "it", null);
    StaffNotices.awaitInstant(
        v2.effectiveFrom().isAfter(english.effectiveFrom())
            ? v2.effectiveFrom()
            : english.effectiveFrom());
  }

  static String user(String name) {
    return name + "-" + RUN;
  }

  static String token(String name, String... roles) {
    return TestTokens.bearer(user(name), roles);
  }

  void onRoster(StaffAccount... accounts) {
    for (StaffAccount a : accounts) {
      FakeRosterSource.add(a);
    }
    roster.forget();
  }

  @Test
  @DisplayName("rule 10: a member of staff acknowledges the version in force, once")
  void acknowledgeTheVersionInForceOnce() throws SQLException {
    String agent = token("ann", "agent");
    JsonPath first =
        as(agent)
            .body(ack(POLICY, v2.id(), v2.documentHash()))
            .post("/v1/staff-acknowledgements")
            .then()
            .statusCode(201)
            .body("versionId", equalTo(v2.id()))
            .body("hash", equalTo(v2.documentHash()))
            .body("subjectId", equalTo("sub-" + user("ann")))
            .body("username", equalTo(user("ann")))
            .extract()
            .jsonPath();
    as(agent)
        .body(ack(POLICY, v2.id(), v2.documentHash().toUpperCase()))
        .post("/v1/staff-acknowledgements")
        .then()
        .statusCode(200)
        .body("acknowledgedAt", equalTo(first.getString("acknowledgedAt")));
    assertEquals(
        1,
        count(
            "SELECT count(*) FROM staff_acknowledgement WHERE subject_id = ?",
            "sub-" + user("ann")));
    assertEquals(
        1,
        count(
            "SELECT count(*) FROM audit_entry WHERE action = 'notice.staff-acknowledged'"
                + " AND actor = ? AND details LIKE '%' || ? || '%'",
            "sub-" + user("ann"), v2.id()));
    assertEquals(
        0,
        count(
            "SELECT count(*) FROM audit_entry WHERE action = 'notice.staff-acknowledged'"
                + " AND details LIKE '%' || ? || '%'",
            user("ann")),
        "the audit entry names the subject id, never the username");
  }

  @Test
  @DisplayName("rule 10: the content hash of a version is accepted too, and any language in force")
  void theEnglishVersionWithItsContentHash() {
    as(token("carl", "supervisor"))
        .body(ack(POLICY, english.id(), english.contentHash()))
        .post("/v1/staff-acknowledgements")
        .then()
        .statusCode(201)
        .body("versionId", equalTo(english.id()));
  }

  @Test
  @DisplayName("rule 10: only the version in force now is acknowledged (422), with its hash")
  void versionsNotInForceAndWrongHashesAre422() throws SQLException {
    String agent = token("bea", "agent");
    expect422(agent, ack(POLICY, v1.id(), v1.documentHash()), "version-not-in-force");
    expect422(agent, ack(POLICY, scheduled.id(), scheduled.documentHash()), "version-not-in-force");
    expect422(agent, ack(POLICY, v2.id(), v1.documentHash()), "notice-hash-mismatch");
    expect422(agent, ack(POLICY, POLICY + "@99", v2.documentHash()), "unknown-notice-version");
    Published subjects = latest(SUBJECTS_NOTICE);
    expect422(
        agent, ack(SUBJECTS_NOTICE, subjects.id(), subjects.documentHash()), "not-a-staff-notice");
    assertEquals(
        0,
        count(
            "SELECT count(*) FROM staff_acknowledgement WHERE subject_id = ?",
            "sub-" + user("bea")));
  }

  @Test
  void malformedRequestsAre400AndUnknownNotices404() {
    String agent = token("dan", "agent");
    expect(agent, ack(POLICY, v2.id(), null), 400, "validation");
    expect(agent, ack(POLICY, v2.id(), "abc"), 400, "validation");
    expect(agent, ack(POLICY, "other-notice@2", v2.documentHash()), 400, "validation");
    expect(agent, ack("Not A Key", v2.id(), v2.documentHash()), 400, "validation");
    expect(agent, ack("no-such-notice", "no-such-notice@1", v2.documentHash()), 404, "not-found");
    as(agent).body("{").post("/v1/staff-acknowledgements").then().statusCode(400);
  }

  @Test
  void onlyStaffMayAcknowledge() {
    given()
        .contentType("application/json")
        .body(ack(POLICY, v2.id(), v2.documentHash()))
        .post("/v1/staff-acknowledgements")
        .then()
        .statusCode(401)
        .contentType(PROBLEM_JSON);
    for (String bearer : List.of(token("svc", "service"), token("nobody", "offline_access"))) {
      as(bearer)
          .body(ack(POLICY, v2.id(), v2.documentHash()))
          .post("/v1/staff-acknowledgements")
          .then()
          .statusCode(403)
          .contentType(PROBLEM_JSON);
      as(bearer).get("/v1/staff-acknowledgements/mine").then().statusCode(403);
    }
    given().get("/v1/staff-acknowledgements/mine").then().statusCode(401);
  }

  @Test
  @DisplayName("rule 10: a member of staff sees which staff notices they still have to acknowledge")
  void mineListsWhatIsMissing() {
    String agent = token("eve", "agent");
    JsonPath before =
        as(agent)
            .get("/v1/staff-acknowledgements/mine")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertTrue(before.getList("missing.noticeId").contains(POLICY));
    assertEquals(
        List.of(english.id(), v2.id()),
        before.getList("missing.find { it.noticeId == '" + POLICY + "' }.current.id"));
    assertFalse(before.getList("missing.noticeId").contains(SUBJECTS_NOTICE));
    as(agent)
        .body(ack(POLICY, v2.id(), v2.documentHash()))
        .post("/v1/staff-acknowledgements")
        .then()
        .statusCode(201);
    as(agent)
        .get("/v1/staff-acknowledgements/mine")
        .then()
        .statusCode(200)
        .body("missing.noticeId", not(hasItem(POLICY)))
        .body(
            "done.find { it.noticeId == '" + POLICY + "' }.acknowledgement.versionId",
            equalTo(v2.id()));
  }

  @Test
  @DisplayName("rule 10: the DPO sees who has not acknowledged the current version")
  void theDpoSeesWhoIsMissing() {
    onRoster(
        FakeRosterSource.account(user("fay"), "agent"),
        FakeRosterSource.account(user("gus"), "dpo", "agent"),
        new StaffAccount("sub-" + user("hal"), user("hal"), false, Set.of("agent")),
        FakeRosterSource.account(user("ivy"), "service"));
    as(token("gus", "agent"))
        .body(ack(POLICY, v2.id(), v2.documentHash()))
        .post("/v1/staff-acknowledgements")
        .then()
        .statusCode(201);
    String base = "/v1/notices/" + POLICY + "/acknowledgements";
    JsonPath missing =
        as(dpo()).queryParam("size", 500).get(base).then().statusCode(200).extract().jsonPath();
    List<String> missingNames = missing.getList("items.username");
    assertTrue(missingNames.contains(user("fay")));
    assertFalse(missingNames.contains(user("gus")), "acknowledged");
    assertFalse(missingNames.contains(user("hal")), "disabled: not listed");
    assertFalse(missingNames.contains(user("ivy")), "a machine: not staff");
    assertEquals("missing", missing.getString("status"));
    assertEquals(List.of(english.id(), v2.id()), missing.getList("currentVersions.id"));
    int total = missing.getInt("counts.total");
    assertEquals(total, missing.getInt("counts.acknowledged") + missing.getInt("counts.missing"));
    assertEquals(missing.getInt("counts.missing"), missingNames.size());
    JsonPath done =
        as(dpo())
            .queryParam("status", "done")
            .queryParam("size", 500)
            .get(base)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertEquals(
        v2.id(), done.getString("items.find { it.username == '" + user("gus") + "' }.versionId"));
    assertEquals(done.getInt("counts.acknowledged"), done.getList("items").size());
    // pages of one, in username order
    as(dpo())
        .queryParam("size", 1)
        .queryParam("page", 0)
        .get(base)
        .then()
        .statusCode(200)
        .body("items.size()", equalTo(1))
        .body("size", equalTo(1));
    as(dpo())
        .queryParam("size", 1)
        .queryParam("page", total)
        .get(base)
        .then()
        .statusCode(200)
        .body("items.size()", equalTo(0));
  }

  @Test
  void theDpoListRefusesBadInput() {
    String base = "/v1/notices/" + POLICY + "/acknowledgements";
    as(dpo())
        .queryParam("status", "all")
        .get(base)
        .then()
        .statusCode(400)
        .contentType(PROBLEM_JSON)
        .body("type", equalTo(PROBLEM + "validation"));
    as(dpo()).queryParam("size", 0).get(base).then().statusCode(400).contentType(PROBLEM_JSON);
    as(dpo()).queryParam("page", -1).get(base).then().statusCode(400).contentType(PROBLEM_JSON);
    as(dpo())
        .get("/v1/notices/no-such-notice/acknowledgements")
        .then()
        .statusCode(404)
        .contentType(PROBLEM_JSON);
    as(dpo())
        .get("/v1/notices/" + SUBJECTS_NOTICE + "/acknowledgements")
        .then()
        .statusCode(422)
        .body("type", equalTo(PROBLEM + "not-a-staff-notice"));
    for (String bearer :
        List.of(token("agent", "agent"), token("admin", "admin"), token("svc", "service"))) {
      as(bearer).get(base).then().statusCode(403).contentType(PROBLEM_JSON);
    }
    given().get(base).then().statusCode(401).contentType(PROBLEM_JSON);
  }

  @Test
  @DisplayName("Keycloak unreachable: the DPO list is a 503 problem with Retry-After, never a 500")
  void anUnreachableRosterIs503() {
    FakeRosterSource.down(true);
    roster.forget();
    try {
      as(dpo())
          .get("/v1/notices/" + POLICY + "/acknowledgements")
          .then()
          .statusCode(503)
          .contentType(PROBLEM_JSON)
          .header("Retry-After", equalTo("5"))
          .body("type", equalTo(PROBLEM + "dependency-unavailable"));
    } finally {
      FakeRosterSource.down(false);
      breakers.resetAll();
      roster.forget();
    }
  }

  @Test
  @DisplayName("enforcement off by default: the internal answer allows, and may be kept a minute")
  void theInternalAnswerWithoutEnforcement() {
    as(token("consent-service", "service"))
        .get("/internal/staff-policy/sub-" + user("jo"))
        .then()
        .statusCode(200)
        .header("Cache-Control", equalTo("private, max-age=60"))
        .body("enforced", equalTo(false))
        .body("allowed", equalTo(true))
        .body("reason", equalTo("NOT_ENFORCED"))
        .body("policy", equalTo("staff-policy"));
    as(token("jo", "agent"))
        .get("/internal/staff-policy/sub-jo")
        .then()
        .statusCode(403)
        .contentType(PROBLEM_JSON);
    given().get("/internal/staff-policy/sub-jo").then().statusCode(401).contentType(PROBLEM_JSON);
    as(token("consent-service", "service"))
        .get("/internal/staff-policy/-bad")
        .then()
        .statusCode(400)
        .contentType(PROBLEM_JSON);
  }

  private static void expect422(String bearer, Object body, String type) {
    expect(bearer, body, 422, type);
  }

  private static void expect(String bearer, Object body, int status, String type) {
    as(bearer)
        .body(body)
        .post("/v1/staff-acknowledgements")
        .then()
        .statusCode(status)
        .contentType(PROBLEM_JSON)
        .body("type", equalTo(PROBLEM + type));
  }

  private static Published latest(String notice) {
    JsonPath v =
        as(dpo())
            .get("/v1/notices/" + notice + "/versions/latest")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    return new Published(
        v.getString("id"), v.getString("documentHash"), v.getString("contentHash"), null);
  }

  private long count(String sql, Object... params) throws SQLException {
    try (Connection c = db.getConnection();
        PreparedStatement s = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        s.setObject(i + 1, params[i]);
      }
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getLong(1);
      }
    }
  }
}
