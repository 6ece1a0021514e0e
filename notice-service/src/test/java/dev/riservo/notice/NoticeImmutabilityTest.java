package dev.riservo.notice;

import static dev.riservo.notice.NoticeFixtures.body;
import static dev.riservo.notice.NoticeFixtures.noticeId;
import static dev.riservo.notice.NoticeFixtures.publish;
import static dev.riservo.notice.NoticeFixtures.reader;
import static dev.riservo.notice.NoticeFixtures.sha256;
import static dev.riservo.notice.NoticeFixtures.versionRows;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Rule 10 at the database: a published version is refused any UPDATE, DELETE or TRUNCATE, even on
 * the service's own connection (the table's owner), so no code path and no operator slip can change
 * what a presentation recorded.
 */
@QuarkusTest
class NoticeImmutabilityTest {

  @Inject AgroalDataSource db;

  private void refusedByTheDatabase(String sql) {
    SQLException e =
        assertThrows(
            SQLException.class,
            () -> {
              try (Connection connection = db.getConnection();
                  Statement statement = connection.createStatement()) {
                statement.execute(sql);
              }
            },
            sql);
    assertEquals("23001", e.getSQLState(), sql + ": " + e.getMessage());
    assertTrue(e.getMessage().contains("never changed"), e.getMessage());
  }

  @Test
  @DisplayName("rule 10: the database refuses to change or remove a published notice version")
  void rule10PublishedVersionsCannotBeUpdatedOrDeletedInTheDatabase() {
    String notice = noticeId();
    publish(notice, body("it", "Original title", "original text")).then().statusCode(201);
    publish(notice, body("it", "Second", "second text")).then().statusCode(201);
    String one = "notice_id = '" + notice + "' AND version = 1";

    for (String sql :
        List.of(
            "UPDATE notice_version SET content = 'forged' WHERE " + one,
            "UPDATE notice_version SET content_hash = '" + sha256("forged") + "' WHERE " + one,
            "UPDATE notice_version SET title = 'forged' WHERE " + one,
            "UPDATE notice_version SET version = 3 WHERE " + one,
            "DELETE FROM notice_version WHERE " + one,
            "DELETE FROM notice_version",
            "TRUNCATE notice_version CASCADE",
            // Nor may the version counter go back (it would hand out a taken number) or vanish.
            "UPDATE notice SET latest_version = 1 WHERE notice_id = '" + notice + "'",
            "DELETE FROM notice WHERE notice_id = '" + notice + "'",
            "TRUNCATE notice CASCADE")) {
      refusedByTheDatabase(sql);
    }

    assertEquals(2, versionRows(db, notice));
    reader()
        .get("/v1/notices/versions/" + notice + "@1")
        .then()
        .statusCode(200)
        .body("title", equalTo("Original title"))
        .body("content", equalTo("original text"))
        .body("contentHash", equalTo(sha256("original text")));
    // The next publish still gets the next number.
    publish(notice, body("third text")).then().statusCode(201).body("version", equalTo(3));
  }
}
