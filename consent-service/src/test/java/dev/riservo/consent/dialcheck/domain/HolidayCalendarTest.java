package dev.riservo.consent.dialcheck.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
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
        "10-04", // San Francesco d'Assisi (from 2026)
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
    HolidayCalendar calendar = new HolidayCalendar(List.of(), false, Set.of());

    assertFalse(calendar.isHoliday(LocalDate.of(2026, 4, 6)));
    assertFalse(calendar.isHoliday(LocalDate.of(2026, 1, 1)));
  }

  @ParameterizedTest(name = "{0}: a holiday {2}, not {1}")
  @CsvSource({
    "San Francesco d'Assisi (Law 151/2025), 2025-10-04, 2027-10-04",
    "Festa della Repubblica again (Law 336/2000), 2000-06-02, 2001-06-02",
    "Epifania again (DPR 792/1985), 1985-01-06, 1986-01-06"
  })
  @DisplayName("rule 8: a national holiday counts from the year the law that made it took effect")
  void holidaysFollowTheLawOfEachYear(String holiday, LocalDate before, LocalDate after) {
    assertFalse(italy.isHoliday(before), holiday + " before its law");
    assertTrue(italy.isHoliday(after), holiday + " under its law");
  }

  @Test
  @DisplayName("rule 8: a one-off national holiday (17 March 2011) closes that day only")
  void oneOffNationalHoliday() {
    assertTrue(italy.isHoliday(LocalDate.of(2011, 3, 17)));
    assertFalse(italy.isHoliday(LocalDate.of(2012, 3, 17)));
  }

  @ParameterizedTest(name = "\"{0}\"")
  @CsvSource({
    "10-04, 0, 0",
    "10-04@2026, 2026, 0",
    "06-02@1949-1976, 1949, 1976",
    "' 01-06@1986 ', 1986, 0"
  })
  @DisplayName("a configured holiday reads MM-dd, MM-dd@from or MM-dd@from-until")
  void parsesConfiguredHolidays(String text, int from, int until) {
    HolidayCalendar.Fixed fixed = HolidayCalendar.Fixed.parse(text);

    assertEquals(from, fixed.fromYear());
    assertEquals(until, fixed.untilYear());
  }

  @ParameterizedTest(name = "\"{0}\" is refused")
  @ValueSource(strings = {"4 ottobre", "10-4", "10-04@26", "10-04 from 2026", "13-01"})
  @DisplayName("a malformed holiday in the configuration stops the service with a clear message")
  void refusesMalformedHolidays(String text) {
    Exception refused =
        org.junit.jupiter.api.Assertions.assertThrows(
            RuntimeException.class, () -> HolidayCalendar.Fixed.parse(text));
    assertTrue(refused.getMessage() != null && !refused.getMessage().isBlank());
  }

  @Test
  @DisplayName("rule 8: the shipped configuration is Italy's calendar as the law has it")
  void shippedConfigurationIsItalysCalendar() throws IOException {
    Properties properties = new Properties();
    try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
      properties.load(in);
    }
    List<HolidayCalendar.Fixed> fixed =
        Arrays.stream(properties.getProperty("riservo.dialing.holidays.fixed").split(","))
            .map(HolidayCalendar.Fixed::parse)
            .toList();
    Set<LocalDate> extra =
        Arrays.stream(properties.getProperty("riservo.dialing.holidays.extra").split(","))
            .map(String::strip)
            .map(LocalDate::parse)
            .collect(java.util.stream.Collectors.toSet());

    assertEquals(
        Set.copyOf(HolidayCalendar.italy().fixedDays()), Set.copyOf(fixed), "the fixed holidays");
    assertEquals(HolidayCalendar.italy().extraDates(), extra, "the one-off holidays");
  }
}
