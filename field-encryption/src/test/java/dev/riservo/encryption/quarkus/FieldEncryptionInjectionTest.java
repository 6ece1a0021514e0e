package dev.riservo.encryption.quarkus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riservo.encryption.FieldEncryption;
import dev.riservo.encryption.SubjectKeyShreddedException;
import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.junit.jupiter.api.Test;

/** A service's view: inject, encrypt in a few lines; the key database is migrated at start. */
@QuarkusTest
@QuarkusTestResource(KeyDatabaseResource.class)
class FieldEncryptionInjectionTest {

  @Inject FieldEncryption encryption;

  @Inject ReactiveFieldEncryption reactive;

  @Inject
  @DataSource("keys")
  AgroalDataSource keys;

  @Inject AgroalDataSource service;

  @Inject @Readiness ShredLedgerReadiness readiness;

  @Test
  void aServiceEncryptsDecryptsIndexesAndShredsInAFewLines() {
    String stored = encryption.encrypt("subj-1", "consent.phone", "+393471234567");
    assertEquals("+393471234567", encryption.decrypt("subj-1", "consent.phone", stored));
    assertEquals(encryption.phoneIndex("347 123 4567"), encryption.phoneIndex("+393471234567"));
    encryption.shred("subj-1");
    assertThrows(
        SubjectKeyShreddedException.class,
        () -> encryption.decrypt("subj-1", "consent.phone", stored));
  }

  @Test
  void theReactiveFacadeRoundTrips() {
    String stored =
        reactive.encrypt("subj-2", "consent.name", "Anna Bianchi").await().indefinitely();
    assertEquals(
        "Anna Bianchi", reactive.decrypt("subj-2", "consent.name", stored).await().indefinitely());
    assertTrue(reactive.shred("subj-2").await().indefinitely());
  }

  @Test
  void flywayMigratedTheKeyDatabaseAndKeysAreStoredWrapped() throws Exception {
    encryption.encrypt("subj-3", "consent.name", "Luca Verdi");
    try (Connection c = keys.getConnection();
        Statement s = c.createStatement();
        ResultSet rows =
            s.executeQuery("SELECT length(wrapped) FROM data_key WHERE subject_ref = 'subj-3'")) {
      assertTrue(rows.next());
      assertTrue(rows.getInt(1) > 32, "the stored key is wrapped, not a bare 32-byte key");
    }
  }

  @Test
  void aShredIsLedgeredInTheServiceDatabaseAndTheReplayedLedgerMakesReadinessUp() throws Exception {
    encryption.encrypt("subj-4", "consent.name", "Paolo Neri");
    encryption.shred("subj-4");
    try (Connection c = service.getConnection();
        Statement s = c.createStatement();
        ResultSet rows =
            s.executeQuery("SELECT count(*) FROM shred_ledger WHERE subject_ref = 'subj-4'")) {
      assertTrue(rows.next());
      assertEquals(1, rows.getInt(1));
    }
    HealthCheckResponse ready = readiness.call();
    assertEquals(HealthCheckResponse.Status.UP, ready.getStatus());
    assertTrue(ready.getData().orElseThrow().containsKey("shreddedAgain"));
  }

  @Test
  void theReactiveFacadeSweepsAKeyWhoseSubjectWasNeverCommitted() {
    Instant from = Instant.now().minusSeconds(60);
    reactive.registerNewSubject("subj-orphan").await().indefinitely();
    List<String> found =
        reactive
            .subjectsWithKeysCreatedBetween(from, Instant.now().plusSeconds(60))
            .await()
            .indefinitely();
    assertTrue(found.contains("subj-orphan"), found.toString());
    assertTrue(reactive.discardUnusedKey("subj-orphan").await().indefinitely());
    assertFalse(
        reactive
            .subjectsWithKeysCreatedBetween(from, Instant.now().plusSeconds(60))
            .await()
            .indefinitely()
            .contains("subj-orphan"));
  }

  @Test
  void receiptsAreSignedAndTheJwksIsPublished() {
    String jws = encryption.sign("{\"consent\":\"given\"}", "JWT");
    assertEquals(3, jws.split("\\.").length);
    assertTrue(encryption.jwks().contains("\"kty\":\"EC\""));
  }
}
