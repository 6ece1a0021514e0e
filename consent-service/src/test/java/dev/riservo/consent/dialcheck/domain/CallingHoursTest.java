package dev.riservo.consent.dialcheck.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riservo.consent.dialcheck.domain.CallingHours.Window;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Unit tests of the calling hours (DESIGN.md rule 8), in the local time of the called country. */
class CallingHoursTest {

  private static final ZoneId ROME = ZoneId.of("Europe/Rome");

  private final CallingHours italy = CallingHours.italianCodeOfConduct();

  private static Instant rome(String localDateTime) {
    return ZonedDateTime.of(LocalDateTime.parse(localDateTime), ROME).toInstant();
  }

  @Test
  @DisplayName("the Italian code of conduct is in Rome's time with Italy's holidays")
  void italianDefaults() {
    assertEquals(ROME, italy.zone());
    assertEquals(HolidayCalendar.italy(), italy.holidays());
    assertEquals(
        List.of(new Window(LocalTime.of(9, 0), LocalTime.of(20, 0))),
        italy.windows().get(DayOfWeek.WEDNESDAY));
    assertEquals(
        List.of(new Window(LocalTime.of(10, 0), LocalTime.of(19, 0))),
        italy.windows().get(DayOfWeek.SATURDAY));
    assertFalse(italy.windows().containsKey(DayOfWeek.SUNDAY));
  }

  @ParameterizedTest(name = "rule 8: {0} ({1}) in Rome → allowed: {2}")
  @CsvSource({
    "2026-03-09T08:59:59, Monday, false",
    "2026-03-09T09:00, Monday, true",
    "2026-03-11T13:00, Wednesday, true",
    "2026-03-13T19:59:59, Friday, true",
    "2026-03-13T20:00, Friday, false",
    "2026-03-14T09:59, Saturday, false",
    "2026-03-14T10:00, Saturday, true",
    "2026-03-14T18:59:59, Saturday, true",
    "2026-03-14T19:00, Saturday, false",
    "2026-03-15T11:00, Sunday, false",
    "2026-03-15T00:00, Sunday, false",
    "2026-03-10T00:00, Tuesday midnight, false",
    "2026-06-02T11:00, Festa della Repubblica (Tuesday), false",
    "2026-12-08T11:00, Immacolata (Tuesday), false",
    "2026-01-06T11:00, Epifania (Tuesday), false",
    "2026-04-06T11:00, Easter Monday, false",
    "2026-04-07T11:00, Easter Tuesday, true",
    "2026-08-15T11:00, Ferragosto (Saturday), false"
  })
  @DisplayName("rule 8: the Italian windows are [from, to), never on Sunday or a holiday")
  void italianWindows(String localDateTime, String day, boolean allowed) {
    assertEquals(allowed, italy.allows(rome(localDateTime)));
  }

  @ParameterizedTest(name = "rule 8: {0} is {1} in Rome → allowed: {2}")
  @CsvSource({
    "2026-03-30T07:30:00Z, Monday 09:30 CEST, true",
    "2026-03-23T07:30:00Z, Monday 08:30 CET, false",
    "2026-10-26T19:30:00Z, Monday 20:30 CET, false",
    "2026-10-23T17:30:00Z, Friday 19:30 CEST, true",
    "2026-10-26T18:59:00Z, Monday 19:59 CET, true",
    "2026-03-30T18:00:00Z, Monday 20:00 CEST, false"
  })
  @DisplayName("rule 8: hours are local time in Rome, daylight saving included")
  void daylightSaving(Instant at, String local, boolean allowed) {
    assertEquals(allowed, italy.allows(at));
  }

  @Test
  @DisplayName("a day may have several windows (a lunch break), each [from, to)")
  void severalWindows() {
    Map<DayOfWeek, List<Window>> days = new EnumMap<>(DayOfWeek.class);
    days.put(
        DayOfWeek.TUESDAY,
        List.of(
            new Window(LocalTime.of(9, 0), LocalTime.of(13, 0)),
            new Window(LocalTime.of(14, 0), LocalTime.of(18, 0))));
    CallingHours hours =
        new CallingHours(ROME, days, new HolidayCalendar(List.of(), false, Set.of()));

    assertTrue(hours.allows(rome("2026-03-10T12:59")));
    assertFalse(hours.allows(rome("2026-03-10T13:00")));
    assertFalse(hours.allows(rome("2026-03-10T13:59")));
    assertTrue(hours.allows(rome("2026-03-10T14:00")));
    assertFalse(hours.allows(rome("2026-03-10T18:00")));
    assertFalse(hours.allows(rome("2026-03-11T10:00")), "Wednesday has no window");
  }

  @Test
  @DisplayName("extra holiday dates of the calendar close the day")
  void extraHoliday() {
    HolidayCalendar calendar =
        new HolidayCalendar(List.of(), false, Set.of(LocalDate.of(2026, 6, 29)));
    CallingHours hours = new CallingHours(ROME, italy.windows(), calendar);

    assertFalse(hours.allows(rome("2026-06-29T11:00")));
    assertTrue(hours.allows(rome("2026-06-30T11:00")));
  }

  @Test
  @DisplayName("the windows are copied: changing the map given does not change the hours")
  void windowsAreCopied() {
    Map<DayOfWeek, List<Window>> days = new EnumMap<>(DayOfWeek.class);
    days.put(DayOfWeek.TUESDAY, List.of(new Window(LocalTime.of(9, 0), LocalTime.of(18, 0))));
    CallingHours hours =
        new CallingHours(ROME, days, new HolidayCalendar(List.of(), false, Set.of()));

    days.put(DayOfWeek.SUNDAY, List.of(new Window(LocalTime.of(9, 0), LocalTime.of(18, 0))));

    assertFalse(hours.allows(rome("2026-03-15T11:00")));
    assertThrows(
        UnsupportedOperationException.class, () -> hours.windows().remove(DayOfWeek.TUESDAY));
  }

  @Test
  @DisplayName("a window includes its start and excludes its end")
  void windowBounds() {
    Window window = new Window(LocalTime.of(9, 0), LocalTime.of(20, 0));

    assertFalse(window.contains(LocalTime.of(8, 59, 59, 999_999_999)));
    assertTrue(window.contains(LocalTime.of(9, 0)));
    assertTrue(window.contains(LocalTime.of(19, 59, 59, 999_999_999)));
    assertFalse(window.contains(LocalTime.of(20, 0)));
  }

  @Test
  @DisplayName("a window that ends when it starts is refused")
  void emptyWindowRefused() {
    assertThrows(
        IllegalArgumentException.class, () -> new Window(LocalTime.of(9, 0), LocalTime.of(9, 0)));
  }

  @Test
  @DisplayName("a window that ends before it starts (over midnight) is refused")
  void reversedWindowRefused() {
    assertThrows(
        IllegalArgumentException.class, () -> new Window(LocalTime.of(20, 0), LocalTime.of(9, 0)));
  }
}
