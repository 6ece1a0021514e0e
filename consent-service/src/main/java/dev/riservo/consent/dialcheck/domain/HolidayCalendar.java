package dev.riservo.consent.dialcheck.domain;

import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Set;

/**
 * A country's public holidays: fixed days of the year, Easter Monday where it is a holiday, and
 * extra dates (a local patron saint, a one-off holiday), all from configuration.
 */
public record HolidayCalendar(
    Set<MonthDay> fixedDays, boolean easterMonday, Set<LocalDate> extraDates) {

  /** Italy's national public holidays (Law 260/1949 and later amendments). */
  public static HolidayCalendar italy() {
    return new HolidayCalendar(
        Set.of(
            MonthDay.of(1, 1), // Capodanno
            MonthDay.of(1, 6), // Epifania
            MonthDay.of(4, 25), // Festa della Liberazione
            MonthDay.of(5, 1), // Festa del Lavoro
            MonthDay.of(6, 2), // Festa della Repubblica
            MonthDay.of(8, 15), // Ferragosto
            MonthDay.of(11, 1), // Ognissanti
            MonthDay.of(12, 8), // Immacolata Concezione
            MonthDay.of(12, 25), // Natale
            MonthDay.of(12, 26)), // Santo Stefano
        true,
        Set.of());
  }

  public boolean isHoliday(LocalDate date) {
    if (fixedDays.contains(MonthDay.from(date)) || extraDates.contains(date)) {
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
