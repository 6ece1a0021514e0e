package dev.riservo.notice.versions.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class ContentHashTest {

  @Test
  void isLowerCaseHexSha256OfTheUtf8Bytes() {
    // FIPS 180-2 test vectors.
    assertEquals(
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ContentHash.of("abc"));
    assertEquals(
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", ContentHash.of(""));
    // "è" is C3 A8 in UTF-8 (not E8 as in Latin-1).
    assertEquals(
        "97c916cd94785d7b9b52ae7013c267854f275691ddaae212bc1c07f639b8a0c7", ContentHash.of("è"));
  }

  @Test
  void hashesTheTextExactlyAsGiven() {
    assertNotEquals(ContentHash.of("a\nb"), ContentHash.of("a\r\nb"));
    assertNotEquals(ContentHash.of("abc"), ContentHash.of("abc "));
  }
}
