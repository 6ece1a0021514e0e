package dev.riservo.consent.config;

import dev.riservo.consent.dialcheck.domain.CallingHours;
import dev.riservo.consent.dialcheck.domain.CliPolicy;
import dev.riservo.consent.dialcheck.domain.DialPolicy;
import dev.riservo.consent.dialcheck.domain.HolidayCalendar;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The pre-dial rules' parameters ({@code riservo.dialing.*}); the defaults are Italy's. Calling
 * hours per day are ranges like {@code 09:00-20:00} (several separated by commas; none: no calls
 * that day).
 */
@ConfigMapping(prefix = "riservo.dialing")
public interface DialingConfig {

  /** The country whose rules apply (ISO 3166-1 alpha-2); CLIs are read in its numbering plan. */
  @WithDefault("IT")
  String country();

  @WithDefault("Europe/Rome")
  ZoneId zone();

  /** Days a consultation of the register stays valid for calls. */
  @WithDefault("15")
  int consultationValidDays();

  /**
   * Days after its consultation day at which a consultation is retired (its entries dropped): it
   * has long stopped serving calls (see {@link #consultationValidDays()}).
   */
  @WithDefault("60")
  int consultationRetentionDays();

  /** Days after a contract ends during which its consents still prevail over the register. */
  @WithDefault("30")
  int contractGraceDays();

  /** Legal calling hours, per day of the week (monday ... sunday). */
  Map<String, String> hours();

  Holidays holidays();

  FrequencyCap frequencyCap();

  /** Prefixes reserved per country and kind of call, e.g. cli-prefixes.IT.commercial=0844. */
  Map<String, CliPrefixes> cliPrefixes();

  interface Holidays {
    /**
     * Holidays on the same day every year: "MM-dd", "MM-dd@yyyy" (from that year on, as the law
     * that introduced it says) or "MM-dd@yyyy-yyyy" (those years only).
     */
    List<String> fixed();

    @WithDefault("true")
    boolean easterMonday();

    /** Extra dates (yyyy-MM-dd), e.g. a patron saint's day. */
    Optional<List<String>> extra();
  }

  interface FrequencyCap {
    /** Allowed calls to one number per period, when the campaign sets none. */
    @WithDefault("3")
    int calls();

    @WithDefault("P30D")
    Duration period();
  }

  interface CliPrefixes {
    Optional<List<String>> commercial();

    Optional<List<String>> statisticalSurvey();
  }

  /** The legal hours as the decision uses them. */
  default CallingHours callingHours() {
    Map<DayOfWeek, List<CallingHours.Window>> days = new EnumMap<>(DayOfWeek.class);
    hours()
        .forEach(
            (day, ranges) ->
                days.put(DayOfWeek.valueOf(day.toUpperCase(Locale.ROOT)), windows(ranges)));
    List<HolidayCalendar.Fixed> fixed =
        holidays().fixed().stream().map(HolidayCalendar.Fixed::parse).toList();
    Set<LocalDate> extra = new HashSet<>();
    holidays().extra().orElse(List.of()).forEach(day -> extra.add(LocalDate.parse(day)));
    return new CallingHours(
        zone(), days, new HolidayCalendar(fixed, holidays().easterMonday(), extra));
  }

  default DialPolicy policy() {
    return new DialPolicy(callingHours(), consultationValidDays(), contractGraceDays());
  }

  default CliPolicy cliPolicy() {
    Map<String, CliPolicy.CountryPrefixes> byCountry = new java.util.HashMap<>();
    cliPrefixes()
        .forEach(
            (country, prefixes) ->
                byCountry.put(
                    country,
                    new CliPolicy.CountryPrefixes(
                        Map.of(
                            CliPolicy.CallKind.COMMERCIAL,
                            prefixes.commercial().orElse(List.of()),
                            CliPolicy.CallKind.STATISTICAL_SURVEY,
                            prefixes.statisticalSurvey().orElse(List.of())))));
    return new CliPolicy(country(), byCountry);
  }

  /** "09:00-13:00,14:00-20:00" as windows; blank: none. */
  static List<CallingHours.Window> windows(String ranges) {
    List<CallingHours.Window> windows = new ArrayList<>();
    if (ranges == null || ranges.isBlank() || ranges.strip().equalsIgnoreCase("none")) {
      return windows;
    }
    for (String range : ranges.split(",")) {
      String[] ends = range.strip().split("-");
      if (ends.length != 2) {
        throw new IllegalArgumentException("a calling window reads like 09:00-20:00");
      }
      windows.add(
          new CallingHours.Window(
              LocalTime.parse(ends[0].strip()), LocalTime.parse(ends[1].strip())));
    }
    return windows;
  }
}
