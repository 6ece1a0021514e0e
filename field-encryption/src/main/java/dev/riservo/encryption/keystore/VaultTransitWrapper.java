package dev.riservo.encryption.keystore;

import com.fasterxml.jackson.databind.JsonNode;
import dev.riservo.encryption.TamperedValueException;
import dev.riservo.encryption.crypto.AesGcm;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * The vault key store's wrapping: Vault's transit engine encrypts data and index keys under a
 * transit key ({@code aes256-gcm96}) that never leaves Vault. Rotating that key in Vault is the
 * vault twin of adding a local master key version: new keys are wrapped under the latest version,
 * older versions still unwrap until {@link KeyStore#rewrap} has upgraded every row.
 *
 * <p>Wrapped form: Vault's ciphertext ({@code vault:v<N>:<base64>}) as UTF-8 bytes.
 *
 * <p>The {@code context} is not sent to Vault: the transit key is not a derived key, and Vault uses
 * a context only to derive keys, so it would bind nothing. What binds a wrapped key to its row is
 * the key database's own integrity, and each field's associated data binds values to their subject
 * and field.
 *
 * <p>Every method calls Vault and blocks (up to {@link VaultSettings#timeout()}): callers keep it
 * off the event loop. When Vault does not answer, methods throw {@link
 * dev.riservo.encryption.KeyStoreUnavailableException}.
 */
public final class VaultTransitWrapper implements KeyWrapper {

  private static final String KEY_TYPE = "aes256-gcm96";

  private final VaultClient vault;
  private final String key;

  public VaultTransitWrapper(VaultClient vault) {
    this.vault = vault;
    this.key = vault.settings().wrappingKey();
  }

  @Override
  public Generated generate(String context) {
    JsonNode data =
        vault.require(
            vault.post(vault.transit("datakey", "plaintext", key), Map.of("bits", 256)),
            "generating a data key under transit key " + key);
    byte[] plaintext = decode(data.path("plaintext").asText());
    if (plaintext.length != AesGcm.KEY_BYTES) {
      throw new IllegalStateException(
          "Vault generated a key of " + plaintext.length + " bytes instead of 32");
    }
    return new Generated(plaintext, ciphertext(data));
  }

  @Override
  public byte[] wrap(byte[] plaintext, String context) {
    JsonNode data =
        vault.require(
            vault.post(
                vault.transit("encrypt", key),
                Map.of("plaintext", Base64.getEncoder().encodeToString(plaintext))),
            "encrypting under transit key " + key);
    return ciphertext(data);
  }

  @Override
  public byte[] unwrap(byte[] wrapped, String context) {
    VaultClient.Reply reply =
        vault.post(vault.transit("decrypt", key), Map.of("ciphertext", text(wrapped)));
    if (reply.status() == 400) {
      throw new TamperedValueException("a wrapped key does not decrypt under Vault's transit key");
    }
    return decode(
        vault.require(reply, "decrypting under transit key " + key).path("plaintext").asText());
  }

  /**
   * Compares with the transit key's latest version, which is read from Vault at most once per
   * {@link VaultClient#DEFAULT_VERSION_TTL}, so that a re-wrap batch does not ask for every row.
   */
  @Override
  public boolean isCurrent(byte[] wrapped) {
    int version = VaultClient.versionOf(text(wrapped));
    return version >= vault.latestVersion(key);
  }

  @Override
  public byte[] rewrap(byte[] wrapped, String context) {
    VaultClient.Reply reply =
        vault.post(vault.transit("rewrap", key), Map.of("ciphertext", text(wrapped)));
    if (reply.status() == 400) {
      throw new TamperedValueException("a wrapped key does not decrypt under Vault's transit key");
    }
    return ciphertext(vault.require(reply, "re-wrapping under transit key " + key));
  }

  /**
   * At start-up: Vault answers, accepts the token, and has the wrapping key, which this creates if
   * missing and protects from deletion.
   */
  @Override
  public void check() {
    vault.checkToken();
    vault.ensureKey(key, KEY_TYPE, "riservo.encryption.vault.wrapping-key");
  }

  /** The ciphertext of a transit answer, as wrapped bytes; notes the version Vault used. */
  private byte[] ciphertext(JsonNode data) {
    String ciphertext = data.path("ciphertext").asText();
    int version = VaultClient.versionOf(ciphertext);
    if (version < 1) {
      throw new IllegalStateException("Vault answered a ciphertext not in its vault:v<N>: form");
    }
    vault.sawVersion(key, version);
    return ciphertext.getBytes(StandardCharsets.UTF_8);
  }

  /** The wrapped bytes as Vault's ciphertext, refused locally when not in its form. */
  private static String text(byte[] wrapped) {
    String ciphertext = new String(wrapped, StandardCharsets.UTF_8);
    if (VaultClient.versionOf(ciphertext) < 1) {
      throw new TamperedValueException("a wrapped key is not in the vault key store's form");
    }
    return ciphertext;
  }

  private static byte[] decode(String base64) {
    try {
      return Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("Vault answered a key that is not base64", e);
    }
  }
}
