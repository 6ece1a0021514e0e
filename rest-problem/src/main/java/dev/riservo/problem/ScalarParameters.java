package dev.riservo.problem;

import jakarta.ws.rs.ext.ParamConverter;
import jakarta.ws.rs.ext.ParamConverterProvider;
import jakarta.ws.rs.ext.Provider;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Map;
import java.util.function.Function;

/**
 * Parameters of a number or boolean type (query, path, header...): a value that is not one is a 400
 * problem naming the parameter. Without this, JAX-RS answers a query parameter it cannot convert
 * ({@code ?size=x}) with a 404, as if the resource did not exist.
 */
@Provider
public class ScalarParameters implements ParamConverterProvider {

  private record Reader(Function<String, Object> parse, String rule) {}

  private static final Reader WHOLE = new Reader(null, "must be a whole number");

  private static final Map<Class<?>, Reader> READERS =
      Map.of(
          int.class, new Reader(Integer::valueOf, WHOLE.rule()),
          Integer.class, new Reader(Integer::valueOf, WHOLE.rule()),
          long.class, new Reader(Long::valueOf, WHOLE.rule()),
          Long.class, new Reader(Long::valueOf, WHOLE.rule()),
          boolean.class, new Reader(ScalarParameters::bool, "must be true or false"),
          Boolean.class, new Reader(ScalarParameters::bool, "must be true or false"));

  @Override
  @SuppressWarnings("unchecked")
  public <T> ParamConverter<T> getConverter(
      Class<T> rawType, Type genericType, Annotation[] annotations) {
    Reader reader = READERS.get(rawType);
    if (reader == null) {
      return null;
    }
    String name = BoundedDateParameters.nameOf(annotations);
    return (ParamConverter<T>) new Converter(reader, name);
  }

  private record Converter(Reader reader, String name) implements ParamConverter<Object> {

    @Override
    public Object fromString(String text) {
      if (text == null) {
        return null;
      }
      try {
        return reader.parse().apply(text.strip());
      } catch (IllegalArgumentException e) { // NumberFormatException included
        throw BoundedDateParameters.refused(name, reader.rule());
      }
    }

    @Override
    public String toString(Object value) {
      return value == null ? null : value.toString();
    }
  }

  /**
   * true or false; also 1 or 0, since for an absent primitive parameter without a default value
   * RESTEasy Reactive passes "0" (whatever the primitive type).
   */
  private static Boolean bool(String text) {
    return switch (text) {
      case "true", "1" -> Boolean.TRUE;
      case "false", "0" -> Boolean.FALSE;
      default -> throw new IllegalArgumentException("not a boolean");
    };
  }
}
