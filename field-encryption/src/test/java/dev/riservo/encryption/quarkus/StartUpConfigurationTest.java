package dev.riservo.encryption.quarkus;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riservo.encryption.FieldEncryption;
import dev.riservo.encryption.KeyStoreConfigurationException;
import dev.riservo.encryption.support.TestDatabases;
import io.agroal.api.AgroalDataSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.lang.reflect.Proxy;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Wrong configuration stops a service at start-up with a message that says what to set: what the
 * producer and its start-up check do with each mistake.
 */
class StartUpConfigurationTest {

  private final FieldEncryptionProducer producer = new FieldEncryptionProducer();
  private final DataSource keys = TestDatabases.freshKeyDatabase("riservo_fe_startup_test");

  /** The configuration; the shred ledger off unless {@code properties} turn it on. */
  private static EncryptionConfig config(Map<String, String> properties) {
    Map<String, String> all = new HashMap<>(properties);
    all.putIfAbsent("riservo.encryption.shred-ledger.enabled", "false");
    SmallRyeConfig config =
        new SmallRyeConfigBuilder()
            .withMapping(EncryptionConfig.class)
            .withSources(new PropertiesConfigSource(all, "test", 500))
            .build();
    return config.getConfigMapping(EncryptionConfig.class);
  }

  /** The producer takes an Agroal datasource; the library needs only a DataSource of it. */
  private AgroalDataSource agroal() {
    return (AgroalDataSource)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {AgroalDataSource.class},
            (proxy, method, args) -> method.invoke(keys, args));
  }

  private KeyStoreConfigurationException startUpFailure(Map<String, String> properties) {
    EncryptionConfig config = config(properties);
    return assertThrows(
        KeyStoreConfigurationException.class,
        () -> {
          FieldEncryption encryption =
              FieldEncryptionProducer.build(config, agroal(), Optional.empty());
          producer.checkAtStartUp(encryption, config);
        });
  }

  @Test
  void localWithoutAMasterKeySaysToSetRiservoMasterKey() {
    KeyStoreConfigurationException e = startUpFailure(Map.of());
    assertTrue(e.getMessage().contains("RISERVO_MASTER_KEY"), e.getMessage());
  }

  @Test
  void vaultWithoutAnAddressSaysWhichSettingToSet() {
    KeyStoreConfigurationException e =
        startUpFailure(Map.of("riservo.encryption.backend", "vault"));
    assertTrue(e.getMessage().contains("riservo.encryption.vault.address"), e.getMessage());
  }

  @Test
  void unreachableVaultSaysSo() throws Exception {
    int closed;
    try (ServerSocket probe = new ServerSocket(0)) {
      closed = probe.getLocalPort();
    }
    Map<String, String> properties = new HashMap<>();
    properties.put("riservo.encryption.backend", "vault");
    properties.put("riservo.encryption.vault.address", "http://127.0.0.1:" + closed);
    properties.put("riservo.encryption.vault.token", "s.some-token");
    KeyStoreConfigurationException e = startUpFailure(properties);
    assertTrue(e.getMessage().contains("not reachable"), e.getMessage());
    assertTrue(e.getMessage().contains("riservo.encryption.vault.address"), e.getMessage());
  }

  @Test
  void aTokenVaultRefusesSaysToSetTheToken() {
    try (var vault = new dev.riservo.encryption.keystore.VaultApiDouble("the-real-token").start()) {
      Map<String, String> properties = new HashMap<>();
      properties.put("riservo.encryption.backend", "vault");
      properties.put("riservo.encryption.vault.address", vault.address().toString());
      properties.put("riservo.encryption.vault.token", "a-wrong-token");
      KeyStoreConfigurationException e = startUpFailure(properties);
      assertTrue(e.getMessage().contains("riservo.encryption.vault.token"), e.getMessage());
    }
  }

  @Test
  void aKeyDatabaseWithoutItsSchemaSaysWhatToSet() {
    DataSource empty = TestDatabases.fresh("riservo_fe_startup_empty_test");
    EncryptionConfig config =
        config(Map.of("riservo.encryption.local.master-keys.1", TestDatabases.MASTER_KEYS.get(1)));
    AgroalDataSource bare =
        (AgroalDataSource)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {AgroalDataSource.class},
                (proxy, method, args) -> method.invoke(empty, args));
    FieldEncryption encryption = FieldEncryptionProducer.build(config, bare, Optional.empty());
    KeyStoreConfigurationException e =
        assertThrows(
            KeyStoreConfigurationException.class,
            () -> producer.checkAtStartUp(encryption, config));
    assertTrue(e.getMessage().contains("quarkus.datasource.keys"), e.getMessage());
  }

  @Test
  void aShredLedgerWithoutTheServicesDatasourceSaysWhatToSet() {
    Map<String, String> properties = new HashMap<>();
    properties.put("riservo.encryption.local.master-keys.1", TestDatabases.MASTER_KEYS.get(1));
    properties.put("riservo.encryption.shred-ledger.enabled", "true");
    EncryptionConfig config = config(properties);
    KeyStoreConfigurationException e =
        assertThrows(
            KeyStoreConfigurationException.class,
            () -> FieldEncryptionProducer.build(config, agroal(), Optional.empty()));
    assertTrue(e.getMessage().contains("quarkus.datasource.jdbc.url"), e.getMessage());
    assertTrue(e.getMessage().contains("shred-ledger.enabled=false"), e.getMessage());
  }

  @Test
  void aServiceDatabaseWithoutTheLedgersTableSaysWhichMigrationsToApply() {
    Map<String, String> properties = new HashMap<>();
    properties.put("riservo.encryption.local.master-keys.1", TestDatabases.MASTER_KEYS.get(1));
    properties.put("riservo.encryption.shred-ledger.enabled", "true");
    EncryptionConfig config = config(properties);
    DataSource service = TestDatabases.fresh("riservo_fe_startup_service_test");
    FieldEncryption encryption =
        FieldEncryptionProducer.build(config, agroal(), Optional.of(service));
    KeyStoreConfigurationException e =
        assertThrows(
            KeyStoreConfigurationException.class,
            () -> producer.checkAtStartUp(encryption, config));
    assertTrue(e.getMessage().contains("db/shred-ledger"), e.getMessage());
  }
}
