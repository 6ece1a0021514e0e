package dev.riservo.consent.dialcheck.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Unit tests of the public holidays that close the calling hours (DESIGN.md rule 8). */
class HolidayCalendarTest {

  private final HolidayCalendar italy = HolidayCalendar.italy();

  @ParameterizedTest(name = "Easter Sunday {0} is {1}")
  @CsvSource({
    "1818, 1818-03-22", // earliest possible date
    "1943, 1943-04-25", // latest possible date
    "2000, 2000-04-23",
    "2008, 2008-03-23",
    "2019, 2019-04-21",
    "2024, 2024-03-31",
    "2025, 2025-04-20",
    "2026, 2026-04-05",
    "2027, 2027-03-28",
    "2038, 2038-04-25", // latest possible date
    "2285, 2285-03-22" // earliest possible date
  })
  @DisplayName("Easter Sunday by the Gregorian computus, for known years")
  void easterSunday(int year, LocalDate expected) {
    LocalDate easter = HolidayCalendar.easterSunday(year);

    assertEquals(expected, easter);
    assertEquals(DayOfWeek.SUNDAY, easter.getDayOfWeek());
  }

  @ParameterizedTest(name = "Easter Monday {0} is a holiday, the Tuesday after is not")
  @ValueSource(strings = {"2024-04-01", "2025-04-21", "2026-04-06", "2027-03-29", "2038-04-26"})
  @DisplayName("Easter Monday is a public holiday in Italy, Easter Tuesday is not")
  void easterMonday(LocalDate easterMonday) {
    assertEquals(DayOfWeek.MONDAY, easterMonday.getDayOfWeek());
    assertTrue(italy.isHoliday(easterMonday), "Easter Monday");
    assertFalse(italy.isHoliday(easterMonday.plusDays(1)), "Easter Tuesday");
  }

  @ParameterizedTest(name = "{0} is a public holiday in 2026 and in 2027")
  @ValueSource(
      strings = {
        "01-01", // Capodanno
        "01-06", // Epifania
        "04-25", // Festa della Liberazione
        "05-01", // Festa del Lavoro
        "06-02", // Festa della Repubblica
        "08-15", // Ferragosto
        "11-01", // Ognissanti
        "12-08", // Immacolata Concezione
        "12-25", // Natale
        "12-26" // Santo Stefano
      })
  @DisplayName("each fixed Italian public holiday, every year")
  void fixedHolidays(String monthDay) {
    assertTrue(italy.isHoliday(LocalDate.parse("2026-" + monthDay)));
    assertTrue(italy.isHoliday(LocalDate.parse("2027-" + monthDay)));
  }

  @ParameterizedTest(name = "{0} is not a public holiday")
  @ValueSource(
      strings = {
        "2026-03-10", // an ordinary Tuesday
        "2026-04-05", // Easter Sunday itself: a Sunday, not in the calendar
        "2026-04-07", // Easter Tuesday
        "2026-06-29", // Rome's patron saints: local, not national
        "2026-12-24", // Christmas Eve
        "2026-12-31", // New Year's Eve
        "2026-01-07" // the day after Epiphany
      })
  @DisplayName("ordinary days are not holidays")
  void ordinaryDays(LocalDate date) {
    assertFalse(italy.isHoliday(date));
  }

  @Test
  @DisplayName("extra dates (a local patron saint) are honoured, only on that date")
  void extraDates() {
    HolidayCalendar rome =
        new HolidayCalendar(
            italy.fixedDays(), true, Set.of(LocalDate.of(2026, 6, 29), LocalDate.of(2027, 6, 29)));

    assertTrue(rome.isHoliday(LocalDate.of(2026, 6, 29)));
    assertTrue(rome.isHoliday(LocalDate.of(2027, 6, 29)));
    assertFalse(rome.isHoliday(LocalDate.of(2028, 6, 29)), "an extra date does not recur");
    assertTrue(rome.isHoliday(LocalDate.of(2026, 6, 2)), "the national holidays still apply");
    assertTrue(rome.isHoliday(LocalDate.of(2026, 4, 6)), "Easter Monday still applies");
  }

  @Test
  @DisplayName("a calendar without Easter Monday does not close on it")
  void withoutEasterMonday() {
    HolidayCalendar calendar = new HolidayCalendar(Set.of(), false, Set.of());

    assertFalse(calendar.isHoliday(LocalDate.of(2026, 4, 6)));
    assertFalse(calendar.isHoliday(LocalDate.of(2026, 1, 1)));
  }
}
