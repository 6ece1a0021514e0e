package dev.riservo.encryption.keystore;

import dev.riservo.encryption.signing.VaultReceiptSigner;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;

/** Builds the key store backends from their settings. */
public final class KeyStores {

  private KeyStores() {}

  /**
   * The embedded default: keys in their own key database, wrapped by a master key from
   * configuration. {@code masterKeys} maps versions to base64 keys; {@code current} wraps new keys.
   */
  public static KeyStore local(
      DataSource keyDatabase, Map<Integer, String> masterKeys, int current) {
    return local(keyDatabase, masterKeys, current, EnvelopeKeyStore.DEFAULT_SHRED_VACUUM_DELAY);
  }

  /** As above; {@code vacuumDelay}: how long after a key is destroyed it is taken off the disk. */
  public static KeyStore local(
      DataSource keyDatabase, Map<Integer, String> masterKeys, int current, Duration vacuumDelay) {
    LocalMasterKeyWrapper wrapper = LocalMasterKeyWrapper.fromBase64(masterKeys, current);
    KeyDatabase database = new KeyDatabase(keyDatabase);
    LocalReceiptSigner signer = new LocalReceiptSigner(database, wrapper);
    return new EnvelopeKeyStore(database, wrapper, signer, signer::ensureKey, vacuumDelay);
  }

  /**
   * HashiCorp Vault: data and index keys generated and wrapped by the transit engine, stored
   * wrapped in the key database; receipts signed by a transit ECDSA key.
   */
  public static KeyStore vault(DataSource keyDatabase, VaultSettings settings) {
    return vault(keyDatabase, settings, EnvelopeKeyStore.DEFAULT_SHRED_VACUUM_DELAY);
  }

  /** As above; {@code vacuumDelay}: how long after a key is destroyed it is taken off the disk. */
  public static KeyStore vault(
      DataSource keyDatabase, VaultSettings settings, Duration vacuumDelay) {
    VaultClient client = VaultClient.connect(settings);
    VaultReceiptSigner signer = new VaultReceiptSigner(client);
    return new EnvelopeKeyStore(
        new KeyDatabase(keyDatabase),
        new VaultTransitWrapper(client),
        signer,
        signer::check,
        vacuumDelay);
  }
}
