package dev.riservo.encryption.signing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** Compact JWS and JWKS documents over a {@link ReceiptSigner}, readable by any JOSE library. */
public final class Jws {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

  private Jws() {}

  /**
   * {@code payloadJson} signed as a compact JWS with header {@code alg}, {@code kid}, {@code typ}.
   */
  public static String sign(ReceiptSigner signer, String payloadJson, String type) {
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("alg", signer.algorithm());
    header.put("kid", signer.keyId());
    header.put("typ", type);
    String signingInput =
        B64.encodeToString(json(header).getBytes(StandardCharsets.UTF_8))
            + "."
            + B64.encodeToString(payloadJson.getBytes(StandardCharsets.UTF_8));
    byte[] signature = signer.sign(signingInput.getBytes(StandardCharsets.US_ASCII));
    return signingInput + "." + B64.encodeToString(signature);
  }

  /** The JWKS document ({@code {"keys":[...]}}) of the signer's public keys. */
  public static String jwks(ReceiptSigner signer) {
    return json(Map.of("keys", signer.publicJwks()));
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JOSE header could not be written", e);
    }
  }

  /** A public EC P-256 key as a JWK. */
  public static Map<String, Object> ecJwk(java.security.interfaces.ECPublicKey key, String kid) {
    Map<String, Object> jwk = new LinkedHashMap<>();
    jwk.put("kty", "EC");
    jwk.put("crv", "P-256");
    jwk.put("x", B64.encodeToString(unsigned(key.getW().getAffineX())));
    jwk.put("y", B64.encodeToString(unsigned(key.getW().getAffineY())));
    jwk.put("kid", kid);
    jwk.put("alg", "ES256");
    jwk.put("use", "sig");
    return jwk;
  }

  /** A coordinate as exactly 32 big-endian bytes. */
  private static byte[] unsigned(java.math.BigInteger value) {
    byte[] raw = value.toByteArray();
    byte[] out = new byte[32];
    int copy = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
    return out;
  }
}
