package dev.riservo.consent;

import static dev.riservo.consent.ConsentFixtures.consentsOf;
import static dev.riservo.consent.ConsentFixtures.ensurePurpose;
import static dev.riservo.consent.ConsentFixtures.give;
import static dev.riservo.consent.ConsentFixtures.randomPhone;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Consent state is served from memory; a change written by another replica reaches this one through
 * PostgreSQL NOTIFY, so a withdrawal is never served stale (rule 3).
 */
@QuarkusTest
class ConsentStateCacheTest {

  @Inject AgroalDataSource db;

  private String stateOf(UUID subject) {
    return consentsOf(subject).then().statusCode(200).extract().path("purposes[0].state");
  }

  /** Another replica's withdrawal: a row and, in the same transaction, the notification. */
  private void withdrawElsewhere(UUID subject, String purpose, boolean announce)
      throws SQLException {
    try (Connection c = db.getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement insert =
          c.prepareStatement(
              "INSERT INTO consent_event (id, subject_ref, purpose_code, state, occurred_at,"
                  + " recorded_at, channel, collector_kind, jurisdiction, provenance_source,"
                  + " receipt_id) VALUES (?, ?, ?, 'WITHDRAWN', now(), now(), 'WEB', 'SUBJECT',"
                  + " 'IT', 'OWN_COLLECTION', ?)")) {
        insert.setObject(1, UUID.randomUUID());
        insert.setObject(2, subject);
        insert.setString(3, purpose);
        insert.setObject(4, UUID.randomUUID());
        insert.executeUpdate();
      }
      if (announce) {
        try (PreparedStatement notify =
            c.prepareStatement("SELECT pg_notify('riservo_consent_changed', ?)")) {
          notify.setString(1, subject.toString());
          notify.execute();
        }
      }
      c.commit();
    }
  }

  @Test
  void aWithdrawalByAnotherReplicaIsServedAsSoonAsItIsAnnounced() throws Exception {
    String purpose = ensurePurpose("cache-telemarketing", "TELEMARKETING");
    UUID subject = give(randomPhone(), purpose);
    assertEquals("GIVEN", stateOf(subject));
    assertEquals("GIVEN", stateOf(subject), "the second read comes from memory");

    withdrawElsewhere(subject, purpose, true);

    long deadline = System.nanoTime() + 5_000_000_000L;
    String state = stateOf(subject);
    while (!state.equals("WITHDRAWN") && System.nanoTime() < deadline) {
      Thread.sleep(10);
      state = stateOf(subject);
    }
    assertEquals("WITHDRAWN", state);
  }

  @Test
  void readsReallyComeFromMemory() throws Exception {
    String purpose = ensurePurpose("cache-telemarketing", "TELEMARKETING");
    UUID subject = give(randomPhone(), purpose);
    assertEquals("GIVEN", stateOf(subject));

    withdrawElsewhere(subject, purpose, false);
    assertEquals(
        "GIVEN", stateOf(subject), "an unannounced change is not seen: the state is cached");
  }

  @Test
  void aConsentGivenAndItsNewSubjectAreBroadcastToTheOtherReplicas() throws Exception {
    String purpose = ensurePurpose("cache-telemarketing", "TELEMARKETING");
    try (Connection listener = db.getConnection()) {
      listener.setAutoCommit(true);
      try (var listen = listener.createStatement()) {
        listen.execute("LISTEN riservo_consent_changed");
      }
      UUID subject = give(randomPhone(), purpose);

      Set<String> heard = new HashSet<>();
      long deadline = System.nanoTime() + 5_000_000_000L;
      while (System.nanoTime() < deadline
          && !(heard.contains(subject.toString())
              && heard.stream().anyMatch(p -> p.endsWith(":" + subject)))) {
        PGNotification[] notifications = listener.unwrap(PGConnection.class).getNotifications(100);
        for (PGNotification n : notifications == null ? new PGNotification[0] : notifications) {
          heard.add(n.getParameter());
        }
      }
      assertTrue(heard.contains(subject.toString()), "the subject's change was broadcast");
      assertTrue(
          heard.stream().anyMatch(p -> p.startsWith("subject:") && p.endsWith(":" + subject)),
          "the new holder of the number was broadcast to the number directories");
    }
  }
}
