package dev.riservo.encryption.identifiers;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
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

  private static final String SEPARATORS = " -./()";

  private final String defaultRegion;
  private final String nationalPrefix;
  private final String trunkPrefix;

  /** {@code defaultRegion} is an ISO 3166 code such as {@code IT}. */
  public Identifiers(String defaultRegion) {
    if (!PHONES.getSupportedRegions().contains(defaultRegion)) {
      throw new IllegalArgumentException("unknown default phone region " + defaultRegion);
    }
    this.defaultRegion = defaultRegion;
    this.nationalPrefix = "+" + PHONES.getCountryCodeForRegion(defaultRegion);
    this.trunkPrefix = PHONES.getNddPrefixForRegion(defaultRegion, true);
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

  /** A phone number read once for a decision: its E.164 form and its type in the numbering plan. */
  public record TypedPhone(String e164, PhoneNumberType type) {
    /** A fixed line: listed in public directories (rule 6), unlike mobiles and the rest. */
    public boolean fixedLine() {
      return type == PhoneNumberType.FIXED_LINE;
    }
  }

  /**
   * A number that must exist in its numbering plan (as {@link #phone}), with its type, read once.
   * The usual writings (E.164, {@code 00}, national, with separators) take a fast path that builds
   * the number from its digits without the parser (a fifth of its cost); the validity check is the
   * library's own (a number is valid exactly when it has a type).
   */
  public TypedPhone typedPhone(String raw) {
    if (raw != null && raw.length() <= 32) {
      String candidate = e164Candidate(raw);
      if (candidate != null && E164.matcher(candidate).matches()) {
        PhoneNumber number = fromE164(candidate);
        if (number != null) {
          PhoneNumberType type = PHONES.getNumberType(number);
          if (type != PhoneNumberType.UNKNOWN
              && candidate.equals(PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164))) {
            return new TypedPhone(candidate, type);
          }
        }
      }
    }
    String e164 = phone(raw);
    return new TypedPhone(e164, PHONES.getNumberType(fromE164(e164)));
  }

  /**
   * A phone number in E.164 for a lookup (a blind index to search with). A number already in E.164
   * takes a fast path that checks its country code and length but not its numbering-plan validity:
   * a possible-but-unassigned number simply finds nothing. Anything else goes through {@link
   * #phone}. Use {@link #phone} for numbers that are about to be stored.
   */
  public String phoneForLookup(String raw) {
    if (raw != null && raw.length() <= 32) {
      String candidate = e164Candidate(raw);
      if (candidate != null && E164.matcher(candidate).matches()) {
        PhoneNumber number = fromE164(candidate);
        if (number != null
            && PHONES.isPossibleNumber(number)
            && candidate.equals(PHONES.format(number, PhoneNumberUtil.PhoneNumberFormat.E164))) {
          return candidate;
        }
      }
    }
    return phone(raw);
  }

  /**
   * The E.164 form a number most likely has, without the parser: separators dropped, {@code 00}
   * read as {@code +}, and a national number prefixed with the default region's country code (after
   * its trunk prefix 0, where the region has one). Null when that is not obvious.
   */
  private String e164Candidate(String raw) {
    StringBuilder digits = new StringBuilder(raw.length() + 4);
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c >= '0' && c <= '9') {
        digits.append(c);
      } else if (c == '+' && digits.length() == 0 && i == raw.indexOf('+')) {
        digits.append(c);
      } else if (SEPARATORS.indexOf(c) < 0) {
        return null;
      }
    }
    if (digits.length() > 0 && digits.charAt(0) == '+') {
      return digits.toString();
    }
    if (digits.length() > 2 && digits.charAt(0) == '0' && digits.charAt(1) == '0') {
      return "+" + digits.substring(2);
    }
    if (trunkPrefix == null) {
      return nationalPrefix + digits;
    }
    if ("0".equals(trunkPrefix) && digits.length() > 1 && digits.charAt(0) == '0') {
      return nationalPrefix + digits.substring(1);
    }
    return null;
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
