package dev.riservo.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/** Problem documents answered straight from a Vert.x route (before any resource method runs). */
public final class RoutedProblems {

  private static final ObjectMapper JSON = new ObjectMapper();

  private RoutedProblems() {}

  /** The problem document as JSON. */
  public static String json(int status, String slug, String title, String detail, String path) {
    try {
      return JSON.writeValueAsString(
          new Problem(Problem.TYPE_PREFIX + slug, title, status, detail, path, List.of()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a problem document could not be written", e);
    }
  }

  /** Ends the exchange with the problem (the caller adds any header first, e.g. Retry-After). */
  public static void answer(
      RoutingContext context, int status, String slug, String title, String detail) {
    if (context.response().ended()) {
      return;
    }
    context
        .response()
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
        .end(json(status, slug, title, detail, context.normalizedPath()));
  }
}
