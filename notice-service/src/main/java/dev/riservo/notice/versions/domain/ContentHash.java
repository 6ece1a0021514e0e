package dev.riservo.notice.versions.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The hash a presentation of a notice records: SHA-256 of the text's UTF-8 bytes, in hex. */
public final class ContentHash {

  private ContentHash() {}

  /** Lower-case hex SHA-256 of {@code content} encoded as UTF-8, exactly as given. */
  public static String of(String content) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha256.digest(content.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
