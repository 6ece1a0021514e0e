package dev.riservo.problem;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.MatrixParam;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.function.Function;

/**
 * Parameters of a date type (query, path, header...) read as ISO-8601 and held to {@link
 * DateBounds}: a value that is no date, or lies out of bounds, is a 400 problem naming the
 * parameter (without it, JAX-RS answers a failed query parameter conversion with 404).
 */
@Provider
public class BoundedDateParameters implements ParamConverterProvider {

  private static final Map<Class<?>, Function<String, Object>> PARSERS =
      Map.of(
          Instant.class, Instant::parse,
          OffsetDateTime.class, OffsetDateTime::parse,
          ZonedDateTime.class, ZonedDateTime::parse,
          LocalDate.class, LocalDate::parse,
          LocalDateTime.class, LocalDateTime::parse);

  @Override
  public <T> ParamConverter<T> getConverter(
      Class<T> rawType, Type genericType, Annotation[] annotations) {
    Function<String, Object> parser = PARSERS.get(rawType);
    return parser == null ? null : new Bounded<>(rawType, parser, nameOf(annotations));
  }

  private record Bounded<T>(Class<T> type, Function<String, Object> parser, String name)
      implements ParamConverter<T> {

    @Override
    public T fromString(String text) {
      if (text == null) {
        return null;
      }
      Object value;
      try {
        value = parser.apply(text.strip());
      } catch (DateTimeParseException e) {
        throw refused(name, "is not an ISO-8601 date or instant");
      }
      if (!DateBounds.accepts(value)) {
        throw refused(name, DateBounds.RULE);
      }
      return type.cast(value);
    }

    @Override
    public String toString(T value) {
      return value == null ? null : value.toString();
    }
  }

  /** A WebApplicationException passes the parameter handler unchanged; the mappers unwrap it. */
  static BadRequestException refused(String name, String reason) {
    return new BadRequestException(ProblemException.badRequest(name, reason));
  }

  static String nameOf(Annotation[] annotations) {
    for (Annotation a : annotations == null ? new Annotation[0] : annotations) {
      if (a instanceof QueryParam q) {
        return q.value();
      } else if (a instanceof PathParam p) {
        return p.value();
      } else if (a instanceof HeaderParam h) {
        return h.value();
      } else if (a instanceof FormParam f) {
        return f.value();
      } else if (a instanceof MatrixParam m) {
        return m.value();
      } else if (a instanceof CookieParam c) {
        return c.value();
      }
    }
    return "(parameter)";
  }
}
