package dev.riservo.encryption.quarkus;

import dev.riservo.encryption.FieldEncryption;
import dev.riservo.encryption.KeyStoreConfigurationException;
import dev.riservo.encryption.keystore.KeyStore;
import dev.riservo.encryption.keystore.KeyStores;
import dev.riservo.encryption.keystore.VaultSettings;
import dev.riservo.encryption.ledger.ShredLedger;
import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.quarkus.agroal.runtime.AgroalDataSourceUtil;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Makes {@link FieldEncryption} injectable, over the key store that {@code
 * riservo.encryption.backend} names, the {@code keys} datasource and (unless disabled) the shred
 * ledger in the service's own datasource. A wrong configuration stops the service at start-up with
 * a message that says what to set.
 */
@ApplicationScoped
public class FieldEncryptionProducer {

  @Produces
  @Singleton
  FieldEncryption fieldEncryption(
      EncryptionConfig config, @DataSource("keys") AgroalDataSource keyDatabase) {
    return build(config, keyDatabase, ledgerDatabase(config));
  }

  /**
   * The facade over {@code keyDatabase}, with a shred ledger in {@code ledgerDatabase} if enabled
   * (empty: the configured datasource is missing, which stops the start-up).
   */
  static FieldEncryption build(
      EncryptionConfig config,
      javax.sql.DataSource keyDatabase,
      Optional<? extends javax.sql.DataSource> ledgerDatabase) {
    ShredLedger ledger = null;
    if (config.shredLedger().enabled()) {
      ledger =
          new ShredLedger(
              ledgerDatabase.orElseThrow(
                  () ->
                      new KeyStoreConfigurationException(
                          "the shred ledger needs the service's own JDBC datasource ("
                              + config.shredLedger().datasource()
                              + "), which is not configured: set quarkus.datasource.jdbc.url (or"
                              + " riservo.encryption.shred-ledger.datasource to a JDBC"
                              + " datasource of the service database), or set"
                              + " riservo.encryption.shred-ledger.enabled=false")));
    }
    return new FieldEncryption(
        keyStore(config, keyDatabase),
        new FieldEncryption.Settings(
            config.defaultPhoneRegion(), config.cache().maxKeys(), config.cache().ttl()),
        ledger);
  }

  private static KeyStore keyStore(EncryptionConfig config, javax.sql.DataSource keyDatabase) {
    return switch (config.backend()) {
      case LOCAL ->
          KeyStores.local(
              keyDatabase,
              config.local().masterKeys(),
              config.local().masterKeyVersion(),
              config.shredVacuum().delay());
      case VAULT ->
          KeyStores.vault(
              keyDatabase,
              VaultSettings.of(
                  config.vault().address().orElse(null),
                  config.vault().token().orElse(null),
                  config.vault().transitMount(),
                  config.vault().wrappingKey(),
                  config.vault().signingKey(),
                  config.vault().timeout()),
              config.shredVacuum().delay());
    };
  }

  private static Optional<AgroalDataSource> ledgerDatabase(EncryptionConfig config) {
    if (!config.shredLedger().enabled()) {
      return Optional.empty();
    }
    try {
      return AgroalDataSourceUtil.dataSourceIfActive(config.shredLedger().datasource());
    } catch (RuntimeException e) {
      return Optional.empty(); // no such datasource: build() says what to set
    }
  }

  void close(@Disposes FieldEncryption encryption) {
    encryption.close();
  }

  /**
   * Builds and checks the key store (and the shred ledger) before the service takes traffic, then
   * replays the ledger.
   */
  void checkAtStartUp(
      @Observes StartupEvent start,
      FieldEncryption encryption,
      EncryptionConfig config,
      ShredLedgerReplay replay) {
    checkAtStartUp(encryption, config);
    replay.start();
  }

  /** The start-up check alone. */
  void checkAtStartUp(FieldEncryption encryption, EncryptionConfig config) {
    try {
      encryption.check();
    } catch (KeyStoreConfigurationException e) {
      Log.errorf("field encryption is misconfigured: %s", e.getMessage());
      throw e;
    } catch (RuntimeException e) {
      throw new KeyStoreConfigurationException(
          "the key store ("
              + config.backend().name().toLowerCase()
              + ") cannot be used: "
              + e.getMessage()
              + "; check quarkus.datasource.keys.* (the key database) and riservo.encryption.*",
          e);
    }
    Log.infof("field encryption ready (%s key store)", config.backend().name().toLowerCase());
  }
}
