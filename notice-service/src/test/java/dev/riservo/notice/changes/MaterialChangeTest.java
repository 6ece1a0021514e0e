package dev.riservo.notice.changes;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riservo.identity.testing.TestTokens;
import dev.riservo.notice.content.domain.CompleteNotices;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Rule 10: a material change lists everyone who heard an earlier version and must be told (not the
 * erased, not the restricted), with evidence of each notification, and takes effect no sooner than
 * its notice period.
 */
@QuarkusTest
class MaterialChangeTest {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String DPO = TestTokens.bearer("dora-dpo", "dpo");
  private static final String AGENT = TestTokens.bearer("alice-agent", "agent");
  private static final String RIGHTS =
      TestTokens.bearer("service-account-subject-rights-service", "service");

  @Inject AgroalDataSource db;

  private static RequestSpecification as(String token) {
    return given().header("Authorization", token).contentType("application/json");
  }

  /** Without a content type: a request with no body. */
  private static RequestSpecification bare(String token) {
    return given().header("Authorization", token);
  }

  private static String notice() {
    String key = "material-" + Long.toHexString(RANDOM.nextLong() & Long.MAX_VALUE);
    as(DPO)
        .body(Map.of("audience", "SUBJECTS", "channel", "VERBAL_SCRIPT", "fallbackLanguage", "it"))
        .put("/v1/notices/" + key)
        .then()
        .statusCode(201);
    return key;
  }

  private static String draft(String key, String body) {
    Map<String, Object> draft = new LinkedHashMap<>();
    draft.put("language", "it");
    draft.put("title", "Informativa");
    draft.put("content", CompleteNotices.art13());
    draft.put("body", body);
    return as(DPO)
        .body(draft)
        .post("/v1/notices/" + key + "/drafts")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  private static JsonPath publish(String key, String draft, Map<String, Object> publication) {
    return as(DPO)
        .body(publication)
        .post("/v1/notices/" + key + "/drafts/" + draft + "/publication")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath();
  }

  private static UUID present(JsonPath version, Map<String, Object> subject) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("subject", subject);
    body.put(
        "notice", Map.of("id", version.getString("id"), "hash", version.getString("contentHash")));
    body.put("language", "it");
    body.put("deliveryMode", "AGENT_READ");
    return UUID.fromString(
        as(AGENT)
            .body(body)
            .post("/v1/presentations")
            .then()
            .statusCode(201)
            .extract()
            .path("subjectRef"));
  }

  private static String phone() {
    return "+39347" + String.format("%07d", RANDOM.nextInt(10_000_000));
  }

  private static void waitUntil(Instant instant) throws InterruptedException {
    long ms = Duration.between(Instant.now(), instant).toMillis();
    if (ms > 0) {
      Thread.sleep(ms + 50);
    }
  }

  @Test
  @DisplayName(
      "rule 10: a material change lists who heard an earlier version (not the erased or"
          + " restricted), records how each was told, and waits its notice period")
  void aMaterialChangeListsWhoMustBeToldAndRecordsHow() throws Exception {
    String key = notice();
    JsonPath v1 = publish(key, draft(key, "# v1"), Map.of());
    assertTrue(v1.get("notificationCampaign") == null, "an ordinary version opens nothing");
    waitUntil(Instant.parse(v1.getString("effectiveFrom")));

    String phone = phone();
    UUID byPhone = present(v1, Map.of("phone", phone));
    String email = "persona." + UUID.randomUUID() + "@example.org";
    UUID byEmail = present(v1, Map.of("email", email));
    UUID erased = present(v1, Map.of("phone", phone()));
    UUID restricted = present(v1, Map.of("phone", phone()));
    bare(RIGHTS).delete("/internal/subject-data/" + erased).then().statusCode(200);
    as(RIGHTS)
        .body(Map.of("ground", "ACCURACY_CONTESTED"))
        .put("/internal/subject-data/" + restricted + "/restriction")
        .then()
        .statusCode(200);

    String v2 = draft(key, "# v2: new purposes");
    as(DPO)
        .body(
            Map.of(
                "material",
                true,
                "effectiveFrom",
                Instant.now().plus(Duration.ofDays(2)).toString()))
        .post("/v1/notices/" + key + "/drafts/" + v2 + "/publication")
        .then()
        .statusCode(422)
        .contentType("application/problem+json")
        .body("type", endsWith("material-change-too-soon"))
        .body("errors[0].field", equalTo("effectiveFrom"));
    JsonPath published =
        publish(
            key,
            v2,
            Map.of(
                "material",
                true,
                "effectiveFrom",
                Instant.now().plus(Duration.ofDays(31)).toString()));
    assertEquals(true, published.getBoolean("material"));
    String campaign = published.getString("notificationCampaign");

    as(DPO)
        .get("/v1/notification-campaigns/" + campaign)
        .then()
        .statusCode(200)
        .body("materialVersion", equalTo(key + "@2"))
        .body("total", equalTo(2))
        .body("notified", equalTo(0))
        .body("pending", equalTo(2));
    List<String> members =
        as(DPO)
            .get("/v1/notification-campaigns/" + campaign + "/members")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("items.subjectRef", String.class);
    assertEquals(
        List.of(byPhone.toString(), byEmail.toString()).stream().sorted().toList(), members);

    String csv =
        as(DPO)
            .get("/v1/notification-campaigns/" + campaign + "/members.csv")
            .then()
            .statusCode(200)
            .contentType(org.hamcrest.Matchers.startsWith("text/csv"))
            .extract()
            .asString();
    List<String> lines = csv.lines().toList();
    assertEquals(3, lines.size(), csv.length() + " characters");
    assertTrue(lines.get(0).startsWith("subject_ref,phone,email"));
    assertTrue(lines.stream().anyMatch(l -> l.startsWith(byPhone + "," + phone + ",,")));
    assertTrue(lines.stream().anyMatch(l -> l.startsWith(byEmail + ",," + email + ",")));

    String sentAt = Instant.now().toString();
    Map<String, Object> evidence = Map.of("channel", "SMS", "messageId", "SM-1", "sentAt", sentAt);
    String path = "/v1/notification-campaigns/" + campaign + "/members/";
    as(DPO)
        .body(evidence)
        .put(path + byPhone + "/notification")
        .then()
        .statusCode(200)
        .body("notifiedAt", notNullValue())
        .body("channel", equalTo("SMS"));
    as(DPO).body(evidence).put(path + byPhone + "/notification").then().statusCode(200);
    as(DPO)
        .body(Map.of("channel", "EMAIL", "messageId", "x", "sentAt", sentAt))
        .put(path + byPhone + "/notification")
        .then()
        .statusCode(409);
    as(DPO)
        .body(Map.of("channel", "SMS", "sentAt", Instant.now().plusSeconds(3600).toString()))
        .put(path + byEmail + "/notification")
        .then()
        .statusCode(422);
    as(DPO).body(evidence).put(path + erased + "/notification").then().statusCode(404);
    as(DPO)
        .body(Map.of("channel", "PIGEON", "sentAt", sentAt))
        .put(path + byEmail + "/notification")
        .then()
        .statusCode(400);
    as(AGENT).get("/v1/notification-campaigns/" + campaign).then().statusCode(403);
    given().get("/v1/notification-campaigns/" + campaign).then().statusCode(401);
    as(DPO)
        .get("/v1/notification-campaigns/" + campaign)
        .then()
        .body("notified", equalTo(1))
        .body("pending", equalTo(1));

    // the contract exports the notification, and erasure takes the person off the list
    bare(RIGHTS)
        .get("/internal/subject-data/" + byPhone)
        .then()
        .statusCode(200)
        .body(org.hamcrest.Matchers.containsString("SM-1"));
    bare(RIGHTS).delete("/internal/subject-data/" + byPhone).then().statusCode(200);
    as(DPO).get("/v1/notification-campaigns/" + campaign).then().body("total", equalTo(1));
    bare(DPO)
        .get("/v1/notification-campaigns/" + UUID.randomUUID())
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
  }
}
