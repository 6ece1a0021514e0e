package dev.riservo.notice;

import static dev.riservo.notice.NoticeFixtures.PROBLEM;
import static dev.riservo.notice.NoticeFixtures.PROBLEM_JSON;
import static dev.riservo.notice.NoticeFixtures.agent;
import static dev.riservo.notice.NoticeFixtures.body;
import static dev.riservo.notice.NoticeFixtures.dpo;
import static dev.riservo.notice.NoticeFixtures.noticeId;
import static dev.riservo.notice.NoticeFixtures.publish;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.oneOf;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riservo.identity.testing.AuditVerificationClient;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The audit trail's verification is asynchronous (issue 14, item 2): a POST starts it and answers
 * at once, a GET follows it to its verdict; the synchronous route is gone, so no route needs a long
 * idle allowance. The mechanism is audit-trail's; notice-service is where it is tested.
 */
@QuarkusTest
class AuditVerificationTest {

  private static final String ID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

  @Inject AgroalDataSource db;

  private void sql(String statement) throws SQLException {
    try (Connection connection = db.getConnection();
        Statement s = connection.createStatement()) {
      s.execute(statement);
    }
  }

  private String text(String query) throws SQLException {
    try (Connection connection = db.getConnection();
        Statement s = connection.createStatement();
        ResultSet rows = s.executeQuery(query)) {
      return rows.next() ? rows.getString(1) : null;
    }
  }

  private static String idOf(String location) {
    return location.substring(location.lastIndexOf('/') + 1);
  }

  @Test
  void aPostStartsAVerificationAt202AndItsLocationLeadsToTheVerdict() throws SQLException {
    publish(noticeId(), body("audited")).then().statusCode(201);
    Response started = given().header("Authorization", dpo()).post("/v1/audit/verifications");
    started
        .then()
        .statusCode(202)
        .header("Location", matchesPattern(".*/v1/audit/verifications/" + ID))
        .header("Retry-After", "1")
        .body("state", oneOf("RUNNING", "FINISHED"))
        .body("startedAt", startsWith("20"));
    String location = started.header("Location");
    assertEquals(idOf(location), started.path("id"));

    Response done = AuditVerificationClient.finished(dpo(), location);
    done.then()
        .statusCode(200)
        .body("id", equalTo(idOf(location)))
        .body("state", equalTo("FINISHED"))
        .body("result.intact", equalTo(true));
    int checked = done.path("result.entriesChecked");
    assertTrue(checked >= 1, "at least the publish's entry");
    assertEquals(checked, (int) done.path("entriesChecked"));
    assertEquals(checked, (int) done.path("entriesTotal"));
    assertEquals(
        "true|" + checked,
        text(
            "SELECT intact || '|' || entries_checked FROM audit_verification"
                + " WHERE finished_at IS NOT NULL AND id = '"
                + idOf(location)
                + "'"));
  }

  @Test
  void anEditedEntryIsReportedAsTheFirstBrokenOne() throws SQLException {
    publish(noticeId(), body("to be edited")).then().statusCode(201);
    AuditVerificationClient.verify(); // every entry chained
    String seq = text("SELECT max(seq) FROM audit_entry");
    String details = text("SELECT details FROM audit_entry WHERE seq = " + seq);
    sql("UPDATE audit_entry SET details = '{}' WHERE seq = " + seq);
    try {
      AuditVerificationClient.verify()
          .body("intact", equalTo(false))
          .body("brokenAt", equalTo(Integer.parseInt(seq)));
    } finally {
      sql(
          "UPDATE audit_entry SET details = '"
              + details.replace("'", "''")
              + "' WHERE seq = "
              + seq);
    }
    AuditVerificationClient.verify().body("intact", equalTo(true));
  }

  @Test
  void aStartWhileOneRunsAnswersTheRunningOneUntilItsReplicaFallsSilent() throws SQLException {
    UUID elsewhere = UUID.randomUUID(); // running on another replica
    sql(
        "INSERT INTO audit_verification (id, started_at, heartbeat_at, entries_checked,"
            + " entries_total) VALUES ('"
            + elsewhere
            + "', now(), now(), 10, 40)");
    try {
      Response joined = given().header("Authorization", dpo()).post("/v1/audit/verifications");
      joined.then().statusCode(202).body("id", equalTo(elsewhere.toString()));
      assertEquals(elsewhere.toString(), idOf(joined.header("Location")));
      given()
          .header("Authorization", dpo())
          .get("/v1/audit/verifications/" + elsewhere)
          .then()
          .statusCode(200)
          .body("state", equalTo("RUNNING"))
          .body("entriesChecked", equalTo(10))
          .body("entriesTotal", equalTo(40));
    } finally {
      sql(
          "UPDATE audit_verification SET heartbeat_at = now() - interval '1 hour'"
              + " WHERE id = '"
              + elsewhere
              + "'");
    }
    given()
        .header("Authorization", dpo())
        .get("/v1/audit/verifications/" + elsewhere)
        .then()
        .statusCode(200)
        .body("state", equalTo("FAILED"))
        .body("failure", startsWith("The replica running this verification stopped"));
    String fresh = AuditVerificationClient.start(dpo());
    assertNotEquals(elsewhere.toString(), idOf(fresh));
    AuditVerificationClient.finished(dpo(), fresh).then().body("state", equalTo("FINISHED"));
  }

  @Test
  void finishedVerificationsAreKeptADayAndNoMoreThanTwenty() throws SQLException {
    String finished =
        " (id, started_at, heartbeat_at, finished_at, intact, entries_checked) SELECT"
            + " gen_random_uuid(), t, t, t, true, 0 FROM (SELECT now() - ";
    sql("INSERT INTO audit_verification" + finished + "interval '2 days' AS t) d");
    String expired =
        text("SELECT id FROM audit_verification WHERE finished_at < now() - interval '1 day'");
    given()
        .header("Authorization", dpo())
        .get("/v1/audit/verifications/" + expired)
        .then()
        .statusCode(404)
        .contentType(startsWith(PROBLEM_JSON));
    for (int i = 0; i < 30; i++) {
      sql("INSERT INTO audit_verification" + finished + "interval '1 minute' AS t) d");
    }
    AuditVerificationClient.verify().body("intact", equalTo(true));
    assertEquals(
        "0",
        text(
            "SELECT count(*) FROM audit_verification"
                + " WHERE finished_at < now() - interval '1 day'"));
    int kept =
        Integer.parseInt(
            text("SELECT count(*) FROM audit_verification WHERE finished_at IS NOT NULL"));
    assertTrue(kept <= 21, kept + " finished verifications kept");
  }

  @Test
  void onlyTheDpoMayStartOrFollowAVerification() throws SQLException {
    String before = text("SELECT count(*) FROM audit_verification");
    given()
        .header("Authorization", agent())
        .post("/v1/audit/verifications")
        .then()
        .statusCode(403)
        .contentType(startsWith(PROBLEM_JSON));
    assertEquals(before, text("SELECT count(*) FROM audit_verification"));
    String location = AuditVerificationClient.start(dpo());
    given()
        .header("Authorization", agent())
        .get(location)
        .then()
        .statusCode(403)
        .contentType(startsWith(PROBLEM_JSON));
    given().post("/v1/audit/verifications").then().statusCode(401);
    AuditVerificationClient.finished(dpo(), location);
  }

  @Test
  void anUnknownVerificationIs404() {
    given()
        .header("Authorization", dpo())
        .get("/v1/audit/verifications/" + UUID.randomUUID())
        .then()
        .statusCode(404)
        .contentType(startsWith(PROBLEM_JSON))
        .body("type", equalTo(PROBLEM + "not-found"));
  }

  @Test
  void theSynchronousVerificationRoutesAreGone() {
    for (String path : new String[] {"/v1/audit/verify", "/v1/audit/verify/progress"}) {
      given()
          .header("Authorization", dpo())
          .get(path)
          .then()
          .statusCode(404)
          .contentType(startsWith(PROBLEM_JSON));
    }
  }
}
