package dev.riservo.notice.content.domain;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.erdtman.jcs.JsonCanonicalizer;

/**
 * RFC 8785 (JSON Canonicalization Scheme): one byte string per JSON value, whatever the order of
 * its keys, its whitespace or the escapes it used; and the SHA-256 of those bytes, the {@code
 * documentHash} of a notice version.
 */
public final class CanonicalJson {

  /** The name of the hash, as a version states it ({@code hashAlg}). */
  public static final String HASH_ALG = "SHA-256/RFC8785";

  private CanonicalJson() {}

  /** The canonical form of a JSON text (I-JSON: a duplicate key or an unsafe number fails). */
  public static String of(String json) {
    try {
      return new JsonCanonicalizer(json).getEncodedString();
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("not a JSON text that can be canonicalised", e);
    }
  }

  /** Lower-case hex SHA-256 of the canonical form's UTF-8 bytes. */
  public static String sha256(String canonical) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(canonical.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
