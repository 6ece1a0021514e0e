package dev.riservo.consent.dialcheck.domain;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A country's public holidays as the law has them in each year: days of the year that recur from
 * (and possibly until) a year, Easter Monday where it is a holiday, and extra dates (a local patron
 * saint, a one-off national holiday), all from configuration. Plain Java.
 */
public record HolidayCalendar(
    List<Fixed> fixedDays, boolean easterMonday, Set<LocalDate> extraDates) {

  /** No year bound. */
  static final int ALWAYS = 0;

  /**
   * A holiday on the same day every year, in force from {@code fromYear} to {@code untilYear} (both
   * included; {@link #ALWAYS} for no bound), as the law that introduced or abolished it says.
   */
  public record Fixed(MonthDay day, int fromYear, int untilYear) {

    private static final Pattern FORM =
        Pattern.compile("(\\d{2}-\\d{2})(?:@(\\d{4})(?:-(\\d{4})?)?)?");

    public static Fixed always(int month, int day) {
      return new Fixed(MonthDay.of(month, day), ALWAYS, ALWAYS);
    }

    public static Fixed from(int year, int month, int day) {
      return new Fixed(MonthDay.of(month, day), year, ALWAYS);
    }

    /**
     * "MM-dd" (every year), "MM-dd@yyyy" (from that year on) or "MM-dd@yyyy-yyyy" (those years).
     */
    public static Fixed parse(String text) {
      Matcher form = FORM.matcher(text.strip());
      if (!form.matches()) {
        throw new IllegalArgumentException(
            "a holiday reads like 10-04, 10-04@2026 or 06-02@1949-1976, not " + text.strip());
      }
      return new Fixed(
          MonthDay.parse("--" + form.group(1)),
          form.group(2) == null ? ALWAYS : Integer.parseInt(form.group(2)),
          form.group(3) == null ? ALWAYS : Integer.parseInt(form.group(3)));
    }

    boolean fallsOn(LocalDate date) {
      int year = date.getYear();
      return day.equals(MonthDay.from(date))
          && (fromYear == ALWAYS || year >= fromYear)
          && (untilYear == ALWAYS || year <= untilYear);
    }
  }

  public HolidayCalendar {
    fixedDays = List.copyOf(fixedDays);
    extraDates = Set.copyOf(extraDates);
  }

  /**
   * Italy's national public holidays: Law 260/1949 art. 2 as in force after Law 54/1977 (which took
   * the civil effects from several), DPR 792/1985 (Epiphany again from 1986), Law 336/2000 (2 June
   * again from 2001), Law 151/2025 (4 October, St Francis of Assisi, from 2026), and the one-off 17
   * March 2011 (Decree-Law 5/2011, 150 years of unity). The configuration's comment in
   * application.properties cites the same list.
   */
  public static HolidayCalendar italy() {
    return new HolidayCalendar(
        List.of(
            Fixed.always(1, 1), // Capodanno
            Fixed.from(1986, 1, 6), // Epifania (DPR 792/1985)
            Fixed.always(4, 25), // Festa della Liberazione
            Fixed.always(5, 1), // Festa del Lavoro
            Fixed.from(2001, 6, 2), // Festa della Repubblica (Law 336/2000)
            Fixed.always(8, 15), // Ferragosto
            Fixed.from(2026, 10, 4), // San Francesco d'Assisi (Law 151/2025)
            Fixed.always(11, 1), // Ognissanti
            Fixed.always(12, 8), // Immacolata Concezione
            Fixed.always(12, 25), // Natale
            Fixed.always(12, 26)), // Santo Stefano
        true,
        Set.of(LocalDate.of(2011, 3, 17))); // 150 years of unity (Decree-Law 5/2011)
  }

  public boolean isHoliday(LocalDate date) {
    if (extraDates.contains(date) || fixedDays.stream().anyMatch(f -> f.fallsOn(date))) {
      return true;
    }
    if (easterMonday) {
      LocalDate easter = easterSunday(date.getYear());
      return date.equals(easter.plusDays(1));
    }
    return false;
  }

  /** Western (Gregorian) Easter Sunday: the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
  static LocalDate easterSunday(int year) {
    int a = year % 19;
    int b = year / 100;
    int c = year % 100;
    int d = b / 4;
    int e = b % 4;
    int f = (b + 8) / 25;
    int g = (b - f + 1) / 3;
    int h = (19 * a + b - d - g + 15) % 30;
    int i = c / 4;
    int k = c % 4;
    int l = (32 + 2 * e + 2 * i - h - k) % 7;
    int m = (a + 11 * h + 22 * l) / 451;
    int month = (h + l - 7 * m + 114) / 31;
    int day = ((h + l - 7 * m + 114) % 31) + 1;
    return LocalDate.of(year, month, day);
  }
}
