package dev.riservo.encryption.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.riservo.encryption.keystore.VaultClient;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Signs receipts with a transit key of type {@code ecdsa-p256}, whose private half never leaves
 * Vault. Each version of the transit key is a key of its own with kid {@code <key>-v<N>}: a
 * rotation in Vault starts signing under a new kid while the JWKS keeps every older version, so
 * receipts signed before stay verifiable.
 *
 * <p>Every method but {@link #algorithm()} may call Vault and blocks (up to the configured
 * timeout): callers keep it off the event loop.
 */
public final class VaultReceiptSigner implements ReceiptSigner {

  private static final String KEY_TYPE = "ecdsa-p256";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final VaultClient vault;
  private final String key;

  public VaultReceiptSigner(VaultClient vault) {
    this.vault = vault;
    this.key = vault.settings().signingKey();
  }

  @Override
  public String algorithm() {
    return "ES256";
  }

  /** The latest version's kid; the version is re-read from Vault at most every few seconds. */
  @Override
  public String keyId() {
    return kid(vault.latestVersion(key));
  }

  /**
   * Signs with the version that the JWS header's {@code kid} names, so that a rotation between
   * {@link #keyId()} and this call cannot produce a signature under another key than the header
   * claims; without a kid of this signer, with the latest version.
   */
  @Override
  public byte[] sign(byte[] signingInput) {
    int version = headerVersion(signingInput);
    if (version < 1) {
      version = vault.latestVersion(key);
    }
    JsonNode data =
        vault.require(
            vault.post(
                vault.transit("sign", key),
                Map.of(
                    "input",
                    Base64.getEncoder().encodeToString(signingInput),
                    "key_version",
                    version,
                    "hash_algorithm",
                    "sha2-256",
                    "marshaling_algorithm",
                    "jws")),
            "signing with transit key " + key);
    String signature = data.path("signature").asText();
    if (VaultClient.versionOf(signature) != version) {
      throw new IllegalStateException(
          "Vault signed with another version of transit key " + key + " than v" + version);
    }
    byte[] raw;
    try {
      raw = Base64.getUrlDecoder().decode(signature.substring(signature.indexOf(':', 6) + 1));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("Vault answered a signature that is not base64url", e);
    }
    if (raw.length != 64) {
      throw new IllegalStateException(
          "Vault answered a signature of " + raw.length + " bytes, not ES256's 64");
    }
    return raw;
  }

  /** Every version's public key, read from {@code GET {mount}/keys/{key}}, oldest first. */
  @Override
  public List<Map<String, Object>> publicJwks() {
    JsonNode keys = vault.readKey(key).path("keys");
    Map<Integer, ECPublicKey> byVersion = new TreeMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = keys.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> version = it.next();
      byVersion.put(
          Integer.parseInt(version.getKey()),
          publicKey(version.getValue().path("public_key").asText()));
    }
    List<Map<String, Object>> jwks = new ArrayList<>();
    byVersion.forEach((version, publicKey) -> jwks.add(Jws.ecJwk(publicKey, kid(version))));
    return jwks;
  }

  /**
   * At start-up: Vault answers, accepts the token, and has the signing key, which this creates if
   * missing and protects from deletion.
   */
  public void check() {
    vault.checkToken();
    vault.ensureKey(key, KEY_TYPE, "riservo.encryption.vault.signing-key");
  }

  private String kid(int version) {
    return key + "-v" + version;
  }

  /** The version named by the kid in the JWS header of {@code signingInput}, or -1. */
  private int headerVersion(byte[] signingInput) {
    int dot = 0;
    while (dot < signingInput.length && signingInput[dot] != '.') {
      dot++;
    }
    try {
      byte[] header = Base64.getUrlDecoder().decode(Arrays.copyOf(signingInput, dot));
      String kid = JSON.readTree(header).path("kid").asText("");
      String prefix = key + "-v";
      return kid.startsWith(prefix) ? Integer.parseInt(kid.substring(prefix.length())) : -1;
    } catch (IOException | IllegalArgumentException e) {
      return -1;
    }
  }

  private static ECPublicKey publicKey(String pem) {
    String base64 =
        pem.replace("-----BEGIN PUBLIC KEY-----", "")
            .replace("-----END PUBLIC KEY-----", "")
            .replaceAll("\\s", "");
    try {
      return (ECPublicKey)
          KeyFactory.getInstance("EC")
              .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
      throw new IllegalStateException("Vault answered a public key that is not EC P-256", e);
    }
  }
}
