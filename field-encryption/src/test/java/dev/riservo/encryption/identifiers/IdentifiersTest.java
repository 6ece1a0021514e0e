package dev.riservo.encryption.identifiers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.riservo.encryption.InvalidIdentifierException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IdentifiersTest {

  private final Identifiers italy = new Identifiers("IT");

  @ParameterizedTest
  @ValueSource(
      strings = {
        "+39 06 4567 8901",
        "0039 06 4567 8901",
        "06 4567 8901",
        "06-4567-8901",
        "+39.06.45678901",
        " (06) 45678901 "
      })
  void aRomanNumberWrittenInAnyWayNormalisesToE164(String written) {
    assertEquals("+390645678901", italy.phone(written));
  }

  @ParameterizedTest
  @ValueSource(strings = {"+39 347 123 4567", "0039 3471234567", "347-123-4567"})
  void anItalianMobileNormalisesToE164(String written) {
    assertEquals("+393471234567", italy.phone(written));
  }

  @Test
  void aForeignNumberKeepsItsCountry() {
    assertEquals("+33142685300", italy.phone("+33 1 42 68 53 00"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "hello", "+39 12", "12345678901234567890123", "+999 1234"})
  void malformedNumbersAreRefusedWithoutQuotingThem(String written) {
    InvalidIdentifierException e =
        assertThrows(InvalidIdentifierException.class, () -> italy.phone(written));
    assertEquals("phone", e.kind());
    if (!written.isBlank()) {
      assertFalse(e.getMessage().contains(written.strip()));
    }
  }

  @ParameterizedTest
  @CsvSource({
    "+39 06 4567 8901, +390645678901, FIXED_LINE",
    "06-4567-8901, +390645678901, FIXED_LINE",
    "0039 347 1234567, +393471234567, MOBILE",
    "347 123 4567, +393471234567, MOBILE",
    "+33 1 42 68 53 00, +33142685300, FIXED_LINE",
    "' (06) 45678901 ', +390645678901, FIXED_LINE"
  })
  void aTypedPhoneIsReadOnceWithItsType(String written, String e164, String type) {
    Identifiers.TypedPhone phone = italy.typedPhone(written);
    assertEquals(e164, phone.e164());
    assertEquals(type, phone.type().name());
    assertEquals(type.equals("FIXED_LINE"), phone.fixedLine());
  }

  @Test
  void theTypedFastPathAgreesWithTheFullParserOnEveryWriting() {
    java.util.Random random = new java.util.Random(7);
    String[] prefixes = {
      "06", "02", "011", "081", "055", "0844", "320", "347", "393", "800", "899"
    };
    for (int i = 0; i < 5_000; i++) {
      String prefix = prefixes[random.nextInt(prefixes.length)];
      StringBuilder national = new StringBuilder(prefix);
      int length = 6 + random.nextInt(6);
      while (national.length() < length) {
        national.append(random.nextInt(10));
      }
      String[] writings = {
        national.toString(),
        "+39" + national,
        "0039 " + national,
        "+39 " + national.substring(0, 3) + "-" + national.substring(3)
      };
      for (String written : writings) {
        String strict;
        try {
          strict = italy.phone(written);
        } catch (InvalidIdentifierException e) {
          assertThrows(InvalidIdentifierException.class, () -> italy.typedPhone(written), written);
          continue;
        }
        assertEquals(strict, italy.typedPhone(written).e164(), written);
      }
    }
    assertThrows(InvalidIdentifierException.class, () -> italy.typedPhone("+39 12"));
    assertThrows(InvalidIdentifierException.class, () -> italy.typedPhone(null));
  }

  @Test
  void absurdlyLongInputIsRefused() {
    assertThrows(InvalidIdentifierException.class, () -> italy.phone("1".repeat(10_000)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "+390645678901",
        "+393471234567",
        "+33142685300",
        "+12025550123",
        "+442071838750",
        "+390312345678"
      })
  void theLookupFastPathAgreesWithTheFullParser(String e164) {
    assertEquals(italy.phone(e164), italy.phoneForLookup(e164));
  }

  @ParameterizedTest
  @CsvSource({
    "IT, 06 4567 8901",
    "IT, 0039 347 1234567",
    "IT, +39 347 123 4567",
    "IT, 347-123-4567",
    "IT, (06) 45678901",
    "IT, +33 1 42 68 53 00",
    "FR, 01 42 68 53 00",
    "FR, 06 12 34 56 78",
    "GB, 020 7183 8750",
    "GB, 07400 123456",
    "DE, 030 1234567",
    "ES, 912 345 678",
    "US, (202) 555-0123",
    "US, 1 202 555 0123"
  })
  void lookupsAgreeWithTheFullParserInEveryRegion(String region, String written) {
    Identifiers identifiers = new Identifiers(region);
    assertEquals(identifiers.phone(written), identifiers.phoneForLookup(written));
  }

  @ParameterizedTest
  @ValueSource(strings = {"+99912345678", "+391", "+39123", "+0123456789"})
  void lookupsRefuseImpossibleNumbers(String written) {
    assertThrows(InvalidIdentifierException.class, () -> italy.phoneForLookup(written));
  }

  @Test
  void emailIsTrimmedAndLowerCased() {
    assertEquals("mario.rossi@example.it", italy.email("  Mario.Rossi@Example.IT "));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "mario", "mario@", "@example.it", "a b@example.it"})
  void malformedEmailsAreRefused(String written) {
    InvalidIdentifierException e =
        assertThrows(InvalidIdentifierException.class, () -> italy.email(written));
    assertEquals("email", e.kind());
  }
}
