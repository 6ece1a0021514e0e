package dev.riservo.encryption.keystore;

import dev.riservo.encryption.KeyStoreConfigurationException;
import dev.riservo.encryption.TamperedValueException;
import dev.riservo.encryption.crypto.AesGcm;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import javax.crypto.SecretKey;

/**
 * The local key store's wrapping: AES-256-GCM under a master key from configuration. Master keys
 * are versioned, so one can rotate: new keys are wrapped under {@code currentVersion}, older
 * versions still unwrap until {@link KeyStore#rewrap} has upgraded every row.
 *
 * <p>Wrapped form: {@code 'L'}, master key version (int), nonce, ciphertext and tag; the context is
 * the associated data.
 */
public final class LocalMasterKeyWrapper implements KeyWrapper {

  private static final byte MARK = 'L';

  private final Map<Integer, SecretKey> masterKeys;
  private final int currentVersion;

  private LocalMasterKeyWrapper(Map<Integer, SecretKey> masterKeys, int currentVersion) {
    this.masterKeys = masterKeys;
    this.currentVersion = currentVersion;
  }

  /**
   * Master keys as base64 of 32 random bytes, by version. {@code currentVersion} wraps new keys.
   */
  public static LocalMasterKeyWrapper fromBase64(Map<Integer, String> keys, int currentVersion) {
    if (keys.isEmpty()) {
      throw new KeyStoreConfigurationException(
          "the local key store needs a master key: set RISERVO_MASTER_KEY (or"
              + " riservo.encryption.local.master-keys.1) to the base64 of 32 random bytes, e.g."
              + " the output of `openssl rand -base64 32`");
    }
    Map<Integer, SecretKey> parsed = new TreeMap<>();
    keys.forEach(
        (version, base64) -> {
          byte[] raw;
          try {
            raw = Base64.getDecoder().decode(base64.strip());
          } catch (IllegalArgumentException e) {
            throw new KeyStoreConfigurationException(
                "master key version " + version + " is not valid base64");
          }
          if (raw.length != AesGcm.KEY_BYTES) {
            throw new KeyStoreConfigurationException(
                "master key version "
                    + version
                    + " has "
                    + raw.length
                    + " bytes; it must be the base64 of exactly 32 random bytes"
                    + " (`openssl rand -base64 32`)");
          }
          parsed.put(version, AesGcm.key(raw));
        });
    if (!parsed.containsKey(currentVersion)) {
      throw new KeyStoreConfigurationException(
          "the current master key version "
              + currentVersion
              + " has no key: set riservo.encryption.local.master-keys."
              + currentVersion);
    }
    return new LocalMasterKeyWrapper(parsed, currentVersion);
  }

  @Override
  public Generated generate(String context) {
    byte[] plaintext = AesGcm.randomBytes(AesGcm.KEY_BYTES);
    return new Generated(plaintext, wrap(plaintext, context));
  }

  @Override
  public byte[] wrap(byte[] plaintext, String context) {
    byte[] out = new byte[5 + AesGcm.sealedLength(plaintext.length)];
    ByteBuffer.wrap(out).put(MARK).putInt(currentVersion);
    AesGcm.seal(masterKeys.get(currentVersion), aad(context), plaintext, out, 5);
    return out;
  }

  @Override
  public byte[] unwrap(byte[] wrapped, String context) {
    int version = version(wrapped);
    SecretKey master = masterKeys.get(version);
    if (master == null) {
      throw new KeyStoreConfigurationException(
          "a key is wrapped under master key version "
              + version
              + ", which is not configured: set riservo.encryption.local.master-keys."
              + version);
    }
    byte[] plaintext = AesGcm.open(master, aad(context), wrapped, 5);
    if (plaintext == null) {
      throw new TamperedValueException("a wrapped key does not verify under its master key");
    }
    return plaintext;
  }

  @Override
  public boolean isCurrent(byte[] wrapped) {
    return version(wrapped) == currentVersion;
  }

  @Override
  public byte[] rewrap(byte[] wrapped, String context) {
    return wrap(unwrap(wrapped, context), context);
  }

  @Override
  public void check() {
    // Parsing in fromBase64 already proved every master key; nothing is remote.
  }

  private static int version(byte[] wrapped) {
    if (wrapped.length < 5 || wrapped[0] != MARK) {
      throw new TamperedValueException("a wrapped key is not in the local key store's form");
    }
    return ByteBuffer.wrap(wrapped, 1, 4).getInt();
  }

  private static byte[] aad(String context) {
    return ("riservo-key|" + context).getBytes(StandardCharsets.UTF_8);
  }
}
