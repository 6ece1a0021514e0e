package dev.riservo.notice.acknowledgements;

import static dev.riservo.notice.acknowledgements.StaffNotices.ack;
import static dev.riservo.notice.acknowledgements.StaffNotices.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riservo.identity.testing.TestTokens;
import dev.riservo.notice.acknowledgements.StaffNotices.Published;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.smallrye.jwt.build.Jwt;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Staff acknowledgements under the internal data-source contract (issue 15): a member of staff who
 * acknowledges is found by e-mail or Keycloak user id, their acknowledgements are exported, and
 * erasure deletes them, keeping only an anonymous count per version and day.
 */
@QuarkusTest
class StaffSubjectDataTest {

  static final String SUBJECT_DATA = "/internal/subject-data";
  static final String PART = "staff acknowledgements";
  static final String POLICY = StaffNotices.key("data-policy");
  static final String OTHER = StaffNotices.key("data-other");
  static Published policy;
  static Published other;

  @Inject AgroalDataSource db;

  /** Once per run, after Quarkus has started. */
  @BeforeEach
  void publishOnce() {
    synchronized (StaffSubjectDataTest.class) {
      if (policy == null) {
        StaffNotices.define(POLICY, "STAFF");
        StaffNotices.define(OTHER, "STAFF");
        policy = StaffNotices.publish(POLICY, "it", null);
        other = StaffNotices.publish(OTHER, "it", null);
        StaffNotices.awaitInstant(
            policy.effectiveFrom().isAfter(other.effectiveFrom())
                ? policy.effectiveFrom()
                : other.effectiveFrom());
      }
    }
  }

  /** A member of staff: username, Keycloak user id, e-mail (null: none in the token). */
  record Staff(String username, String keycloakId, String email) {

    static Staff fresh(String name, boolean withEmail) {
      String username = name + "-" + UUID.randomUUID().toString().substring(0, 8);
      return new Staff(
          username, UUID.randomUUID().toString(), withEmail ? username + "@Riservo.Example" : null);
    }

    /** A token shaped like Keycloak's, with the email claim when there is one. */
    String bearer() {
      var claims =
          Jwt.issuer("https://keycloak.test/realms/riservo")
              .preferredUserName(username)
              .subject(keycloakId)
              .claim("realm_access", Map.of("roles", List.of("agent")));
      if (email != null) {
        claims.claim("email", email);
      }
      return "Bearer " + claims.expiresIn(300).sign();
    }
  }

  static String rightsService() {
    return TestTokens.bearer("service-account-subject-rights-service", "service");
  }

  static void acknowledge(Staff who, Published version, String notice) {
    as(who.bearer())
        .body(ack(notice, version.id(), version.documentHash()))
        .post("/v1/staff-acknowledgements")
        .then()
        .statusCode(201);
  }

  static List<String> search(Map<String, Object> identifiers) {
    return as(rightsService())
        .body(identifiers)
        .post(SUBJECT_DATA + "/search")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("subjectRefs", String.class);
  }

  static String theOne(Map<String, Object> identifiers) {
    List<String> found = search(identifiers);
    assertEquals(1, found.size(), found.toString());
    return found.get(0);
  }

  static JsonPath export(String ref) {
    return as(rightsService())
        .get(SUBJECT_DATA + "/" + ref)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  static JsonPath erase(String ref, boolean dryRun) {
    return as(rightsService())
        .queryParam("dryRun", dryRun)
        .delete(SUBJECT_DATA + "/" + ref)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  @Test
  @DisplayName("contract search: a member of staff is found by e-mail (any case) and Keycloak id")
  void searchFindsAMemberOfStaffByEmailAndKeycloakId() {
    Staff ann = Staff.fresh("ann", true);
    assertEquals(List.of(), search(Map.of("email", ann.email())));
    acknowledge(ann, policy, POLICY);
    acknowledge(ann, other, OTHER);
    String ref = theOne(Map.of("email", ann.email().toLowerCase(Locale.ROOT)));
    assertEquals(ref, theOne(Map.of("customerId", ann.keycloakId())));
    assertEquals(
        1,
        count("SELECT count(*) FROM subject WHERE ref = ?", UUID.fromString(ref)),
        "one subject for both acknowledgements");
    assertEquals(
        2,
        count(
            "SELECT count(*) FROM staff_acknowledgement WHERE subject_ref = ?",
            UUID.fromString(ref)));
  }

  @Test
  @DisplayName("contract search: without an email claim, the Keycloak user id finds them")
  void withoutAnEmailTheKeycloakIdFindsThem() {
    Staff bob = Staff.fresh("bob", false);
    acknowledge(bob, policy, POLICY);
    String ref = theOne(Map.of("customerId", bob.keycloakId()));
    export(ref)
        .getMap("identifiers")
        .forEach((k, v) -> assertEquals("customerId", k, "only the Keycloak id is held"));
  }

  @Test
  @DisplayName("contract export: the member of staff's acknowledgements, with terms")
  void exportListsTheAcknowledgements() {
    Staff cat = Staff.fresh("cat", true);
    acknowledge(cat, policy, POLICY);
    String ref = theOne(Map.of("email", cat.email()));
    JsonPath export = export(ref);
    assertEquals(cat.keycloakId(), export.getString("identifiers.customerId"));
    assertEquals(cat.email().toLowerCase(Locale.ROOT), export.getString("identifiers.email"));
    String part = "parts.find { it.part == '" + PART + "' }";
    assertEquals(1, export.getList(part + ".records").size());
    assertEquals(POLICY, export.getString(part + ".records[0].noticeId"));
    assertEquals(
        Integer.parseInt(policy.id().substring(policy.id().indexOf('@') + 1)),
        export.getInt(part + ".records[0].version"));
    assertEquals(policy.id(), export.getString(part + ".records[0].versionId"));
    assertTrue(export.getString(part + ".records[0].acknowledgedAt") != null);
    assertEquals(cat.username(), export.getString(part + ".records[0].username"));
    assertTrue(!export.getList(part + ".purposes").isEmpty(), "purposes and legal basis");
  }

  @Test
  @DisplayName(
      "contract erase: acknowledgements deleted, an anonymous count per version and day kept")
  void eraseDeletesThemAndKeepsAnAnonymousCount() {
    Staff dan = Staff.fresh("dan", true);
    acknowledge(dan, policy, POLICY);
    String ref = theOne(Map.of("email", dan.email()));
    long keptBefore = erasedCount(POLICY);

    JsonPath plan = erase(ref, true);
    assertEquals(1, plan.getInt("erased.'" + PART + "'"));
    assertEquals(1, acknowledgementsOf(dan), "a dry run changes nothing");

    JsonPath report = erase(ref, false);
    assertEquals(1, report.getInt("erased.'" + PART + "'"));
    assertTrue(
        report.getList("kept.what", String.class).stream()
            .anyMatch(what -> what.contains("staff acknowledgement erased")),
        report.prettify());
    assertEquals(0, acknowledgementsOf(dan));
    assertEquals(keptBefore + 1, erasedCount(POLICY), "counted, without who");
    assertEquals(List.of(), search(Map.of("email", dan.email())));
    assertEquals(List.of(), search(Map.of("customerId", dan.keycloakId())));
    assertTrue(erase(ref, false).getBoolean("alreadyErased"), "idempotent");

    // still on the staff: the policy is missing again, and a new acknowledgement a new subject
    as(dan.bearer())
        .get("/v1/staff-acknowledgements/mine")
        .then()
        .statusCode(200)
        .body("missing.noticeId", hasItem(POLICY));
    acknowledge(dan, policy, POLICY);
    assertNotEquals(ref, theOne(Map.of("email", dan.email())));
  }

  @Test
  @DisplayName("contract export and erase: rows recorded before V7 (no subject) come along")
  void rowsFromBeforeSubjectsAreExportedAndErased() throws SQLException {
    Staff eve = Staff.fresh("eve", true);
    insertLegacy(eve, other, OTHER);
    assertEquals(List.of(), search(Map.of("customerId", eve.keycloakId())), "no subject yet");
    acknowledge(eve, policy, POLICY);
    String ref = theOne(Map.of("email", eve.email()));
    String part = "parts.find { it.part == '" + PART + "' }";
    assertEquals(
        List.of(OTHER, POLICY), export(ref).getList(part + ".records.noticeId", String.class));
    assertEquals(2, erase(ref, false).getInt("erased.'" + PART + "'"));
    assertEquals(0, acknowledgementsOf(eve));
  }

  @Test
  @DisplayName("contract routes: role service only; staff and anonymous callers are refused")
  void onlyServiceClientsReachTheContract() {
    Staff fay = Staff.fresh("fay", true);
    acknowledge(fay, policy, POLICY);
    String ref = theOne(Map.of("email", fay.email()));
    for (String bearer :
        List.of(fay.bearer(), TestTokens.bearer("dora-dpo", "dpo", "admin", "supervisor"))) {
      as(bearer)
          .body(Map.of("email", fay.email()))
          .post(SUBJECT_DATA + "/search")
          .then()
          .statusCode(403);
      as(bearer).get(SUBJECT_DATA + "/" + ref).then().statusCode(403);
      as(bearer).delete(SUBJECT_DATA + "/" + ref).then().statusCode(403);
    }
    given()
        .contentType("application/json")
        .body(Map.of("email", fay.email()))
        .post(SUBJECT_DATA + "/search")
        .then()
        .statusCode(401);
    given().get(SUBJECT_DATA + "/" + ref).then().statusCode(401);
    given().delete(SUBJECT_DATA + "/" + ref).then().statusCode(401);
    assertEquals(1, acknowledgementsOf(fay), "nothing erased");
  }

  private long acknowledgementsOf(Staff who) {
    return count(
        "SELECT count(*) FROM staff_acknowledgement WHERE subject_id = ?", who.keycloakId());
  }

  private long erasedCount(String notice) {
    return count(
        "SELECT coalesce(sum(acknowledgements), 0) FROM staff_acknowledgement_erased"
            + " WHERE notice_id = ?",
        notice);
  }

  private long count(String query, Object... params) {
    try (Connection c = db.getConnection();
        PreparedStatement s = c.prepareStatement(query)) {
      for (int i = 0; i < params.length; i++) {
        s.setObject(i + 1, params[i]);
      }
      try (ResultSet rows = s.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(query, e);
    }
  }

  /** A row as V6 wrote them: no subject_ref. */
  private void insertLegacy(Staff who, Published version, String notice) throws SQLException {
    try (Connection c = db.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO staff_acknowledgement (id, notice_id, version, subject_id, username,"
                    + " hash, acknowledged_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      s.setObject(1, UUID.randomUUID());
      s.setString(2, notice);
      s.setInt(3, Integer.parseInt(version.id().substring(version.id().indexOf('@') + 1)));
      s.setString(4, who.keycloakId());
      s.setString(5, who.username());
      s.setString(6, version.documentHash());
      s.setTimestamp(7, Timestamp.from(Instant.now().minusSeconds(60)));
      s.executeUpdate();
    }
  }
}
