package dev.riservo.problem;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Set;

/**
 * The generic bound on every date and instant a Riservo service accepts: the year as written (UTC
 * for an {@link Instant}) lies in {@value #MIN_YEAR}..{@value #MAX_YEAR}. Nothing Riservo records
 * (a consent, an RPO consultation, a contract's end, an expiry) falls outside it, and every value
 * inside it is storable by PostgreSQL, whose {@code timestamp} ends in the year 294276.
 *
 * <p>It is enforced in one place for JSON fields ({@link InputChecksModule}) and for query, path
 * and header parameters of a date type ({@link BoundedDateParameters}); a service that parses a
 * date from a string itself uses {@link #instant} or {@link #localDate}. Tighter bounds that belong
 * to a field (a consent is not dated in the future) are the service's own rules.
 */
public final class DateBounds {

  /** The first year accepted. */
  public static final int MIN_YEAR = 1900;

  /** The last year accepted. */
  public static final int MAX_YEAR = 2200;

  /** What a refused value is told, without repeating it. */
  public static final String RULE =
      "must be a date within the years " + MIN_YEAR + " to " + MAX_YEAR;

  /** The types checked wherever they are read. */
  static final Set<Class<?>> BOUNDED_TYPES =
      Set.of(
          Instant.class,
          OffsetDateTime.class,
          ZonedDateTime.class,
          LocalDate.class,
          LocalDateTime.class);

  private static final Instant FIRST = Instant.parse(MIN_YEAR + "-01-01T00:00:00Z");
  private static final Instant AFTER_LAST = Instant.parse((MAX_YEAR + 1) + "-01-01T00:00:00Z");

  private DateBounds() {}

  /** Whether a value of one of the bounded types lies within the bounds; other values pass. */
  public static boolean accepts(Object value) {
    Instant instant = null;
    if (value instanceof Instant i) {
      instant = i;
    } else if (value instanceof OffsetDateTime offset) {
      instant = offset.toInstant();
    } else if (value instanceof ZonedDateTime zoned) {
      instant = zoned.toInstant();
    }
    if (instant != null) {
      return !instant.isBefore(FIRST) && instant.isBefore(AFTER_LAST);
    }
    int year;
    if (value instanceof LocalDate date) {
      year = date.getYear();
    } else if (value instanceof LocalDateTime local) {
      year = local.getYear();
    } else {
      return true;
    }
    return year >= MIN_YEAR && year <= MAX_YEAR;
  }

  /**
   * An ISO-8601 instant ({@code 2026-12-06T09:00:00Z}) within the bounds, or a 400 problem naming
   * {@code field}.
   */
  public static Instant instant(String field, String text) {
    Instant value;
    try {
      value = Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw ProblemException.badRequest(field, "is not an ISO-8601 instant");
    }
    return checked(field, value);
  }

  /** An ISO-8601 date ({@code 2026-12-06}) within the bounds, or a 400 problem naming field. */
  public static LocalDate localDate(String field, String text) {
    LocalDate value;
    try {
      value = LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw ProblemException.badRequest(field, "is not an ISO-8601 date");
    }
    return checked(field, value);
  }

  /** The value itself if it lies within the bounds, or a 400 problem naming {@code field}. */
  public static <T> T checked(String field, T value) {
    if (!accepts(value)) {
      throw ProblemException.badRequest(field, RULE);
    }
    return value;
  }
}
