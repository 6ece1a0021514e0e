package dev.riservo.consent.dialcheck.domain;

import java.time.ZoneId;

/**
 * The parameters of the rules, from configuration: the country's time zone and calling hours, how
 * long a consultation of the register is valid, and how long after a contract ends its consents
 * still prevail over a registration.
 */
public record DialPolicy(
    CallingHours callingHours, int consultationValidDays, int contractGraceDays) {

  /** Italy: the code of conduct's hours, consultations valid 15 days, contracts 30 days. */
  public static DialPolicy italy() {
    return new DialPolicy(CallingHours.italianCodeOfConduct(), 15, 30);
  }

  public ZoneId zone() {
    return callingHours.zone();
  }
}
