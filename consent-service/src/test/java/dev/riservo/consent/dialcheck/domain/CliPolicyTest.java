package dev.riservo.consent.dialcheck.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import dev.riservo.consent.dialcheck.domain.CliPolicy.CallKind;
import dev.riservo.consent.dialcheck.domain.CliPolicy.Checked;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Unit tests of the caller-id policy (DESIGN.md rule 7): a real, callable, not withheld number;
 * Italy's 0844 (commercial) and 0843 (statistical surveys) prefixes only for their own kind.
 */
class CliPolicyTest {

  private final CliPolicy italy = CliPolicy.italy();

  private static void assertAllowed(Checked checked, String e164) {
    assertTrue(checked.allowed(), () -> "refused: " + checked.refusal());
    assertNull(checked.refusal());
    assertEquals(e164, checked.e164());
  }

  private static void assertRefused(Checked checked) {
    assertFalse(checked.allowed(), () -> "allowed as " + checked.e164());
    assertNotNull(checked.refusal());
    assertFalse(checked.refusal().isBlank());
    assertNull(checked.e164());
  }

  // ------------------------------------------------------------------ what may be typed ----

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(
      strings = {
        "0844-ABC-123", // keypad letters: the phone library would read them as 222
        "0844 123 ABC",
        "+39 0844 12345x",
        "0844_123456",
        "0844 123456 ext 2",
        " 0844 123456",
        "0844 123456 ",
        "0844\u00a0123456",
        "++39 0844 123456",
        "(0844) 123456)"
      })
  @DisplayName("rule 7: a caller id with letters or stray characters is refused, never rewritten")
  void lettersAndStrayCharactersRefused(String cli) {
    assertRefused(italy.check(cli, CallKind.COMMERCIAL));
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"0844-123-456", "+39 (0844) 123.456", "0844/123456", "0844123456"})
  @DisplayName("rule 7: digits with a leading + and the usual separators are accepted")
  void digitsAndSeparatorsAccepted(String cli) {
    assertAllowed(italy.check(cli, CallKind.COMMERCIAL), "+390844123456");
  }

  // ------------------------------------------------------------------ reserved prefixes ----

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "0844 123456,       +390844123456",
    "+39 0844 1234567,  +3908441234567",
    "00390844123456,    +390844123456"
  })
  @DisplayName("rule 7: 0844 is allowed for commercial calls, as E.164")
  void commercialPrefixForCommercialCalls(String cli, String e164) {
    assertAllowed(italy.check(cli, CallKind.COMMERCIAL), e164);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"0844 123456", "+39 0844 1234567", "00390844123456"})
  @DisplayName("rule 7: 0844 is refused for statistical surveys (reserved for commercial calls)")
  void commercialPrefixRefusedForSurveys(String cli) {
    Checked checked = italy.check(cli, CallKind.STATISTICAL_SURVEY);
    assertRefused(checked);
    assertTrue(checked.refusal().contains("commercial"), checked.refusal());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "0843 123456,       +390843123456",
    "+39 0843 1234567,  +3908431234567",
    "00390843123456,    +390843123456"
  })
  @DisplayName("rule 7: 0843 is allowed for statistical surveys, as E.164")
  void surveyPrefixForSurveys(String cli, String e164) {
    assertAllowed(italy.check(cli, CallKind.STATISTICAL_SURVEY), e164);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"0843 123456", "+39 0843 1234567", "00390843123456"})
  @DisplayName("rule 7: 0843 is refused for commercial calls (reserved for statistical surveys)")
  void surveyPrefixRefusedForCommercialCalls(String cli) {
    Checked checked = italy.check(cli, CallKind.COMMERCIAL);
    assertRefused(checked);
    assertTrue(checked.refusal().contains("statistical survey"), checked.refusal());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"0844 12", "+39 0844 123456789012"})
  @DisplayName("rule 7: a reserved prefix with a number too short or too long is refused")
  void reservedPrefixOfImpossibleLength(String cli) {
    assertRefused(italy.check(cli, CallKind.COMMERCIAL));
  }

  // ------------------------------------------------------------------ ordinary numbers ----

  @ParameterizedTest
  @EnumSource(CallKind.class)
  @DisplayName("rule 7: a Rome landline is allowed for both kinds, as E.164")
  void romeLandline(CallKind kind) {
    assertAllowed(italy.check("06 4423 1234", kind), "+390644231234");
    assertAllowed(italy.check("+39 06 4423 1234", kind), "+390644231234");
  }

  @ParameterizedTest
  @EnumSource(CallKind.class)
  @DisplayName("rule 7: an Italian mobile is allowed for both kinds, as E.164")
  void italianMobile(CallKind kind) {
    assertAllowed(italy.check("+39 347 1234567", kind), "+393471234567");
    assertAllowed(italy.check("347 123 4567", kind), "+393471234567");
  }

  // ------------------------------------------------------------------ refusals ----

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(
      strings = {
        "",
        "   ",
        "anonymous",
        "Anonymous",
        "ANONYMOUS",
        " private ",
        "Restricted",
        "unknown",
        "withheld",
        "hidden",
        "unavailable"
      })
  @DisplayName("rule 7: a withheld or blank caller id is refused")
  void withheld(String cli) {
    for (CallKind kind : CallKind.values()) {
      Checked checked = italy.check(cli, kind);
      assertRefused(checked);
      assertTrue(checked.refusal().contains("withheld"), checked.refusal());
    }
  }

  @Test
  @DisplayName("rule 7: no caller id at all (null) is refused as withheld")
  void nullCli() {
    assertRefused(italy.check(null, CallKind.COMMERCIAL));
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"12", "hello", "+39 12", "not a number"})
  @DisplayName("rule 7: something that is not a callable phone number is refused")
  void notAPhoneNumber(String cli) {
    for (CallKind kind : CallKind.values()) {
      assertRefused(italy.check(cli, kind));
    }
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(strings = {"899 123456", "+39 899 123456", "0039899123456"})
  @DisplayName("rule 7: a premium-rate number (899) is refused: a person must be able to call back")
  void premiumRate(String cli) {
    for (CallKind kind : CallKind.values()) {
      Checked checked = italy.check(cli, kind);
      assertRefused(checked);
      assertTrue(checked.refusal().contains("premium"), checked.refusal());
    }
  }

  @ParameterizedTest(name = "[{0}]")
  @ValueSource(
      strings = {
        "0844 123456",
        "+39 0844 1234567",
        "0843 123456",
        "899 123456",
        "0844 12",
        "+39 12",
        "12345678901234567"
      })
  @DisplayName("rule 7: a refusal never repeats the number's digits")
  void refusalNeverRepeatsTheNumber(String cli) {
    String digits = cli.replaceAll("[^0-9]", "");
    String national = digits.startsWith("39") ? digits.substring(2) : digits;
    for (CallKind kind : CallKind.values()) {
      Checked checked = italy.check(cli, kind);
      if (checked.allowed()) {
        continue;
      }
      String refusal = checked.refusal();
      assertFalse(refusal.contains(cli), refusal);
      assertFalse(refusal.contains(digits), refusal);
      assertFalse(refusal.contains(national), refusal);
      assertFalse(refusal.replaceAll("[^0-9]", "").contains(national), refusal);
    }
  }

  // ------------------------------------------------------------------ configuration ----

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"0844 123456", "+39 0844 1234567", "00390844123456", "0843 123456"})
  @DisplayName(
      "rule 7: with no reserved prefixes for the country, 0844 is allowed only if"
          + " libphonenumber says it is valid")
  void noReservedPrefixesDefersToTheNumberingPlan(String cli) throws Exception {
    CliPolicy plain = new CliPolicy("IT", Map.of());
    PhoneNumberUtil phones = PhoneNumberUtil.getInstance();
    PhoneNumber number = phones.parse(cli, "IT");
    boolean valid = phones.isValidNumber(number);
    for (CallKind kind : CallKind.values()) {
      Checked checked = plain.check(cli, kind);
      assertEquals(valid, checked.allowed(), () -> cli + " " + kind + ": " + checked.refusal());
      if (!valid) {
        assertTrue(checked.refusal().contains("numbering plan"), checked.refusal());
      }
    }
    // Ordinary numbers are unaffected by the missing configuration.
    assertAllowed(plain.check("06 4423 1234", CallKind.COMMERCIAL), "+390644231234");
    assertRefused(plain.check("899 123456", CallKind.COMMERCIAL));
  }

  @Test
  @DisplayName("rule 7: a valid foreign number is judged by its own numbering plan")
  void prefixesArePerCountry() {
    // Italy's configuration reserves nothing in the UK: a valid London number is judged by the
    // numbering plan alone, for either kind.
    assertAllowed(italy.check("+44 20 7946 0018", CallKind.STATISTICAL_SURVEY), "+442079460018");
  }
}
