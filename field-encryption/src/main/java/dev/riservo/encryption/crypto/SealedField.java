package dev.riservo.encryption.crypto;

import dev.riservo.encryption.TamperedValueException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.SecretKey;

/**
 * The stored form of an encrypted field, self-describing so that keys can rotate:
 *
 * <pre>
 * byte 0       format version (1)
 * bytes 1-16   key id (the subject's data key, a UUID)
 * bytes 17-20  key version (big-endian int)
 * bytes 21-32  nonce (96 bits, fresh per value)
 * bytes 33-    AES-256-GCM ciphertext and 128-bit tag
 * </pre>
 *
 * The associated data is the 21-byte header, the subject reference and the field name, so a value
 * copied to another subject's row or to another column does not decrypt. Text form: base64url
 * without padding.
 */
public final class SealedField {

  public static final byte FORMAT_VERSION = 1;
  static final int HEADER_BYTES = 21;

  private static final Base64.Encoder TEXT = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder BYTES = Base64.getUrlDecoder();

  private SealedField() {}

  /** Header of a stored value: which key sealed it. */
  public record KeyRef(UUID keyId, int version) {}

  public static String seal(
      KeyRef key, SecretKey secret, String subjectRef, String field, String plaintext) {
    byte[] clear = plaintext.getBytes(StandardCharsets.UTF_8);
    byte[] out = new byte[HEADER_BYTES + AesGcm.sealedLength(clear.length)];
    writeHeader(out, key);
    AesGcm.seal(secret, aad(out, subjectRef, field), clear, out, HEADER_BYTES);
    return TEXT.encodeToString(out);
  }

  /** Reads the header; a value that is not in the stored form is reported as tampered. */
  public static Parsed parse(String stored) {
    byte[] bytes;
    try {
      bytes = BYTES.decode(stored);
    } catch (IllegalArgumentException e) {
      throw new TamperedValueException("the stored value is not in the sealed-field form");
    }
    if (bytes.length < HEADER_BYTES + AesGcm.sealedLength(0) || bytes[0] != FORMAT_VERSION) {
      throw new TamperedValueException("the stored value is not in the sealed-field form");
    }
    ByteBuffer header = ByteBuffer.wrap(bytes, 1, HEADER_BYTES - 1);
    UUID keyId = new UUID(header.getLong(), header.getLong());
    int version = header.getInt();
    return new Parsed(new KeyRef(keyId, version), bytes);
  }

  /** A parsed stored value. */
  public record Parsed(KeyRef key, byte[] bytes) {

    public String open(SecretKey secret, String subjectRef, String field) {
      byte[] clear = AesGcm.open(secret, aad(bytes, subjectRef, field), bytes, HEADER_BYTES);
      if (clear == null) {
        throw new TamperedValueException(
            "the stored value does not verify for this subject and field (changed, moved or"
                + " sealed with another key)");
      }
      return new String(clear, StandardCharsets.UTF_8);
    }
  }

  private static void writeHeader(byte[] out, KeyRef key) {
    ByteBuffer header = ByteBuffer.wrap(out, 0, HEADER_BYTES);
    header.put(FORMAT_VERSION);
    header.putLong(key.keyId().getMostSignificantBits());
    header.putLong(key.keyId().getLeastSignificantBits());
    header.putInt(key.version());
  }

  private static byte[] aad(byte[] sealed, String subjectRef, String field) {
    byte[] subject = subjectRef.getBytes(StandardCharsets.UTF_8);
    byte[] name = field.getBytes(StandardCharsets.UTF_8);
    byte[] aad = new byte[HEADER_BYTES + subject.length + 1 + name.length];
    System.arraycopy(sealed, 0, aad, 0, HEADER_BYTES);
    System.arraycopy(subject, 0, aad, HEADER_BYTES, subject.length);
    aad[HEADER_BYTES + subject.length] = 0x1f;
    System.arraycopy(name, 0, aad, HEADER_BYTES + subject.length + 1, name.length);
    return aad;
  }
}
