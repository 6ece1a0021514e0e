package dev.riservo.notice;

import static dev.riservo.notice.NoticeFixtures.as;
import static dev.riservo.notice.NoticeFixtures.body;
import static dev.riservo.notice.NoticeFixtures.dpo;
import static dev.riservo.notice.NoticeFixtures.noticeId;
import static dev.riservo.notice.NoticeFixtures.reader;
import static dev.riservo.notice.NoticeFixtures.sha256;
import static dev.riservo.notice.NoticeFixtures.versionRows;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.RepeatedTest;

/** Publishes of one notice that race each other each get a version of their own. */
@QuarkusTest
class ConcurrentPublishingTest {

  private static final int PARALLEL = 8;

  @Inject AgroalDataSource db;

  @RepeatedTest(3)
  @DisplayName("rule 10: 8 concurrent publishes of one notice get versions 1..8, each its own text")
  void concurrentPublishesOfOneNoticeGetDistinctVersions() throws Exception {
    String notice = noticeId();
    ExecutorService pool = Executors.newFixedThreadPool(PARALLEL);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Response>> answers = new ArrayList<>();
    Map<Integer, String> hashByVersion = new HashMap<>();
    try {
      for (int i = 0; i < PARALLEL; i++) {
        String text = "text " + i;
        answers.add(
            pool.submit(
                () -> {
                  start.await();
                  return as(dpo()).body(body(text)).post("/v1/notices/" + notice + "/versions");
                }));
      }
      start.countDown();
      for (Future<Response> answer : answers) {
        Response response = answer.get();
        assertEquals(201, response.statusCode(), response.asString());
        hashByVersion.put(
            response.jsonPath().getInt("version"), response.jsonPath().getString("contentHash"));
      }
      Set<Integer> expected =
          IntStream.rangeClosed(1, PARALLEL).boxed().collect(Collectors.toSet());
      assertEquals(expected, new TreeSet<>(hashByVersion.keySet()));
      // Each publish's answer names its own text's version.
      assertEquals(
          IntStream.range(0, PARALLEL)
              .mapToObj(i -> sha256("text " + i))
              .collect(Collectors.toSet()),
          Set.copyOf(hashByVersion.values()));
    } finally {
      pool.shutdown();
    }
    assertEquals(PARALLEL, versionRows(db, notice));
    List<Integer> listed =
        reader().get("/v1/notices/" + notice + "/versions").jsonPath().getList("version");
    assertEquals(IntStream.iterate(PARALLEL, v -> v - 1).limit(PARALLEL).boxed().toList(), listed);
    for (int v = 1; v <= PARALLEL; v++) {
      Response stored = reader().get("/v1/notices/" + notice + "/versions/" + v);
      assertEquals(hashByVersion.get(v), stored.jsonPath().getString("contentHash"));
      assertEquals(
          sha256(stored.jsonPath().getString("content")),
          stored.jsonPath().getString("contentHash"));
    }
  }
}
