package dev.riservo.notice;

import static dev.riservo.notice.NoticeFixtures.PROBLEM;
import static dev.riservo.notice.NoticeFixtures.PROBLEM_JSON;
import static dev.riservo.notice.NoticeFixtures.as;
import static dev.riservo.notice.NoticeFixtures.body;
import static dev.riservo.notice.NoticeFixtures.count;
import static dev.riservo.notice.NoticeFixtures.dpo;
import static dev.riservo.notice.NoticeFixtures.noticeId;
import static dev.riservo.notice.NoticeFixtures.versionRows;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.riservo.identity.testing.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Idempotency-Key on publishing: a retried publish gets the first answer and publishes nothing. */
@QuarkusTest
class NoticeIdempotencyTest {

  private static final String KEY = "Idempotency-Key";

  @Inject AgroalDataSource db;

  private static Response publish(String token, String notice, String key, Object body) {
    return as(token).header(KEY, key).body(body).post("/v1/notices/" + notice + "/versions");
  }

  private long auditEntries(String notice) {
    return count(
        db,
        "SELECT count(*) FROM audit_entry WHERE action = 'notice.published' AND details LIKE ?",
        "%:noticeId|" + notice.length() + ":" + notice + "|%");
  }

  @Test
  void aRetriedPublishReplaysTheFirstAnswerAndPublishesNothing() {
    String notice = noticeId();
    String key = UUID.randomUUID().toString();
    Map<String, Object> body = body("the text");
    Response first = publish(dpo(), notice, key, body);
    first.then().statusCode(201);
    assertNull(first.header("Idempotent-Replayed"));

    for (int retry = 0; retry < 2; retry++) {
      Response again = publish(dpo(), notice, key, body);
      again.then().statusCode(201).header("Idempotent-Replayed", "true");
      assertEquals(first.header("Location"), again.header("Location"));
      assertEquals(first.jsonPath().getMap("$"), again.jsonPath().getMap("$"));
    }
    assertEquals(1, versionRows(db, notice));
    assertEquals(1, auditEntries(notice));

    // A new key publishes the next version.
    publish(dpo(), notice, UUID.randomUUID().toString(), body)
        .then()
        .statusCode(201)
        .body("version", equalTo(2));
    assertEquals(2, versionRows(db, notice));
  }

  @Test
  void theSameKeyForAnotherRequestIs422AndPublishesNothing() {
    String notice = noticeId();
    String key = UUID.randomUUID().toString();
    publish(dpo(), notice, key, body("first")).then().statusCode(201);
    publish(dpo(), notice, key, body("another text"))
        .then()
        .statusCode(422)
        .contentType(PROBLEM_JSON)
        .body("type", equalTo(PROBLEM + "idempotency-key-reused"))
        .body("errors.field", hasItem(KEY));
    // Nor on another notice.
    String other = noticeId();
    publish(dpo(), other, key, body("first")).then().statusCode(422);
    assertEquals(1, versionRows(db, notice));
    assertEquals(0, versionRows(db, other));
  }

  @Test
  void keysBelongToTheirCaller() {
    String notice = noticeId();
    String key = UUID.randomUUID().toString();
    String otherDpo = TestTokens.bearer("olga-dpo", "dpo");
    publish(dpo(), notice, key, body("text")).then().statusCode(201).body("version", equalTo(1));
    Response theirs = publish(otherDpo, notice, key, body("text"));
    theirs
        .then()
        .statusCode(201)
        .body("version", equalTo(2))
        .body("publishedBy", equalTo("olga-dpo"));
    assertNull(theirs.header("Idempotent-Replayed"));
  }

  @Test
  void aMalformedKeyIs400AndPublishesNothing() {
    String notice = noticeId();
    for (String bad : List.of("has spaces", "k".repeat(129), "semi;colon")) {
      publish(dpo(), notice, bad, body("text"))
          .then()
          .statusCode(400)
          .contentType(PROBLEM_JSON)
          .body("errors.field", hasItem(KEY));
    }
    assertEquals(0, versionRows(db, notice));
    publish(dpo(), notice, "k".repeat(128), body("text")).then().statusCode(201);
  }

  @Test
  void retriesRacingTheFirstPublishWaitForItAndGetItsAnswer() throws Exception {
    String notice = noticeId();
    String key = UUID.randomUUID().toString();
    Map<String, Object> body = body("raced text");
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Response>> answers = new ArrayList<>();
    try {
      for (int i = 0; i < 8; i++) {
        answers.add(
            pool.submit(
                () -> {
                  start.await();
                  return publish(dpo(), notice, key, body);
                }));
      }
      start.countDown();
      for (Future<Response> answer : answers) {
        Response response = answer.get();
        assertEquals(201, response.statusCode(), response.asString());
        assertEquals(notice + "@1", response.jsonPath().getString("id"));
      }
    } finally {
      pool.shutdown();
    }
    assertEquals(1, versionRows(db, notice));
    assertEquals(1, auditEntries(notice));
  }
}
