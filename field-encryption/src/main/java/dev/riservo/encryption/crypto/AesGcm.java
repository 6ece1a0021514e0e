package dev.riservo.encryption.crypto;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** AES-256-GCM with 96-bit nonces and 128-bit tags; one {@link Cipher} per thread. */
public final class AesGcm {

  public static final int KEY_BYTES = 32;
  public static final int NONCE_BYTES = 12;
  public static final int TAG_BITS = 128;

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final ThreadLocal<Cipher> CIPHERS =
      ThreadLocal.withInitial(
          () -> {
            try {
              return Cipher.getInstance("AES/GCM/NoPadding");
            } catch (GeneralSecurityException e) {
              throw new IllegalStateException("AES/GCM is required by every Java runtime", e);
            }
          });

  private AesGcm() {}

  /** A fresh random 256-bit key. */
  public static SecretKey newKey() {
    return key(randomBytes(KEY_BYTES));
  }

  public static SecretKey key(byte[] raw) {
    if (raw.length != KEY_BYTES) {
      throw new IllegalArgumentException("an AES-256 key has 32 bytes, not " + raw.length);
    }
    return new SecretKeySpec(raw, "AES");
  }

  public static byte[] randomBytes(int count) {
    byte[] bytes = new byte[count];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  /**
   * Encrypts into {@code out} at {@code offset}: nonce then ciphertext and tag. {@code out} must
   * have room for {@code NONCE_BYTES + plaintext.length + 16} bytes.
   */
  public static void seal(SecretKey key, byte[] aad, byte[] plaintext, byte[] out, int offset) {
    byte[] nonce = randomBytes(NONCE_BYTES);
    System.arraycopy(nonce, 0, out, offset, NONCE_BYTES);
    try {
      Cipher cipher = CIPHERS.get();
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(aad);
      cipher.doFinal(plaintext, 0, plaintext.length, out, offset + NONCE_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM encryption failed", e);
    }
  }

  /** Size of what {@link #seal} writes for a plaintext of {@code length} bytes. */
  public static int sealedLength(int length) {
    return NONCE_BYTES + length + TAG_BITS / 8;
  }

  /**
   * Decrypts nonce, ciphertext and tag read from {@code in} at {@code offset}. Answers null when
   * the tag does not verify (a wrong key, wrong associated data or a changed byte).
   */
  public static byte[] open(SecretKey key, byte[] aad, byte[] in, int offset) {
    int length = in.length - offset - NONCE_BYTES;
    if (length < TAG_BITS / 8) {
      return null;
    }
    try {
      Cipher cipher = CIPHERS.get();
      cipher.init(
          Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, offset, NONCE_BYTES));
      cipher.updateAAD(aad);
      return cipher.doFinal(in, offset + NONCE_BYTES, length);
    } catch (AEADBadTagException e) {
      return null;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM decryption failed", e);
    }
  }
}
