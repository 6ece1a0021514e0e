package dev.riservo.consent.dialcheck.domain;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Rule 7: the caller id (CLI) a campaign presents must be a real number the called person can ring
 * back: valid in its numbering plan, not withheld, not premium-rate. Countries reserve prefixes for
 * kinds of calls (in Italy 0844 for commercial calls and 0843 for statistical surveys); a prefix
 * reserved for one kind may not be presented for the other. Prefixes per country come from
 * configuration. Plain Java.
 */
public final class CliPolicy {

  /** What a campaign calls for. */
  public enum CallKind {
    COMMERCIAL,
    STATISTICAL_SURVEY
  }

  /**
   * The prefixes reserved per kind, as the start of the national significant number (in Italy with
   * its leading 0).
   */
  public record CountryPrefixes(Map<CallKind, List<String>> reserved) {}

  /**
   * A CLI checked: its E.164 form (for matching calls back; a campaign stores the CLI as typed), or
   * why it is refused (never repeating the number).
   */
  public record Checked(String e164, String refusal) {
    public boolean allowed() {
      return refusal == null;
    }
  }

  private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

  /**
   * A caller id as a supervisor may type it: digits, a leading +, and the usual separators (space,
   * hyphen, dot, slash, parentheses) between them. Nothing else: the phone library would read
   * keypad letters as digits ({@code 0844-ABC-123}), and a campaign must present what it stores.
   */
  private static final java.util.regex.Pattern TYPED =
      java.util.regex.Pattern.compile("\\+?[0-9(][0-9 ()./-]*[0-9]");

  private static final List<String> WITHHELD =
      List.of("anonymous", "private", "restricted", "unknown", "withheld", "hidden", "unavailable");

  private final String defaultRegion;
  private final Map<String, CountryPrefixes> prefixesByRegion;

  public CliPolicy(String defaultRegion, Map<String, CountryPrefixes> prefixesByRegion) {
    this.defaultRegion = defaultRegion;
    this.prefixesByRegion = Map.copyOf(prefixesByRegion);
  }

  /** Italy: 0844 commercial, 0843 statistical surveys (AGCOM numbering plan). */
  public static CliPolicy italy() {
    return new CliPolicy(
        "IT",
        Map.of(
            "IT",
            new CountryPrefixes(
                Map.of(
                    CallKind.COMMERCIAL, List.of("0844"),
                    CallKind.STATISTICAL_SURVEY, List.of("0843")))));
  }

  /** A caller id in E.164, as campaigns store theirs; empty if it is no phone number. */
  public Optional<String> e164(String cli) {
    if (cli == null || cli.isBlank() || cli.length() > 64) {
      return Optional.empty();
    }
    try {
      return Optional.of(PHONES.format(PHONES.parse(cli, defaultRegion), PhoneNumberFormat.E164));
    } catch (NumberParseException e) {
      return Optional.empty();
    }
  }

  public Checked check(String cli, CallKind kind) {
    if (cli == null || cli.isBlank() || WITHHELD.contains(cli.strip().toLowerCase(Locale.ROOT))) {
      return new Checked(null, "the caller id is withheld: a campaign must present its number");
    }
    if (cli.length() > 32 || !TYPED.matcher(cli).matches()) {
      return new Checked(
          null, "the caller id may hold only digits, a leading + and separators (space - . / ( ))");
    }
    PhoneNumber number;
    try {
      number = PHONES.parse(cli, defaultRegion);
    } catch (NumberParseException e) {
      return new Checked(null, "the caller id is not a phone number");
    }
    String region = PHONES.getRegionCodeForNumber(number);
    String national = PHONES.getNationalSignificantNumber(number);
    Optional<CallKind> reservedFor = reservedKind(region, number.getCountryCode(), national);
    if (reservedFor.isPresent() && reservedFor.get() != kind) {
      return new Checked(
          null,
          "the caller id's prefix is reserved for "
              + reservedFor.get().name().toLowerCase(Locale.ROOT).replace('_', ' ')
              + " calls");
    }
    if (reservedFor.isEmpty()) {
      if (!PHONES.isValidNumber(number)) {
        return new Checked(null, "the caller id does not exist in its numbering plan");
      }
      if (PHONES.getNumberType(number) == PhoneNumberType.PREMIUM_RATE) {
        return new Checked(
            null, "the caller id is premium-rate: a person must be able to call back");
      }
    } else if (national.length() < 7 || national.length() > 11) {
      return new Checked(null, "the caller id does not exist in its numbering plan");
    }
    return new Checked(PHONES.format(number, PhoneNumberFormat.E164), null);
  }

  /**
   * The kind a reserved prefix is for. Such numbers are newer than some numbering-plan data, so
   * they are recognised by prefix and length, not by the library's validity check.
   */
  private Optional<CallKind> reservedKind(String region, int countryCode, String national) {
    String key = region != null ? region : PHONES.getRegionCodeForCountryCode(countryCode);
    CountryPrefixes prefixes = prefixesByRegion.get(key);
    if (prefixes == null) {
      return Optional.empty();
    }
    for (Map.Entry<CallKind, List<String>> entry : prefixes.reserved().entrySet()) {
      for (String prefix : entry.getValue()) {
        if (national.startsWith(prefix)) {
          return Optional.of(entry.getKey());
        }
      }
    }
    return Optional.empty();
  }
}
