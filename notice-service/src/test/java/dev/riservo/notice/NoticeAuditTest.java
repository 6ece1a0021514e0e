package dev.riservo.notice;

import static dev.riservo.notice.NoticeFixtures.agent;
import static dev.riservo.notice.NoticeFixtures.as;
import static dev.riservo.notice.NoticeFixtures.body;
import static dev.riservo.notice.NoticeFixtures.dpo;
import static dev.riservo.notice.NoticeFixtures.noticeId;
import static dev.riservo.notice.NoticeFixtures.publish;
import static dev.riservo.notice.NoticeFixtures.sha256;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.riservo.audit.domain.AuditChain;
import dev.riservo.identity.testing.AuditVerificationClient;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every publish leaves an entry in the hash-chained audit trail: who, which version, which hash.
 */
@QuarkusTest
class NoticeAuditTest {

  @Inject AgroalDataSource db;

  /** (actor, details) of the notice.published entries that name the notice, oldest first. */
  private List<String[]> entries(String notice) throws SQLException {
    try (Connection connection = db.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "SELECT actor, details, subject_ref FROM audit_entry"
                    + " WHERE action = 'notice.published' AND details LIKE ? ORDER BY id")) {
      statement.setString(1, "%:noticeId|" + notice.length() + ":" + notice + "|%");
      List<String[]> rows = new ArrayList<>();
      try (ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          rows.add(new String[] {result.getString(1), result.getString(2), result.getString(3)});
        }
      }
      return rows;
    }
  }

  @Test
  void eachPublishWritesOneAuditEntryWithTheVersionAndHashButNoText() throws SQLException {
    String notice = noticeId();
    String secretLookingText = "TEXT-THAT-MUST-NOT-REACH-THE-AUDIT-TRAIL";
    publish(notice, body("it", "Title", secretLookingText)).then().statusCode(201);
    publish(notice, body("it", "Title", "second")).then().statusCode(201);

    List<String[]> rows = entries(notice);
    assertEquals(2, rows.size());
    assertEquals(NoticeFixtures.DPO_USER, rows.get(0)[0]);
    assertEquals(
        AuditChain.canonicalDetails(
            Map.of("noticeId", notice, "version", "1", "contentHash", sha256(secretLookingText))),
        rows.get(0)[1]);
    assertEquals(
        AuditChain.canonicalDetails(
            Map.of("noticeId", notice, "version", "2", "contentHash", sha256("second"))),
        rows.get(1)[1]);
    assertEquals(null, rows.get(0)[2], "a notice is about no data subject");
    for (String[] row : rows) {
      assertFalse(row[1].contains(secretLookingText));
    }

    AuditVerificationClient.verify(dpo()).body("intact", equalTo(true));
  }

  @Test
  void aRefusedPublishWritesNoAuditEntry() throws SQLException {
    String notice = noticeId();
    as(agent())
        .body(body("text"))
        .post("/v1/notices/" + notice + "/versions")
        .then()
        .statusCode(403);
    publish(notice, body("it", "", "text")).then().statusCode(400);
    assertEquals(0, entries(notice).size());
  }
}
