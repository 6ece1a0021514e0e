package dev.riservo.encryption.quarkus;

import dev.riservo.encryption.FieldEncryption;
import dev.riservo.encryption.KeyStoreConfigurationException;
import dev.riservo.encryption.keystore.KeyStore;
import dev.riservo.encryption.keystore.KeyStores;
import dev.riservo.encryption.keystore.VaultSettings;
import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Makes {@link FieldEncryption} injectable, over the key store that {@code
 * riservo.encryption.backend} names and the {@code keys} datasource. A wrong configuration stops
 * the service at start-up with a message that says what to set.
 */
@ApplicationScoped
public class FieldEncryptionProducer {

  @Produces
  @Singleton
  FieldEncryption fieldEncryption(
      EncryptionConfig config, @DataSource("keys") AgroalDataSource keyDatabase) {
    KeyStore store =
        switch (config.backend()) {
          case LOCAL ->
              KeyStores.local(
                  keyDatabase, config.local().masterKeys(), config.local().masterKeyVersion());
          case VAULT ->
              KeyStores.vault(
                  keyDatabase,
                  VaultSettings.of(
                      config.vault().address().orElse(null),
                      config.vault().token().orElse(null),
                      config.vault().transitMount(),
                      config.vault().wrappingKey(),
                      config.vault().signingKey(),
                      config.vault().timeout()));
        };
    return new FieldEncryption(
        store,
        new FieldEncryption.Settings(
            config.defaultPhoneRegion(), config.cache().maxKeys(), config.cache().ttl()));
  }

  void close(@Disposes FieldEncryption encryption) {
    encryption.close();
  }

  /** Builds and checks the key store before the service takes traffic. */
  void checkAtStartUp(
      @Observes StartupEvent start, FieldEncryption encryption, EncryptionConfig config) {
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
