package dev.riservo.encryption.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.riservo.encryption.TamperedValueException;
import dev.riservo.encryption.crypto.SealedField.KeyRef;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;

class SealedFieldTest {

  private final SecretKey key = AesGcm.newKey();
  private final KeyRef ref = new KeyRef(UUID.randomUUID(), 1);

  private String seal(String plaintext) {
    return SealedField.seal(ref, key, "subj-1", "person.name", plaintext);
  }

  @Test
  void roundTrip() {
    String stored = seal("Mario Rossi");
    SealedField.Parsed parsed = SealedField.parse(stored);
    assertEquals(ref, parsed.key());
    assertEquals("Mario Rossi", parsed.open(key, "subj-1", "person.name"));
  }

  @Test
  void everyValueGetsAFreshNonce() {
    assertNotEquals(seal("Mario Rossi"), seal("Mario Rossi"));
  }

  @Test
  void aFlippedByteAnywhereIsDetected() {
    byte[] bytes = Base64.getUrlDecoder().decode(seal("Mario Rossi"));
    for (int i = SealedField.HEADER_BYTES; i < bytes.length; i++) {
      byte[] copy = bytes.clone();
      copy[i] ^= 0x01;
      String tampered = Base64.getUrlEncoder().withoutPadding().encodeToString(copy);
      assertThrows(
          TamperedValueException.class,
          () -> SealedField.parse(tampered).open(key, "subj-1", "person.name"),
          "byte " + i);
    }
  }

  @Test
  void aValueMovedToAnotherSubjectOrFieldDoesNotDecrypt() {
    SealedField.Parsed parsed = SealedField.parse(seal("Mario Rossi"));
    assertThrows(TamperedValueException.class, () -> parsed.open(key, "subj-2", "person.name"));
    assertThrows(TamperedValueException.class, () -> parsed.open(key, "subj-1", "person.email"));
  }

  @Test
  void aChangedKeyVersionInTheHeaderDoesNotDecrypt() {
    byte[] bytes = Base64.getUrlDecoder().decode(seal("Mario Rossi"));
    bytes[20] = 2;
    String tampered = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    SealedField.Parsed parsed = SealedField.parse(tampered);
    assertEquals(2, parsed.key().version());
    assertThrows(TamperedValueException.class, () -> parsed.open(key, "subj-1", "person.name"));
  }

  @Test
  void garbageIsReportedAsTamperingNotAsACrash() {
    assertThrows(TamperedValueException.class, () -> SealedField.parse("not base64 !!"));
    assertThrows(TamperedValueException.class, () -> SealedField.parse("AAAA"));
    assertThrows(TamperedValueException.class, () -> SealedField.parse(""));
  }
}
