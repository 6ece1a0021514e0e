package dev.riservo.consent;

import static dev.riservo.consent.ConsentFixtures.agent;
import static dev.riservo.consent.ConsentFixtures.count;
import static dev.riservo.consent.ConsentFixtures.givenOnCall;
import static dev.riservo.consent.ConsentFixtures.newPurpose;
import static dev.riservo.consent.ConsentFixtures.postConsent;
import static dev.riservo.consent.ConsentFixtures.randomPhone;
import static dev.riservo.consent.ConsentFixtures.record;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riservo.consent.subjects.service.OrphanKeySweep;
import dev.riservo.encryption.FieldEncryption;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, item 4: a first contact that fails after its data key was made leaves no live key
 * behind: the sweep deletes keys whose subject was never committed, and only those.
 */
@QuarkusTest
class OrphanKeySweepTest {

  @Inject AgroalDataSource db;

  @Inject FieldEncryption encryption;

  @Inject OrphanKeySweep sweep;

  private void execute(String... statements) throws Exception {
    try (Connection connection = db.getConnection();
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }

  /** Key owners created since {@code since} that this database has no subject for. */
  private List<String> orphansSince(Instant since) {
    return encryption.subjectsWithKeysCreatedBetween(since, Instant.now().plusSeconds(60)).stream()
        .filter(ref -> !ref.startsWith("list-scrub:"))
        .filter(ref -> count(db, "SELECT count(*) FROM subject WHERE ref = ?::uuid", ref) == 0)
        .toList();
  }

  @Test
  @DisplayName(
      "a new subject's consent that the database refuses leaves a data key with no subject; the"
          + " sweep deletes it and keeps every committed subject's key")
  void failedFirstContactLeavesNoLiveKey() throws Exception {
    Instant start = Instant.now().minusSeconds(1);
    String purpose = newPurpose("orphan", "TELEMARKETING");
    UUID kept =
        UUID.fromString(
            record(givenOnCall(randomPhone(), purpose)).jsonPath().getString("subjectRef"));
    execute(
        "CREATE FUNCTION refuse_orphan_test() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN"
            + " IF NEW.purpose_code = '"
            + purpose
            + "' THEN RAISE EXCEPTION 'refused for the test'; END IF; RETURN NEW; END $$",
        "CREATE TRIGGER refuse_orphan_test BEFORE INSERT ON consent_event FOR EACH ROW"
            + " EXECUTE FUNCTION refuse_orphan_test()");
    try {
      int status = postConsent(givenOnCall(randomPhone(), purpose)).statusCode();
      assertTrue(status >= 500, "the database refused the first contact: " + status);
    } finally {
      execute(
          "DROP TRIGGER refuse_orphan_test ON consent_event", "DROP FUNCTION refuse_orphan_test()");
    }
    List<String> orphans = orphansSince(start);
    assertEquals(1, orphans.size(), "the failed first contact's key, with no subject");

    assertTrue(sweep.sweep(Instant.now().plusSeconds(60)) >= 1);

    assertEquals(List.of(), orphansSince(start), "no live key without its subject");
    assertFalse(
        encryption.subjectsWithKeysCreatedBetween(start, Instant.now().plusSeconds(60)).isEmpty(),
        "the committed subject's key is still there");
    given()
        .header("Authorization", agent())
        .get("/v1/subjects/" + kept + "/consents")
        .then()
        .statusCode(200);
  }
}
