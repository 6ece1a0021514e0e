package dev.riservo.problem;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Request body limits per route. A service with a bulk upload (a register file of millions of
 * lines) raises {@code quarkus.http.limits.max-body-size} for that upload only, and names its paths
 * in {@code riservo.http.bulk-paths}; every other request keeps {@code riservo.http.max-body-size}
 * (1 MB): a larger declared body gets 413, and a body of unknown length (chunked) gets 411, before
 * anything reads it. Answers are problem documents.
 */
@ApplicationScoped
public class BodyLimits {

  private final long maxBody;
  private final List<String> bulkPaths;

  public BodyLimits(
      @ConfigProperty(name = "riservo.http.max-body-size", defaultValue = "1M") MemorySize maxBody,
      @ConfigProperty(name = "riservo.http.bulk-paths") Optional<List<String>> bulkPaths) {
    this.maxBody = maxBody.asLongValue();
    this.bulkPaths = bulkPaths.orElse(List.of());
  }

  void install(@Observes Router router) {
    router.route().order(Integer.MIN_VALUE + 100).handler(this::check);
  }

  private void check(RoutingContext context) {
    String path = context.normalizedPath();
    if (bulkPaths.stream().anyMatch(p -> path.equals(p) || path.startsWith(p + "/"))) {
      context.next();
      return;
    }
    String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length != null) {
      long declared;
      try {
        declared = Long.parseLong(length.strip());
      } catch (NumberFormatException e) {
        refuse(context, 400, "bad-request", "Bad Request", "Content-Length is not a number");
        return;
      }
      if (declared > maxBody) {
        refuse(
            context,
            413,
            "payload-too-large",
            "Payload Too Large",
            "The request body is larger than " + maxBody + " bytes");
        return;
      }
    } else if (context.request().headers().contains(HttpHeaders.TRANSFER_ENCODING)
        || (context.request().version() == HttpVersion.HTTP_2 && !context.request().isEnded())) {
      refuse(
          context,
          411,
          "length-required",
          "Length Required",
          "This route needs a Content-Length: bodies of unknown length are refused");
      return;
    }
    context.next();
  }

  private static void refuse(
      RoutingContext context, int status, String slug, String title, String detail) {
    context.response().putHeader(HttpHeaders.CONNECTION, "close");
    RoutedProblems.answer(context, status, slug, title, detail);
  }
}
