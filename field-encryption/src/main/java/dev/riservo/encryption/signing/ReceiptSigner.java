package dev.riservo.encryption.signing;

import java.util.List;
import java.util.Map;

/**
 * A signing key held by the key store, for consent receipts (JWS). The private key never leaves the
 * key store's custody: the local store keeps it wrapped in the key database, Vault keeps it in its
 * transit engine.
 */
public interface ReceiptSigner {

  /** The JWS algorithm, {@code ES256}. */
  String algorithm();

  /** The key id ({@code kid}) of the key that signs now. */
  String keyId();

  /**
   * Signs a JWS signing input ({@code base64url(header) "." base64url(payload)} as ASCII bytes) and
   * answers the JWS signature bytes (for ES256, R and S, 32 bytes each).
   */
  byte[] sign(byte[] signingInput);

  /**
   * True if signing is arithmetic in this process (the local store), so it may run on an event
   * loop; false if it is a network call (Vault).
   */
  default boolean inProcess() {
    return false;
  }

  /** Every public key a receipt may have been signed with, as JWKs (kty, crv, x, y, kid, alg). */
  List<Map<String, Object>> publicJwks();
}
