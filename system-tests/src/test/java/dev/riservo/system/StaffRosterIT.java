package dev.riservo.system;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Rule 10 against the real Keycloak: notice-service reads the staff roster through Keycloak's admin
 * API (client notice-roster, only view-users), so the DPO sees who has not acknowledged the staff
 * policy in force; an agent acknowledges and leaves the list; a disabled user (former-agent, an
 * agent in the realm import) is never listed, nor users without a staff role.
 */
class StaffRosterIT {

  private static final String NOTICES = Stack.GATEWAY + "/api/notices";

  /** A complete Art. 13 document (the completeness check applies to staff notices too). */
  private static final String CONTENT =
      """
      {"controller": {"name": "Riservo Demo S.r.l.", "address": "Via Esempio 1, Milano",
                      "email": "privacy@example.org", "phone": "+44 20 7946 0001"},
       "dpo": {"name": "DPO", "email": "dpo@example.org", "phone": null, "address": null},
       "purposes": [{"id": "staff-administration", "description": "Managing staff",
                     "legalBasis": "CONTRACT", "legitimateInterest": null,
                     "retention": {"period": "P10Y", "criteria": null}}],
       "dataCategories": ["staff identifiers"], "collection": "From the staff member",
       "sources": null,
       "recipients": [{"name": "Cloud provider", "role": "PROCESSOR", "country": "IE",
                       "description": "hosting"}],
       "transfers": [],
       "automatedDecisions": {"used": false, "logic": null, "significance": null},
       "rights": [{"right": "ACCESS", "how": "Write to the DPO"},
                  {"right": "RECTIFICATION", "how": "Write to the DPO"},
                  {"right": "ERASURE", "how": "Write to the DPO"},
                  {"right": "RESTRICTION", "how": "Write to the DPO"},
                  {"right": "PORTABILITY", "how": "Write to the DPO"},
                  {"right": "OBJECTION", "how": "Write to the DPO"}],
       "withdrawConsent": "Write to the DPO",
       "obligationToProvide": "Required by the employment contract",
       "complaint": {"authority": "Garante per la protezione dei dati personali",
                     "contact": "garanteprivacy.it"}}
      """;

  private static RequestSpecification as(String user) {
    return given()
        .header("Authorization", "Bearer " + Stack.userToken(user))
        .contentType(ContentType.JSON);
  }

  @Test
  void theDpoSeesWhoHasNotAcknowledgedAndAnAgentLeavesTheList() throws InterruptedException {
    String key = "staff-it-" + UUID.randomUUID().toString().substring(0, 8);
    String published = publishStaffNotice(key);
    String list = NOTICES + "/v1/notices/" + key + "/acknowledgements";

    JsonPath missing = standing(list, "missing");
    List<String> names = missing.getList("items.username");
    assertTrue(names.containsAll(List.of("agent", "supervisor", "dpo", "admin")), names.toString());
    assertFalse(names.contains("former-agent"), "a disabled user is not listed");
    assertFalse(names.contains("nobody"), "a user without a staff role is not staff");
    assertTrue(
        names.stream().noneMatch(n -> n.startsWith("service-account-")), "machines are not staff");
    assertEquals(names.size(), missing.getInt("counts.missing"));
    assertEquals(0, missing.getInt("counts.acknowledged"));

    // the agent sees what is left, and acknowledges the version in force with its hash
    JsonPath mine =
        as("agent")
            .get(NOTICES + "/v1/staff-acknowledgements/mine")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    String hash =
        mine.getString("missing.find { it.noticeId == '" + key + "' }.current[0].documentHash");
    as("agent")
        .body(Map.of("noticeId", key, "versionId", published, "hash", hash))
        .post(NOTICES + "/v1/staff-acknowledgements")
        .then()
        .statusCode(201)
        .body("username", equalTo("agent"));

    JsonPath after = standing(list, "missing");
    assertFalse(after.getList("items.username").contains("agent"), "the agent left the list");
    assertEquals(1, after.getInt("counts.acknowledged"));
    assertEquals(missing.getInt("counts.total"), after.getInt("counts.total"));
    JsonPath done = standing(list, "done");
    assertEquals(List.of("agent"), done.getList("items.username"));
    assertEquals(published, done.getString("items[0].versionId"));

    // the list is the DPO's
    as("agent").get(list).then().statusCode(403);
  }

  private static JsonPath standing(String list, String status) {
    return as("dpo")
        .queryParam("status", status)
        .queryParam("size", 500)
        .get(list)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  /** Defines a STAFF notice, publishes a version, waits until it is in force; its id. */
  private static String publishStaffNotice(String key) throws InterruptedException {
    as("dpo")
        .body(Map.of("audience", "STAFF", "channel", "WRITTEN", "fallbackLanguage", "it"))
        .put(NOTICES + "/v1/notices/" + key)
        .then()
        .statusCode(anyOf(equalTo(200), equalTo(201)));
    String draft =
        "{\"language\": \"it\", \"title\": \"Policy interna\", \"body\": \"# Policy\","
            + " \"content\": "
            + CONTENT
            + "}";
    String draftId =
        as("dpo")
            .body(draft)
            .post(NOTICES + "/v1/notices/" + key + "/drafts")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    JsonPath version =
        as("dpo")
            .body("{}")
            .post(NOTICES + "/v1/notices/" + key + "/drafts/" + draftId + "/publication")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    long wait =
        Instant.parse(version.getString("effectiveFrom")).toEpochMilli()
            - System.currentTimeMillis()
            + 100;
    if (wait > 0) {
      Thread.sleep(wait);
    }
    return version.getString("id");
  }
}
