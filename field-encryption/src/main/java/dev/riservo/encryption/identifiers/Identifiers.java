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
