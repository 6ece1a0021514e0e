package dev.riservo.notice.acknowledgements;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;

import dev.riservo.identity.testing.TestTokens;
import dev.riservo.notice.content.domain.CompleteNotices;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Staff notices for the acknowledgement tests: defined, drafted and published by the DPO. */
final class StaffNotices {

  static final String PROBLEM = "https://riservo.dev/problems/";
  static final String PROBLEM_JSON = "application/problem+json";

  /** A published version: its id, its document hash, and when it takes effect. */
  record Published(String id, String documentHash, String contentHash, Instant effectiveFrom) {}

  private StaffNotices() {}

  static RequestSpecification as(String bearer) {
    return given().header("Authorization", bearer).contentType(ContentType.JSON);
  }

  static String dpo() {
    return TestTokens.bearer("dora-dpo", "dpo");
  }

  static String key(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  static void define(String notice, String audience) {
    as(dpo())
        .body(Map.of("audience", audience, "channel", "WRITTEN", "fallbackLanguage", "it"))
        .put("/v1/notices/" + notice)
        .then()
        .statusCode(anyOf(equalTo(200), equalTo(201)));
  }

  /** Publishes a complete version in {@code language}, effective at {@code at} (null: now). */
  static Published publish(String notice, String language, Instant at) {
    Map<String, Object> draft = new LinkedHashMap<>();
    draft.put("language", language);
    draft.put("title", "Policy interna " + language);
    draft.put("content", CompleteNotices.art13());
    draft.put("body", "# Policy interna\n\n" + UUID.randomUUID());
    String draftId =
        as(dpo())
            .body(draft)
            .post("/v1/notices/" + notice + "/drafts")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    Map<String, Object> when = at == null ? Map.of() : Map.of("effectiveFrom", at.toString());
    JsonPath v =
        as(dpo())
            .body(when)
            .post("/v1/notices/" + notice + "/drafts/" + draftId + "/publication")
            .then()
            .statusCode(201)
            .extract()
            .jsonPath();
    return new Published(
        v.getString("id"),
        v.getString("documentHash"),
        v.getString("contentHash"),
        Instant.parse(v.getString("effectiveFrom")));
  }

  static void awaitInstant(Instant instant) {
    long wait = instant.toEpochMilli() - System.currentTimeMillis() + 50;
    if (wait > 0) {
      try {
        Thread.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  static Map<String, Object> ack(String notice, String versionId, String hash) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("noticeId", notice);
    body.put("versionId", versionId);
    body.put("hash", hash);
    return body;
  }
}
