package dev.riservo.encryption.keystore;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.riservo.encryption.FieldEncryption;
import dev.riservo.encryption.support.TestDatabases;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The key store contract for the vault backend, against the {@link VaultApiDouble} (a test double
 * of Vault's HTTP API: no Vault server can run on these machines).
 */
class VaultKeyStoreTest extends KeyStoreContract {

  private static final String TOKEN = "contract-root-token";

  private VaultApiDouble vault;
  private DataSource keys;

  @Override
  protected KeyStore freshKeyStore() {
    vault = new VaultApiDouble(TOKEN).start();
    keys = TestDatabases.freshKeyDatabase("riservo_fe_keys_vault_test");
    return replica();
  }

  @Override
  protected KeyStore replica() {
    return KeyStores.vault(keys, VaultSettings.of(vault.address(), TOKEN));
  }

  @Override
  protected KeyStore rotateWrappingKey() {
    vault.send("POST", "transit/keys/" + VaultSettings.DEFAULT_WRAPPING_KEY + "/rotate", "{}");
    return replica();
  }

  @AfterEach
  void stopVault() {
    vault.stop();
  }

  @Test
  void oneVaultRoundTripPerSubjectPerCacheLifetime() {
    try (FieldEncryption encryption =
        new FieldEncryption(replica(), FieldEncryption.Settings.defaults())) {
      vault.resetCounters();
      for (int i = 0; i < 20; i++) {
        String stored = encryption.encrypt("subj-1", "person.name", "Mario Rossi " + i);
        encryption.decrypt("subj-1", "person.name", stored);
      }
      assertEquals(1, vault.requests("transit/datakey/"), "one data key generated");
      assertEquals(0, vault.requests("transit/decrypt/"), "the new key was never unwrapped");
    }
    try (FieldEncryption replica =
        new FieldEncryption(replica(), FieldEncryption.Settings.defaults())) {
      vault.resetCounters();
      String stored = replica.encrypt("subj-1", "person.name", "Mario Rossi");
      for (int i = 0; i < 20; i++) {
        replica.decrypt("subj-1", "person.name", stored);
      }
      assertEquals(1, vault.requests("transit/decrypt/"), "one unwrap on a cold replica");
    }
  }
}
