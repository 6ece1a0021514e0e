package dev.riservo.audit.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/** The hashing rule of the audit chain: plain Java, so every branch is unit-testable. */
public final class AuditChain {

  /** The hash that stands before the first entry. */
  public static final String GENESIS = "0".repeat(64);

  private AuditChain() {}

  /**
   * SHA-256 over the previous hash and every field of the entry, each length-prefixed so that no
   * two different entries can produce the same input.
   */
  public static String hash(String prevHash, AuditRecord record) {
    StringBuilder input = new StringBuilder(256);
    field(input, prevHash);
    field(input, Long.toString(record.seq()));
    field(input, record.occurredAt().toString());
    field(input, record.actor());
    field(input, record.action());
    field(input, record.subjectRef() == null ? "" : record.subjectRef());
    field(input, record.details());
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return HexFormat.of()
          .formatHex(sha256.digest(input.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
    }
  }

  /** Details as a canonical string: keys sorted, each key and value length-prefixed. */
  public static String canonicalDetails(Map<String, String> details) {
    StringBuilder out = new StringBuilder();
    new TreeMap<>(details)
        .forEach(
            (key, value) -> {
              field(out, key);
              field(out, value == null ? "" : value);
            });
    return out.toString();
  }

  /** The instant as the database keeps it (microseconds), so hashes survive a round trip. */
  public static Instant storable(Instant instant) {
    return instant.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
  }

  private static void field(StringBuilder out, String value) {
    out.append(value.length()).append(':').append(value).append('|');
  }
}
