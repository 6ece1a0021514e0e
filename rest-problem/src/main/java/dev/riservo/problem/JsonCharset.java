package dev.riservo.problem;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Locale;

/**
 * A JSON body is read as UTF-8 (RFC 8259 says JSON between systems is UTF-8, and Jackson ignores a
 * declared charset): a JSON body declared in another charset ({@code application/json;
 * charset=ISO-8859-1}) would be read as something other than what was sent, or refused only when a
 * byte happens not to be UTF-8. So it gets a 415 problem document, before anything reads it. {@code
 * charset=utf-8} and no charset pass.
 */
@ApplicationScoped
public class JsonCharset {

  /** After the gateway's first handler and the body limits, before authentication. */
  void install(@Observes Router router) {
    router.route().order(Integer.MIN_VALUE + 102).handler(JsonCharset::check);
  }

  private static void check(RoutingContext context) {
    HttpServerRequest request = context.request();
    String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
    if (type != null && hasBody(request) && !readable(type)) {
      context.response().putHeader(HttpHeaders.CONNECTION, "close");
      RoutedProblems.answer(
          context,
          415,
          "unsupported-media-type",
          "Unsupported Media Type",
          "A JSON body is read as UTF-8 only: send charset=utf-8, or no charset");
      return;
    }
    context.next();
  }

  private static boolean hasBody(HttpServerRequest request) {
    String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    return request.headers().contains(HttpHeaders.TRANSFER_ENCODING)
        || (length != null && !length.strip().equals("0"));
  }

  /** Whether a body of this content type may be read: no JSON type with another charset. */
  static boolean readable(String contentType) {
    String[] parts = contentType.split(";");
    String media = parts[0].strip().toLowerCase(Locale.ROOT);
    if (!media.equals("application/json") && !media.endsWith("+json")) {
      return true;
    }
    for (int i = 1; i < parts.length; i++) {
      int equals = parts[i].indexOf('=');
      if (equals < 0 || !parts[i].substring(0, equals).strip().equalsIgnoreCase("charset")) {
        continue;
      }
      String charset = parts[i].substring(equals + 1).strip();
      if (charset.length() >= 2 && charset.startsWith("\"") && charset.endsWith("\"")) {
        charset = charset.substring(1, charset.length() - 1);
      }
      if (!charset.equalsIgnoreCase("utf-8")) {
        return false;
      }
    }
    return true;
  }
}
