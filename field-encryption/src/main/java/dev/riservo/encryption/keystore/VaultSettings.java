package dev.riservo.encryption.keystore;

import dev.riservo.encryption.KeyStoreConfigurationException;
import java.net.URI;
import java.time.Duration;

/**
 * Where the vault key store finds Vault and which transit keys it uses. Build it with {@link #of},
 * which applies the defaults and names the setting to fix when something required is missing.
 *
 * @param address Vault's address, e.g. {@code https://vault.internal:8200}
 * @param token a Vault token whose policy allows the riservo transit paths
 * @param transitMount where the transit secrets engine is mounted
 * @param wrappingKey the transit key ({@code aes256-gcm96}) that wraps data and index keys
 * @param signingKey the transit key ({@code ecdsa-p256}) that signs consent receipts
 * @param timeout how long one call to Vault may take, connecting and answering each
 */
public record VaultSettings(
    URI address,
    String token,
    String transitMount,
    String wrappingKey,
    String signingKey,
    Duration timeout) {

  public static final String DEFAULT_TRANSIT_MOUNT = "transit";
  public static final String DEFAULT_WRAPPING_KEY = "riservo-data";
  public static final String DEFAULT_SIGNING_KEY = "riservo-receipts";
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

  /** Settings with defaults for every null or blank optional value; address and token required. */
  public static VaultSettings of(
      URI address,
      String token,
      String transitMount,
      String wrappingKey,
      String signingKey,
      Duration timeout) {
    if (address == null || address.getHost() == null || !isHttp(address)) {
      throw new KeyStoreConfigurationException(
          "the vault key store needs Vault's address: set riservo.encryption.vault.address"
              + " (RISERVO_VAULT_ADDR) to an http(s) URL such as https://vault.internal:8200");
    }
    if (token == null || token.isBlank()) {
      throw new KeyStoreConfigurationException(
          "the vault key store needs a Vault token: set riservo.encryption.vault.token"
              + " (RISERVO_VAULT_TOKEN) to a token with the riservo transit policy");
    }
    if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
      throw new KeyStoreConfigurationException(
          "riservo.encryption.vault.timeout must be positive, e.g. 5s");
    }
    return new VaultSettings(
        address,
        token.strip(),
        orDefault(stripSlashes(transitMount), DEFAULT_TRANSIT_MOUNT),
        orDefault(wrappingKey, DEFAULT_WRAPPING_KEY),
        orDefault(signingKey, DEFAULT_SIGNING_KEY),
        timeout == null ? DEFAULT_TIMEOUT : timeout);
  }

  /** Address and token, everything else by default. */
  public static VaultSettings of(URI address, String token) {
    return of(address, token, null, null, null, null);
  }

  /** Without the token, so that logging the settings cannot leak it. */
  @Override
  public String toString() {
    return "VaultSettings[address="
        + address
        + ", token=<redacted>, transitMount="
        + transitMount
        + ", wrappingKey="
        + wrappingKey
        + ", signingKey="
        + signingKey
        + ", timeout="
        + timeout
        + "]";
  }

  private static boolean isHttp(URI address) {
    return "http".equalsIgnoreCase(address.getScheme())
        || "https".equalsIgnoreCase(address.getScheme());
  }

  private static String stripSlashes(String value) {
    if (value == null) {
      return null;
    }
    String stripped = value.strip();
    while (stripped.startsWith("/")) {
      stripped = stripped.substring(1);
    }
    while (stripped.endsWith("/")) {
      stripped = stripped.substring(0, stripped.length() - 1);
    }
    return stripped;
  }

  private static String orDefault(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value.strip();
  }
}
