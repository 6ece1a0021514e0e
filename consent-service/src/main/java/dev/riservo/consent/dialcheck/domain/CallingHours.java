package dev.riservo.consent.dialcheck.domain;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * When calls may be made, in the local time of the called country (daylight saving included): per
 * day of the week, windows [from, to); a day without windows (Sunday) and a public holiday allow
 * none.
 */
public record CallingHours(
    ZoneId zone, Map<DayOfWeek, List<Window>> windows, HolidayCalendar holidays) {

  /** From {@code from} (included) to {@code to} (excluded), local time. */
  public record Window(LocalTime from, LocalTime to) {
    public Window {
      if (!from.isBefore(to)) {
        throw new IllegalArgumentException("a calling window must end after it starts");
      }
    }

    boolean contains(LocalTime time) {
      return !time.isBefore(from) && time.isBefore(to);
    }
  }

  public CallingHours {
    windows = Map.copyOf(windows);
  }

  /**
   * The Italian code of conduct for telemarketing: weekdays 9:00–20:00, Saturday 10:00–19:00, never
   * on Sunday or a public holiday.
   */
  public static CallingHours italianCodeOfConduct() {
    Map<DayOfWeek, List<Window>> days = new EnumMap<>(DayOfWeek.class);
    Window weekday = new Window(LocalTime.of(9, 0), LocalTime.of(20, 0));
    for (DayOfWeek day :
        List.of(
            DayOfWeek.MONDAY,
            DayOfWeek.TUESDAY,
            DayOfWeek.WEDNESDAY,
            DayOfWeek.THURSDAY,
            DayOfWeek.FRIDAY)) {
      days.put(day, List.of(weekday));
    }
    days.put(DayOfWeek.SATURDAY, List.of(new Window(LocalTime.of(10, 0), LocalTime.of(19, 0))));
    return new CallingHours(ZoneId.of("Europe/Rome"), days, HolidayCalendar.italy());
  }

  public boolean allows(Instant at) {
    ZonedDateTime local = at.atZone(zone);
    if (holidays.isHoliday(local.toLocalDate())) {
      return false;
    }
    LocalTime time = local.toLocalTime();
    return windows.getOrDefault(local.getDayOfWeek(), List.of()).stream()
        .anyMatch(window -> window.contains(time));
  }
}
