package dev.riservo.notice;

import static dev.riservo.notice.NoticeFixtures.PROBLEM;
import static dev.riservo.notice.NoticeFixtures.PROBLEM_JSON;
import static dev.riservo.notice.NoticeFixtures.agent;
import static dev.riservo.notice.NoticeFixtures.as;
import static dev.riservo.notice.NoticeFixtures.count;
import static dev.riservo.notice.NoticeFixtures.dpo;
import static dev.riservo.notice.NoticeFixtures.noticeId;
import static dev.riservo.notice.NoticeFixtures.reader;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.riservo.notice.content.domain.CanonicalJson;
import dev.riservo.notice.content.domain.CompleteNotices;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Rule 10 through the API: define, draft, publish (complete only), then immutable; in force. */
@QuarkusTest
class NoticeLifecycleTest {

  @Inject AgroalDataSource db;

  static void define(String notice, String channel) {
    as(dpo())
        .body(Map.of("audience", "SUBJECTS", "channel", channel, "fallbackLanguage", "it"))
        .put("/v1/notices/" + notice)
        .then()
        .statusCode(201)
        .body("fallbackLanguage", equalTo("it"));
  }

  static Map<String, Object> draft(String language, String body) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("language", language);
    d.put("title", "Informativa");
    d.put("content", CompleteNotices.art13());
    d.put("body", body);
    return d;
  }

  static String createDraft(String notice, Map<String, Object> body) {
    return as(dpo())
        .body(body)
        .post("/v1/notices/" + notice + "/drafts")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  static Response publish(String notice, String draft, Object body) {
    return as(dpo()).body(body).post("/v1/notices/" + notice + "/drafts/" + draft + "/publication");
  }

  @Test
  @DisplayName("rule 10: a definition is fixed once made")
  void aDefinitionIsMadeOnce() {
    String notice = noticeId();
    define(notice, "WRITTEN");
    as(dpo())
        .body(Map.of("audience", "SUBJECTS", "channel", "WRITTEN", "fallbackLanguage", "IT"))
        .put("/v1/notices/" + notice)
        .then()
        .statusCode(200);
    as(dpo())
        .body(Map.of("audience", "STAFF", "channel", "WRITTEN", "fallbackLanguage", "it"))
        .put("/v1/notices/" + notice)
        .then()
        .statusCode(409)
        .body("type", equalTo(PROBLEM + "notice-already-defined"));
    as(dpo())
        .body(Map.of("audience", "SUBJECTS", "channel", "WRITTEN", "fallbackLanguage", "xx"))
        .put("/v1/notices/" + noticeId())
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("fallbackLanguage"));
    as(agent())
        .get("/v1/notices/" + notice)
        .then()
        .statusCode(200)
        .body("channel", equalTo("WRITTEN"));
  }

  @Test
  @DisplayName("rule 10: publishing an incomplete notice is a 422 naming the missing sections")
  void anIncompleteDraftIsNotPublished() {
    String notice = noticeId();
    define(notice, "WRITTEN");
    Map<String, Object> partial = new LinkedHashMap<>();
    partial.put("language", "it");
    partial.put("title", "Bozza");
    partial.put("body", "# Testo");
    String draft = createDraft(notice, partial);
    as(dpo())
        .get("/v1/notices/" + notice + "/drafts/" + draft)
        .then()
        .statusCode(200)
        .body("status", equalTo("DRAFT"))
        .body("missing.field", hasItems("content.controller", "content.purposes"));
    publish(notice, draft, Map.of())
        .then()
        .statusCode(422)
        .contentType(PROBLEM_JSON)
        .body("type", equalTo(PROBLEM + "notice-incomplete"))
        .body("errors.field", hasItems("content.controller", "content.dpo", "content.rights"));
    assertEquals(0, count(db, "SELECT count(*) FROM notice_version WHERE notice_id = ?", notice));
  }

  @Test
  @DisplayName("rule 10: bad drafts are 4xx problems and store nothing")
  void badDraftsAreRefused() {
    String notice = noticeId();
    define(notice, "WRITTEN");
    Map<String, Object> empty = new LinkedHashMap<>();
    empty.put("language", "it");
    empty.put("title", "Vuota");
    as(dpo())
        .body(empty)
        .post("/v1/notices/" + notice + "/drafts")
        .then()
        .statusCode(422)
        .body("type", equalTo(PROBLEM + "empty-draft"));
    as(dpo())
        .body(draft("xx", "b"))
        .post("/v1/notices/" + notice + "/drafts")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("language"));
    Map<String, Object> badPhone = draft("it", "b");
    badPhone.put("content", Map.of("controller", Map.of("name", "X", "phone", "12345")));
    as(dpo())
        .body(badPhone)
        .post("/v1/notices/" + notice + "/drafts")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("content.controller.phone"));
    Map<String, Object> audio = draft("it", "b");
    audio.put("audioSha256", "a".repeat(64));
    as(dpo())
        .body(audio)
        .post("/v1/notices/" + notice + "/drafts")
        .then()
        .statusCode(422)
        .body("type", equalTo(PROBLEM + "audio-not-ivr"));
    as(dpo())
        .body("{\"language\":")
        .post("/v1/notices/" + notice + "/drafts")
        .then()
        .statusCode(400)
        .contentType(PROBLEM_JSON);
    as(dpo())
        .body(draft("it", "x".repeat(300 * 1024)))
        .post("/v1/notices/" + notice + "/drafts")
        .then()
        .statusCode(400);
    as(dpo())
        .body(draft("it", "x".repeat(1100 * 1024)))
        .post("/v1/notices/" + notice + "/drafts")
        .then()
        .statusCode(413);
    as(dpo())
        .body(draft("it", "b"))
        .post("/v1/notices/" + noticeId() + "/drafts")
        .then()
        .statusCode(404);
    assertEquals(0, count(db, "SELECT count(*) FROM notice_draft WHERE notice_id = ?", notice));
  }

  @Test
  @DisplayName("rule 10: a published version is immutable: editing or publishing it again is 409")
  void publishedIsImmutable() {
    String notice = noticeId();
    define(notice, "VERBAL_SCRIPT");
    String draft = createDraft(notice, draft("it", "# Informativa v1"));
    Response published = publish(notice, draft, Map.of());
    published
        .then()
        .statusCode(201)
        .body("id", equalTo(notice + "@1"))
        .body("hashAlg", equalTo("SHA-256/RFC8785"));
    String documentHash = published.path("documentHash");
    String document =
        reader().get("/v1/notices/versions/" + notice + "@1").path("document").toString();
    String stored =
        (String)
            NoticeFixtures.one(
                db, "SELECT document FROM notice_version WHERE notice_id = ?", notice);
    assertEquals(
        documentHash,
        CanonicalJson.sha256(stored),
        "the hash is over the stored canonical document");
    assertNotEquals("", document);
    as(dpo())
        .body(draft("it", "changed"))
        .put("/v1/notices/" + notice + "/drafts/" + draft)
        .then()
        .statusCode(409)
        .body("type", equalTo(PROBLEM + "version-published"));
    publish(notice, draft, Map.of()).then().statusCode(409);
    as(dpo()).delete("/v1/notices/" + notice + "/drafts/" + draft).then().statusCode(409);
    // the plain-text publish is closed to a defined notice
    as(dpo())
        .body(NoticeFixtures.body("text"))
        .post("/v1/notices/" + notice + "/versions")
        .then()
        .statusCode(409);
    // an effectiveFrom in the past is refused
    String second = createDraft(notice, draft("it", "# v2"));
    publish(notice, second, Map.of("effectiveFrom", "2020-01-01T00:00:00+01:00"))
        .then()
        .statusCode(422)
        .body("type", equalTo(PROBLEM + "effective-from-in-past"));
    publish(notice, second, Map.of("effectiveFrom", "yesterday")).then().statusCode(400);
  }

  @Test
  @DisplayName(
      "rule 10: current serves the version in force, its ETag, validUntil and the fallback")
  void currentAndPublicReads() {
    String notice = noticeId();
    define(notice, "VERBAL_SCRIPT");
    publish(notice, createDraft(notice, draft("it", "# v1")), Map.of()).then().statusCode(201);
    Instant later = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    Response v2 =
        publish(
            notice,
            createDraft(notice, draft("it", "# v2\nnew retention")),
            Map.of("effectiveFrom", later.toString()));
    v2.then().statusCode(201).body("effectiveFrom", equalTo(later.toString()));
    Instant soon = Instant.now().plusSeconds(10);

    Response now =
        reader()
            .queryParam("language", "en")
            .queryParam("channel", "VERBAL_SCRIPT")
            .queryParam("at", soon.toString())
            .get("/v1/notices/" + notice + "/current");
    now.then()
        .statusCode(200)
        .body("fallback", equalTo(true))
        .body("language", equalTo("it"))
        .body("note", notNullValue())
        .body("version.id", equalTo(notice + "@1"))
        .body("validUntil", equalTo(later.toString()));
    String etag = now.header("ETag");
    reader()
        .header("If-None-Match", etag)
        .queryParam("language", "en")
        .queryParam("at", soon.toString())
        .get("/v1/notices/" + notice + "/current")
        .then()
        .statusCode(304);
    reader()
        .queryParam("language", "it")
        .queryParam("at", later.toString())
        .get("/v1/notices/" + notice + "/current")
        .then()
        .statusCode(200)
        .body("version.id", equalTo(notice + "@2"))
        .body("fallback", equalTo(false))
        .body("validUntil", nullValue());
    // bad input
    reader()
        .queryParam("language", "klingon")
        .get("/v1/notices/" + notice + "/current")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("language"));
    reader()
        .queryParam("language", "it")
        .queryParam("at", "tomorrow")
        .get("/v1/notices/" + notice + "/current")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("at"));
    reader()
        .queryParam("language", "it")
        .queryParam("channel", "FAX")
        .get("/v1/notices/" + notice + "/current")
        .then()
        .statusCode(400);
    reader()
        .queryParam("language", "it")
        .queryParam("channel", "WRITTEN")
        .get("/v1/notices/" + notice + "/current")
        .then()
        .statusCode(404);
    given()
        .queryParam("language", "it")
        .get("/v1/notices/" + notice + "/current")
        .then()
        .statusCode(401);

    // public: in force only, no publisher's name; the scheduled v2 is not public yet
    Instant afterV1 = Instant.now().plusSeconds(6);
    given()
        .queryParam("language", "it")
        .queryParam("at", later.toString())
        .get("/v1/public/notices/" + notice + "/current")
        .then()
        .statusCode(400);
    given().get("/v1/public/notices/versions/" + notice + "@2").then().statusCode(404);
    await(afterV1);
    given()
        .queryParam("language", "it")
        .get("/v1/public/notices/" + notice + "/current")
        .then()
        .statusCode(200)
        .body("version.id", equalTo(notice + "@1"))
        .body("version.publishedBy", nullValue());
    given()
        .get("/v1/public/notices/versions/" + notice + "@1")
        .then()
        .statusCode(200)
        .body("documentHash", notNullValue());

    // diff: staff only; the retention-free body change is text, not material
    reader()
        .queryParam("against", "1")
        .get("/v1/notices/" + notice + "/versions/2/diff")
        .then()
        .statusCode(200)
        .body("from", equalTo(notice + "@1"))
        .body("to", equalTo(notice + "@2"))
        .body("probablyMaterial", equalTo(false))
        .body("bodyDiff", hasItem("+new retention"));
    given()
        .queryParam("against", "1")
        .get("/v1/notices/" + notice + "/versions/2/diff")
        .then()
        .statusCode(401);
    reader()
        .get("/v1/notices/" + notice + "/versions/2/diff")
        .then()
        .statusCode(400)
        .body("errors.field", hasItem("against"));
    reader()
        .queryParam("against", "9")
        .get("/v1/notices/" + notice + "/versions/2/diff")
        .then()
        .statusCode(404);
  }

  @Test
  @DisplayName("rule 10: every state change of a notice is in the audit trail")
  void auditEntries() {
    String notice = noticeId();
    define(notice, "WRITTEN");
    String draft = createDraft(notice, draft("it", "# a"));
    as(dpo())
        .body(draft("it", "# b"))
        .put("/v1/notices/" + notice + "/drafts/" + draft)
        .then()
        .statusCode(200)
        .body("revision", equalTo(2));
    publish(notice, draft, Map.of()).then().statusCode(201);
    String gone = createDraft(notice, draft("it", "# c"));
    as(dpo()).delete("/v1/notices/" + notice + "/drafts/" + gone).then().statusCode(204);
    for (String action :
        new String[] {
          "notice.defined",
          "notice.draft-created",
          "notice.draft-updated",
          "notice.published",
          "notice.draft-deleted"
        }) {
      assertNotEquals(
          0L,
          count(
              db,
              "SELECT count(*) FROM audit_entry WHERE action = ? AND details LIKE '%' || ? || '%'",
              action,
              notice),
          action);
    }
  }

  private static void await(Instant instant) {
    long wait = instant.toEpochMilli() - System.currentTimeMillis();
    if (wait > 0) {
      try {
        Thread.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
