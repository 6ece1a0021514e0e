package dev.riservo.encryption.identifiers;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import dev.riservo.encryption.InvalidIdentifierException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Normalises identifiers before they are indexed: phone numbers to E.164 with libphonenumber (a
 * default region for numbers written without a country code), e-mail addresses trimmed and
 * lower-cased.
 */
public final class Identifiers {

  private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();
  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
  private static final String UNKNOWN_REGION = "ZZ";
  private static final Pattern E164 = Pattern.compile("^\\+[1-9][0-9]{6,14}$");
  private static final int MAX_LENGTH = 254;

  private final String defaultRegion;

  /** {@code defaultRegion} is an ISO 3166 code such as {@code IT}. */
  public Identifiers(String defaultRegion) {
    if (!PHONES.getSupportedRegions().contains(defaultRegion)) {
      throw new IllegalArgumentException("unknown default phone region " + defaultRegion);
    }
    this.defaultRegion = defaultRegion;
  }

  /**
   * A phone number in E.164 ({@code +390612345678}). Accepts {@code +39 06 ...}, {@code 0039...},
   * national {@code 06...}, spaces, dashes, dots and brackets.
   */
  public String phone(String raw) {
    if (raw == null || raw.isBlank()) {
      throw new InvalidIdentifierException("phone", "it is empty");
    }
    if (raw.length() > 64) {
      throw new InvalidIdentifierException("phone", "it is too long");
    }
    String compact = raw.strip();
    if (compact.startsWith("00")) {
      compact = "+" + compact.substring(2);
    }
    PhoneNumber number;
    try {
      number = PHONES.parse(compact, defaultRegion);
    } catch (NumberParseException e) {
      throw new InvalidIdentifierException("phone", "it cannot be read as a phone number");
    }
    if (!PHONES.isValidNumber(number)) {
      throw new InvalidIdentifierException("phone", "no such number exists in its numbering plan");
    }
    return PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
  }

  /**
   * A phone number in E.164 for a lookup (a blind index to search with). A number already in E.164
   * takes a fast path that checks its country code and length but not its numbering-plan validity:
   * a possible-but-unassigned number simply finds nothing. Anything else goes through {@link
   * #phone}. Use {@link #phone} for numbers that are about to be stored.
   */
  public String phoneForLookup(String raw) {
    if (raw != null && E164.matcher(raw).matches()) {
      PhoneNumber number = fromE164(raw);
      if (number != null
          && PHONES.isPossibleNumber(number)
          && raw.equals(PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164))) {
        return raw;
      }
    }
    return phone(raw);
  }

  /** Splits canonical E.164 digits without the parser: country codes are prefix-free. */
  private static PhoneNumber fromE164(String e164) {
    for (int length = 1; length <= 3; length++) {
      int countryCode = Integer.parseInt(e164.substring(1, 1 + length));
      if (UNKNOWN_REGION.equals(PHONES.getRegionCodeForCountryCode(countryCode))) {
        continue;
      }
      String national = e164.substring(1 + length);
      PhoneNumber number = new PhoneNumber().setCountryCode(countryCode);
      int zeros = 0;
      while (zeros < national.length() - 1 && national.charAt(zeros) == '0') {
        zeros++;
      }
      if (zeros > 0) {
        number.setItalianLeadingZero(true).setNumberOfLeadingZeros(zeros);
      }
      return number.setNationalNumber(Long.parseLong(national));
    }
    return null;
  }

  /** An e-mail address trimmed and lower-cased. */
  public String email(String raw) {
    if (raw == null || raw.isBlank()) {
      throw new InvalidIdentifierException("email", "it is empty");
    }
    String email = raw.strip().toLowerCase(Locale.ROOT);
    if (email.length() > MAX_LENGTH || !EMAIL.matcher(email).matches()) {
      throw new InvalidIdentifierException("email", "it is not an address of the form name@domain");
    }
    return email;
  }

  public String defaultRegion() {
    return defaultRegion;
  }
}
