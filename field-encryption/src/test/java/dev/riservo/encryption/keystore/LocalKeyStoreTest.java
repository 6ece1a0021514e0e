package dev.riservo.encryption.keystore;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riservo.encryption.KeyStoreConfigurationException;
import dev.riservo.encryption.crypto.AesGcm;
import dev.riservo.encryption.support.TestDatabases;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The key store contract for the local backend (master key from configuration). */
class LocalKeyStoreTest extends KeyStoreContract {

  private DataSource keys;
  private final Map<Integer, String> masterKeys = new HashMap<>(TestDatabases.MASTER_KEYS);

  @Override
  protected KeyStore freshKeyStore() {
    keys = TestDatabases.freshKeyDatabase("riservo_fe_keys_local_test");
    return KeyStores.local(keys, masterKeys, 1);
  }

  @Override
  protected KeyStore replica() {
    return KeyStores.local(keys, masterKeys, 1);
  }

  @Override
  protected KeyStore rotateWrappingKey() {
    masterKeys.put(2, Base64.getEncoder().encodeToString(AesGcm.randomBytes(32)));
    return KeyStores.local(keys, masterKeys, 2);
  }

  @Test
  void noMasterKeySaysWhatToSet() {
    KeyStoreConfigurationException e =
        assertThrows(
            KeyStoreConfigurationException.class, () -> KeyStores.local(keys, Map.of(), 1));
    assertTrue(e.getMessage().contains("RISERVO_MASTER_KEY"), e.getMessage());
  }

  @Test
  void aMasterKeyOfTheWrongLengthSaysSo() {
    KeyStoreConfigurationException e =
        assertThrows(
            KeyStoreConfigurationException.class,
            () -> KeyStores.local(keys, Map.of(1, "c2hvcnQ="), 1));
    assertTrue(e.getMessage().contains("32 random bytes"), e.getMessage());
  }

  @Test
  void aMasterKeyThatIsNotBase64SaysSo() {
    KeyStoreConfigurationException e =
        assertThrows(
            KeyStoreConfigurationException.class,
            () -> KeyStores.local(keys, Map.of(1, "not base64!"), 1));
    assertTrue(e.getMessage().contains("base64"), e.getMessage());
  }

  @Test
  void aCurrentVersionWithoutAKeySaysWhichToSet() {
    KeyStoreConfigurationException e =
        assertThrows(
            KeyStoreConfigurationException.class,
            () -> KeyStores.local(keys, TestDatabases.MASTER_KEYS, 2));
    assertTrue(e.getMessage().contains("master-keys.2"), e.getMessage());
  }

  @Test
  void aKeyDatabaseWithoutItsSchemaFailsTheStartUpCheck() {
    DataSource empty = TestDatabases.fresh("riservo_fe_keys_empty_test");
    try (KeyStore bare = KeyStores.local(empty, masterKeys, 1)) {
      KeyStoreConfigurationException e =
          assertThrows(KeyStoreConfigurationException.class, bare::check);
      assertTrue(e.getMessage().contains("quarkus.datasource.keys"), e.getMessage());
    }
  }
}
