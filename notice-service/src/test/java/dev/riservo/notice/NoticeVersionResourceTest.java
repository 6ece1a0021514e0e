package dev.riservo.notice;

import static dev.riservo.notice.NoticeFixtures.PROBLEM;
import static dev.riservo.notice.NoticeFixtures.PROBLEM_JSON;
import static dev.riservo.notice.NoticeFixtures.admin;
import static dev.riservo.notice.NoticeFixtures.agent;
import static dev.riservo.notice.NoticeFixtures.as;
import static dev.riservo.notice.NoticeFixtures.body;
import static dev.riservo.notice.NoticeFixtures.dpo;
import static dev.riservo.notice.NoticeFixtures.noticeId;
import static dev.riservo.notice.NoticeFixtures.publish;
import static dev.riservo.notice.NoticeFixtures.reader;
import static dev.riservo.notice.NoticeFixtures.serviceClient;
import static dev.riservo.notice.NoticeFixtures.sha256;
import static dev.riservo.notice.NoticeFixtures.supervisor;
import static dev.riservo.notice.NoticeFixtures.versionRows;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Rule 10: notices are versioned and immutable once published; staff read published versions. */
@QuarkusTest
class NoticeVersionResourceTest {

  /** Accents, a euro sign, an emoji (a surrogate pair), CRLF: hashed exactly as sent, as UTF-8. */
  private static final String TEXT_V1 =
      "Informativa ai sensi dell'art. 13 GDPR.\r\nIl titolare è Riservo S.r.l. — costo 0 €. 📞\n";

  private static final String TEXT_V2 = TEXT_V1 + "Aggiornata: nuove finalità.\n";

  @Inject AgroalDataSource db;

  // ------------------------------------------------------------------ publishing ----

  @Test
  @DisplayName(
      "rule 10: the DPO publishes versions 1, 2, ... each with the SHA-256 of its UTF-8 text")
  void rule10DpoPublishesNumberedVersionsWithTheirContentHash() {
    String notice = noticeId();
    Instant before = Instant.now();
    Response first = publish(notice, body("it", "Informativa telemarketing", TEXT_V1));
    first
        .then()
        .statusCode(201)
        .contentType(ContentType.JSON)
        .header("Location", endsWith("/v1/notices/" + notice + "/versions/1"))
        .body("id", equalTo(notice + "@1"))
        .body("noticeId", equalTo(notice))
        .body("version", equalTo(1))
        .body("language", equalTo("it"))
        .body("title", equalTo("Informativa telemarketing"))
        .body("contentHash", equalTo(sha256(TEXT_V1)))
        .body("publishedBy", equalTo(NoticeFixtures.DPO_USER))
        .body("$", not(hasKey("content")));
    Instant publishedAt = Instant.parse(first.jsonPath().getString("publishedAt"));
    assertFalse(publishedAt.isBefore(before.minusSeconds(1)), "publishedAt " + publishedAt);
    assertFalse(publishedAt.isAfter(Instant.now().plusSeconds(1)), "publishedAt " + publishedAt);

    publish(notice, body("it-IT", "Informativa telemarketing (2)", TEXT_V2))
        .then()
        .statusCode(201)
        .header("Location", endsWith("/v1/notices/" + notice + "/versions/2"))
        .body("id", equalTo(notice + "@2"))
        .body("version", equalTo(2))
        .body("language", equalTo("it-IT"))
        .body("contentHash", equalTo(sha256(TEXT_V2)));
    assertEquals(2, versionRows(db, notice));

    // Another notice counts on its own.
    String other = noticeId();
    publish(other, body("x")).then().statusCode(201).body("version", equalTo(1));
  }

  @Test
  void theLocationOfAPublishedVersionServesIt() {
    String notice = noticeId();
    String location =
        publish(notice, body(TEXT_V1)).then().statusCode(201).extract().header("Location");
    reader()
        .get(location)
        .then()
        .statusCode(200)
        .body("id", equalTo(notice + "@1"))
        .body("content", equalTo(TEXT_V1));
  }

  // ------------------------------------------------------------------ staff reads ----

  /**
   * Since issue 15 these reads need a token (they were public): anyone reads versions in force
   * under /v1/public/notices instead (PublicNoticeTest).
   */
  @Test
  @DisplayName("rule 10: a published version is served as published, to staff, by number or id")
  void publishedVersionsAreServedToStaffWithTheirText() {
    String notice = noticeId();
    Response v1 = publish(notice, body("it", "Titolo uno", TEXT_V1));
    v1.then().statusCode(201);
    publish(notice, body("en", "Title two", TEXT_V2)).then().statusCode(201);

    // Without a token: 401 on every staff read.
    for (String path :
        List.of(
            "/v1/notices/" + notice + "/versions/1",
            "/v1/notices/" + notice + "/versions",
            "/v1/notices/versions/" + notice + "@1")) {
      given().get(path).then().statusCode(401).contentType(PROBLEM_JSON);
    }
    reader()
        .get("/v1/notices/" + notice + "/versions/1")
        .then()
        .statusCode(200)
        .contentType(ContentType.JSON)
        .body("id", equalTo(notice + "@1"))
        .body("noticeId", equalTo(notice))
        .body("version", equalTo(1))
        .body("language", equalTo("it"))
        .body("title", equalTo("Titolo uno"))
        .body("contentHash", equalTo(sha256(TEXT_V1)))
        .body("publishedAt", equalTo(v1.jsonPath().getString("publishedAt")))
        .body("publishedBy", equalTo(NoticeFixtures.DPO_USER))
        .body("content", equalTo(TEXT_V1));

    // The lookup other services make, by {noticeId}@{version}: the same document.
    Map<String, Object> byNumber =
        reader()
            .get("/v1/notices/" + notice + "/versions/2")
            .then()
            .statusCode(200)
            .extract()
            .as(Map.class);
    Map<String, Object> byId =
        reader()
            .get("/v1/notices/versions/" + notice + "@2")
            .then()
            .statusCode(200)
            .extract()
            .as(Map.class);
    assertEquals(byNumber, byId);
    assertEquals(TEXT_V2, byId.get("content"));
    assertEquals(sha256(TEXT_V2), byId.get("contentHash"));
    // An encoded @ is the same id.
    reader()
        .urlEncodingEnabled(false)
        .get("/v1/notices/versions/" + notice + "%402")
        .then()
        .statusCode(200)
        .body("id", equalTo(notice + "@2"));

    // Staff and services with a token read them too.
    for (String token : List.of(agent(), supervisor(), admin(), serviceClient(), dpo())) {
      given()
          .header("Authorization", token)
          .get("/v1/notices/versions/" + notice + "@1")
          .then()
          .statusCode(200)
          .body("content", equalTo(TEXT_V1));
    }
  }

  @Test
  void latestIsTheNewestVersion() {
    String notice = noticeId();
    publish(notice, body("v1")).then().statusCode(201);
    reader()
        .get("/v1/notices/" + notice + "/versions/latest")
        .then()
        .statusCode(200)
        .body("version", equalTo(1))
        .body("content", equalTo("v1"));
    publish(notice, body("v2")).then().statusCode(201);
    publish(notice, body("v3")).then().statusCode(201);
    reader()
        .get("/v1/notices/" + notice + "/versions/latest")
        .then()
        .statusCode(200)
        .body("id", equalTo(notice + "@3"))
        .body("version", equalTo(3))
        .body("content", equalTo("v3"))
        .body("contentHash", equalTo(sha256("v3")));
  }

  @Test
  void theListIsNewestFirstWithoutTexts() {
    String notice = noticeId();
    for (String text : List.of("one", "two", "three")) {
      publish(notice, body(text)).then().statusCode(201);
    }
    reader()
        .get("/v1/notices/" + notice + "/versions")
        .then()
        .statusCode(200)
        .contentType(ContentType.JSON)
        .body("version", contains(3, 2, 1))
        .body("id", contains(notice + "@3", notice + "@2", notice + "@1"))
        .body("contentHash", contains(sha256("three"), sha256("two"), sha256("one")))
        .body("publishedBy", contains("dora-dpo", "dora-dpo", "dora-dpo"))
        .body("publishedAt", not(hasItem((Object) null)))
        .body("findAll { it.containsKey('content') }", org.hamcrest.Matchers.empty());
    List<String> times =
        reader().get("/v1/notices/" + notice + "/versions").jsonPath().getList("publishedAt");
    for (int i = 1; i < times.size(); i++) {
      assertFalse(
          Instant.parse(times.get(i)).isAfter(Instant.parse(times.get(i - 1))),
          "a newer version has an earlier time: " + times);
    }
  }

  // ------------------------------------------------------------------ not found ----

  @Test
  void unknownNoticesAndVersionsAre404Problems() {
    String notice = noticeId();
    publish(notice, body("only one")).then().statusCode(201);
    String unknown = noticeId();
    for (String path :
        List.of(
            "/v1/notices/" + notice + "/versions/2",
            "/v1/notices/" + unknown + "/versions/1",
            "/v1/notices/" + unknown + "/versions/latest",
            "/v1/notices/" + unknown + "/versions",
            "/v1/notices/versions/" + notice + "@2",
            "/v1/notices/versions/" + unknown + "@1")) {
      reader()
          .get(path)
          .then()
          .statusCode(404)
          .contentType(PROBLEM_JSON)
          .body("type", equalTo(PROBLEM + "not-found"))
          .body("status", equalTo(404));
    }
  }

  @Test
  void malformedVersionIdsAre404NeverAServerError() {
    String notice = noticeId();
    publish(notice, body("text")).then().statusCode(201);
    for (String id :
        List.of(
            notice,
            notice + "@",
            notice + "@0",
            notice + "@01",
            notice + "@-1",
            notice + "@1.0",
            notice + "@latest",
            notice + "@1@1",
            notice + "@99999999999999999999",
            notice.toUpperCase() + "@1",
            "@1",
            "x@1",
            "versions@1",
            notice + "@1%20",
            "a".repeat(65) + "@1",
            "%E2%82%AC@1")) {
      reader()
          .urlEncodingEnabled(false)
          .get("/v1/notices/versions/" + id)
          .then()
          .statusCode(404)
          .contentType(PROBLEM_JSON)
          .body("type", equalTo(PROBLEM + "not-found"));
    }
    // U+0000 in any path parameter is refused before any lookup, by every service (rest-problem)
    reader()
        .urlEncodingEnabled(false)
        .get("/v1/notices/versions/%00@1")
        .then()
        .statusCode(400)
        .contentType(PROBLEM_JSON)
        .body("type", equalTo(PROBLEM + "validation"))
        .body("errors.field", hasItem("id"));
  }

  // ------------------------------------------------------------------ roles ----

  @Test
  @DisplayName("rule 10: only the DPO publishes notices; a refused publish stores nothing")
  void onlyTheDpoPublishes() {
    String notice = noticeId();
    for (String token : List.of(agent(), supervisor(), admin(), serviceClient())) {
      as(token)
          .body(body("hijack"))
          .post("/v1/notices/" + notice + "/versions")
          .then()
          .statusCode(403)
          .contentType(PROBLEM_JSON)
          .body("type", equalTo(PROBLEM + "forbidden"));
    }
    assertEquals(0, versionRows(db, notice));
    reader().get("/v1/notices/" + notice + "/versions").then().statusCode(404);
  }

  @Test
  void publishWithoutATokenIs401() {
    String notice = noticeId();
    given()
        .contentType(ContentType.JSON)
        .body(body("text"))
        .post("/v1/notices/" + notice + "/versions")
        .then()
        .statusCode(401)
        .contentType(PROBLEM_JSON)
        .header("WWW-Authenticate", notNullValue());
    given()
        .header("Authorization", "Bearer not.a.token")
        .contentType(ContentType.JSON)
        .body(body("text"))
        .post("/v1/notices/" + notice + "/versions")
        .then()
        .statusCode(401);
    assertEquals(0, versionRows(db, notice));
  }

  @Test
  @DisplayName("rule 10: a published version cannot be changed or removed through the API")
  void thereIsNoWayToChangeOrRemoveAVersionThroughTheApi() {
    String notice = noticeId();
    publish(notice, body("original")).then().statusCode(201);
    for (String method : List.of("PUT", "PATCH", "DELETE")) {
      for (String path :
          List.of(
              "/v1/notices/" + notice + "/versions/1",
              "/v1/notices/versions/" + notice + "@1",
              "/v1/notices/" + notice + "/versions")) {
        int status = as(dpo()).body(body("changed")).request(method, path).statusCode();
        assertTrue(status == 405 || status == 404, method + " " + path + " answered " + status);
      }
    }
    reader()
        .get("/v1/notices/" + notice + "/versions/1")
        .then()
        .body("content", equalTo("original"))
        .body("contentHash", equalTo(sha256("original")));
    assertEquals(1, versionRows(db, notice));
  }

  // ------------------------------------------------------------------ validation ----

  private void refused(String notice, Object body, String type, String... fields) {
    var answer =
        publish(notice, body)
            .then()
            .statusCode(400)
            .contentType(PROBLEM_JSON)
            .body("type", equalTo(PROBLEM + type))
            .body("status", equalTo(400));
    if (fields.length > 0) {
      answer.body("errors.field", hasItems(fields));
    }
    assertEquals(0, versionRows(db, notice));
  }

  @Test
  void malformedNoticeIdIs400NamingNoticeId() {
    for (String bad :
        List.of("Bad-Id", "x", "-leading", "under_score", "dot.ted", "a".repeat(65), "èe")) {
      refused(bad, body("text"), "validation", "noticeId");
      reader()
          .get("/v1/notices/" + bad + "/versions")
          .then()
          .statusCode(400)
          .contentType(PROBLEM_JSON)
          .body("errors.field", hasItem("noticeId"));
    }
    // "versions" matches the pattern but is reserved: /v1/notices/versions/{id} is the lookup by
    // version id, so a notice of that name could never be listed.
    refused("versions", body("text"), "validation", "noticeId");
    // The longest and shortest valid ids are fine.
    publish("a".repeat(64), body("text")).then().statusCode(201);
    publish("0" + noticeId().substring(2, 3), body("text")).then().statusCode(201);
  }

  @Test
  void malformedVersionIs400NamingVersion() {
    String notice = noticeId();
    publish(notice, body("text")).then().statusCode(201);
    for (String bad : List.of("0", "01", "-1", "abc", "LATEST", "1.5", "1234567890")) {
      reader()
          .get("/v1/notices/" + notice + "/versions/" + bad)
          .then()
          .statusCode(400)
          .contentType(PROBLEM_JSON)
          .body("type", equalTo(PROBLEM + "validation"))
          .body("errors.field", hasItem("version"));
    }
  }

  @Test
  void missingFieldsAre400NamingEachField() {
    refused(noticeId(), Map.of(), "validation", "language", "title", "content");
    refused(noticeId(), body(null, "title", "text"), "validation", "language");
    refused(noticeId(), body("it", null, "text"), "validation", "title");
    refused(noticeId(), body("it", "title", null), "validation", "content");
    refused(noticeId(), body("it", "  ", "text"), "validation", "title");
    refused(noticeId(), body("it", "title", " \n "), "validation", "content");
  }

  @Test
  void badLanguageAndTitleAre400NamingTheField() {
    for (String language : List.of("not a tag", "i", "it_IT", "x".repeat(17), "it-IT-abcdefghi")) {
      refused(noticeId(), body(language, "title", "text"), "validation", "language");
    }
    refused(noticeId(), body("it", "t".repeat(201), "text"), "validation", "title");
    publish(noticeId(), body("it", "t".repeat(200), "text")).then().statusCode(201);
    publish(noticeId(), body("zh-Hant-TW", "t", "text")).then().statusCode(201);
  }

  @Test
  void contentOver256KilobytesOfUtf8Is400NamingContent() {
    int limit = 256 * 1024;
    refused(noticeId(), body("a".repeat(limit + 1)), "validation", "content");
    // Fewer characters than the limit, but more bytes: "è" is two bytes in UTF-8.
    refused(noticeId(), body("è".repeat(limit / 2 + 1)), "validation", "content");
    // Exactly at the limit is fine, and stored whole.
    String notice = noticeId();
    String largest = "è".repeat(limit / 2);
    publish(notice, body(largest))
        .then()
        .statusCode(201)
        .body("contentHash", equalTo(sha256(largest)));
    assertEquals(
        largest,
        reader().get("/v1/notices/versions/" + notice + "@1").jsonPath().getString("content"));
  }

  @Test
  void textsThatCannotBeStoredAsSentAre400() {
    String nul = "{\"language\":\"it\",\"title\":\"t\",\"content\":\"a\\u0000b\"}";
    String lone = "{\"language\":\"it\",\"title\":\"t\",\"content\":\"a\\ud800b\"}";
    String loneTitle = "{\"language\":\"it\",\"title\":\"t\\udc00\",\"content\":\"text\"}";
    refused(noticeId(), nul, "validation", "content");
    refused(noticeId(), lone, "validation", "content");
    refused(noticeId(), loneTitle, "validation", "title");
  }

  @Test
  void malformedBodiesAre400AndOversizedRequests413() {
    refused(noticeId(), "{\"language\": \"it\",", "malformed-body");
    refused(noticeId(), "[]", "malformed-body");
    refused(
        noticeId(),
        "{\"language\":\"it\",\"title\":[1],\"content\":\"x\"}",
        "malformed-body",
        "title");
    String notice = noticeId();
    publish(notice, body("x".repeat(1_100_000))).then().statusCode(413).contentType(PROBLEM_JSON);
    assertEquals(0, versionRows(db, notice));
  }
}
