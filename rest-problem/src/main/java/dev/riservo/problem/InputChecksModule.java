package dev.riservo.problem;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;

/**
 * The value checks every JSON body passes on its way in: no U+0000 in any text (PostgreSQL cannot
 * store it: a field, a list element, a map key or value) and no lone UTF-16 surrogate, and every
 * date an ISO-8601 text within {@link DateBounds}: Jackson would read a number as epoch seconds (or
 * days) and a list as the date's parts, forms the API does not have, so a client's mistake would be
 * kept as some date. Registered on the one ObjectMapper of each service by {@link StrictJson}.
 */
final class InputChecksModule extends SimpleModule {

  InputChecksModule() {
    super("riservo-input-checks");
    addDeserializer(String.class, new NulFreeStrings());
    addKeyDeserializer(String.class, new NulFreeKeys());
    setDeserializerModifier(new BoundedDates());
  }

  private static String nulFree(JsonParser parser, String text) throws IOException {
    if (text != null && text.indexOf('\0') >= 0) {
      throw new RefusedJsonValue(parser, RefusedJsonValue.NUL);
    }
    if (text != null && hasLoneSurrogate(text)) {
      throw new RefusedJsonValue(parser, RefusedJsonValue.LONE_SURROGATE);
    }
    return text;
  }

  /** A UTF-16 surrogate without its pair ("\ud800"): no character, stored as "?" if let in. */
  static boolean hasLoneSurrogate(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return true;
      }
    }
    return false;
  }

  /** Jackson's own String deserializer (coercions included), refusing U+0000. */
  static final class NulFreeStrings extends StringDeserializer {
    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      return nulFree(p, super.deserialize(p, ctxt));
    }
  }

  /** Map keys, refusing U+0000. */
  static final class NulFreeKeys extends KeyDeserializer {
    @Override
    public Object deserializeKey(String key, DeserializationContext ctxt) throws IOException {
      return nulFree(ctxt.getParser(), key);
    }
  }

  /** Wraps the deserializer of every bounded date type (whatever module made it). */
  static final class BoundedDates extends BeanDeserializerModifier {
    @Override
    public JsonDeserializer<?> modifyDeserializer(
        DeserializationConfig config, BeanDescription description, JsonDeserializer<?> found) {
      return DateBounds.BOUNDED_TYPES.contains(description.getBeanClass())
          ? new BoundedDate(found)
          : found;
    }
  }

  /** A date deserializer that reads text only, whose result must lie within {@link DateBounds}. */
  static final class BoundedDate extends DelegatingDeserializer {
    BoundedDate(JsonDeserializer<?> delegate) {
      super(delegate);
    }

    @Override
    protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
      return new BoundedDate(delegate);
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      if (!p.hasToken(JsonToken.VALUE_STRING)) {
        throw new RefusedJsonValue(p, RefusedJsonValue.DATE_NOT_TEXT);
      }
      Object value = super.deserialize(p, ctxt);
      if (value != null && !DateBounds.accepts(value)) {
        throw new RefusedJsonValue(p, DateBounds.RULE);
      }
      return value;
    }
  }
}
