package dev.riservo.encryption.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA-256 blind index under one version of the index key. The index of a normalised value is
 * {@code <version>.<base64url(HMAC(key, kind ":" value))>}: the kind separates phone numbers from
 * e-mails, the version lets the index key rotate.
 */
public final class BlindIndexer {

  private static final Base64.Encoder TEXT = Base64.getUrlEncoder().withoutPadding();

  private final int version;
  private final String prefix;
  private final ThreadLocal<Mac> macs;

  public BlindIndexer(int version, byte[] key) {
    this.version = version;
    this.prefix = version + ".";
    SecretKey secret = new SecretKeySpec(key.clone(), "HmacSHA256");
    this.macs =
        ThreadLocal.withInitial(
            () -> {
              try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(secret);
                return mac;
              } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is required by every Java runtime", e);
              }
            });
  }

  public int version() {
    return version;
  }

  /** The index of an already normalised value of the given kind. */
  public String index(String kind, String normalised) {
    Mac mac = macs.get();
    mac.update(kind.getBytes(StandardCharsets.UTF_8));
    mac.update((byte) ':');
    return prefix + TEXT.encodeToString(mac.doFinal(normalised.getBytes(StandardCharsets.UTF_8)));
  }
}
