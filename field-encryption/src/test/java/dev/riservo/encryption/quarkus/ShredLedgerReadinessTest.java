package dev.riservo.encryption.quarkus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riservo.encryption.FieldEncryption;
import dev.riservo.encryption.KeyStoreUnavailableException;
import dev.riservo.encryption.keystore.KeyStores;
import dev.riservo.encryption.ledger.ShredLedger;
import dev.riservo.encryption.support.TestDatabases;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

/** Readiness stays DOWN, and no data key is served, until the shred ledger has been replayed. */
class ShredLedgerReadinessTest {

  @Test
  void readinessIsDownUntilTheLedgerIsReplayedThenUp() {
    DataSource keys = TestDatabases.freshKeyDatabase("riservo_fe_readiness_keys_test");
    // the service database answers, but its ledger cannot be read yet
    DataSource service = TestDatabases.fresh("riservo_fe_readiness_service_test");
    try (FieldEncryption encryption =
        new FieldEncryption(
            KeyStores.local(keys, TestDatabases.MASTER_KEYS, 1),
            FieldEncryption.Settings.defaults(),
            new ShredLedger(service))) {
      ShredLedgerReplay replay = new ShredLedgerReplay(encryption);
      ShredLedgerReadiness readiness = new ShredLedgerReadiness(replay);
      assertEquals(HealthCheckResponse.Status.DOWN, readiness.call().getStatus(), "not started");

      replay.start();
      HealthCheckResponse down = readiness.call();
      assertEquals(HealthCheckResponse.Status.DOWN, down.getStatus());
      assertTrue(down.getData().orElseThrow().containsKey("replayFailure"));
      assertThrows(
          KeyStoreUnavailableException.class,
          () -> encryption.encrypt("subj-1", "person.name", "Mario Rossi"));

      TestDatabases.execute(
          service, TestDatabases.resource("/db/shred-ledger/V1_10__shred_ledger.sql"));
      assertTrue(replay.attempt(), "the next attempt succeeds");
      HealthCheckResponse up = readiness.call();
      assertEquals(HealthCheckResponse.Status.UP, up.getStatus());
      assertEquals(0L, up.getData().orElseThrow().get("shreddedAgain"));
      encryption.encrypt("subj-1", "person.name", "Mario Rossi");
      replay.stop(null);
    }
  }
}
