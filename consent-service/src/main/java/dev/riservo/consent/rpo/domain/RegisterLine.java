package dev.riservo.consent.rpo.domain;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;

/**
 * One line of a consultation's answer file, checked. The file is CSV with a header line:
 *
 * <pre>
 * number,registered,registered_on,reallowed
 * (a number in any usual form),true,2025-06-01,false
 * (another number),false,,
 * </pre>
 *
 * {@code registered} and {@code reallowed} take true/false (also 1/0, yes/no, si/no); {@code
 * registered_on} is the day of the registration or of its latest renewal, required when the number
 * is registered. A rejection says why in words that never repeat the line.
 */
public record RegisterLine(
    String number, boolean registered, LocalDate registeredOn, boolean reallowed) {

  public static final String NUMBER = "number";
  public static final String REGISTERED = "registered";
  public static final String REGISTERED_ON = "registered_on";
  public static final String REALLOWED = "reallowed";

  /**
   * The day the Registro Pubblico delle Opposizioni opened (DPR 178/2010): no registration and no
   * consultation can be older.
   */
  public static final LocalDate REGISTER_OPENED = LocalDate.of(2011, 1, 31);

  /** Why a line was not taken. */
  public static final class Rejected extends Exception {
    public Rejected(String why) {
      super(why, null, false, false);
    }
  }

  private static final Map<String, Boolean> BOOLEANS =
      Map.of(
          "true", true, "false", false, "1", true, "0", false, "yes", true, "no", false, "si", true,
          "sì", true, "s", true, "n", false);

  public static RegisterLine parse(
      String number,
      String registered,
      String registeredOn,
      String reallowed,
      LocalDate consultedOn)
      throws Rejected {
    if (number == null || number.isBlank()) {
      throw new Rejected("the number is missing");
    }
    boolean isRegistered = flag(registered, REGISTERED, null);
    boolean isReallowed = flag(reallowed, REALLOWED, false);
    LocalDate on = null;
    if (registeredOn != null && !registeredOn.isBlank()) {
      try {
        on = LocalDate.parse(registeredOn.strip());
      } catch (DateTimeParseException e) {
        throw new Rejected("registered_on is not a date like 2025-06-01");
      }
      if (on.isAfter(consultedOn)) {
        throw new Rejected("registered_on is after the consultation");
      }
      if (on.isBefore(REGISTER_OPENED)) {
        throw new Rejected("registered_on is before the register opened (2011-01-31)");
      }
    }
    if (isRegistered && on == null) {
      throw new Rejected("a registered number needs registered_on");
    }
    return new RegisterLine(number, isRegistered, isRegistered ? on : null, isReallowed);
  }

  private static boolean flag(String value, String column, Boolean absent) throws Rejected {
    if (value == null || value.isBlank()) {
      if (absent == null) {
        throw new Rejected(column + " is missing");
      }
      return absent;
    }
    Boolean parsed = BOOLEANS.get(value.strip().toLowerCase(Locale.ROOT));
    if (parsed == null) {
      throw new Rejected(column + " is not true or false");
    }
    return parsed;
  }
}
