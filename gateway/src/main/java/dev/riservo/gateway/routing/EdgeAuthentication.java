package dev.riservo.gateway.routing;

import dev.riservo.gateway.config.GatewayConfig;
import dev.riservo.problem.Problem;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * The token check at the edge: a request on a proxied route goes on only with a valid bearer token;
 * otherwise the gateway answers 401 itself, as a problem document. The services check roles again.
 */
@ApplicationScoped
public class EdgeAuthentication {

  private final Set<String> publicPaths;

  public EdgeAuthentication(GatewayConfig config) {
    this.publicPaths = Set.copyOf(config.publicPaths());
  }

  void requireIdentity(RoutingContext context) {
    if (publicPaths.contains(context.normalizedPath())) {
      context.next();
      return;
    }
    Uni<SecurityIdentity> deferred = context.get(QuarkusHttpUser.DEFERRED_IDENTITY_KEY);
    if (deferred == null) {
      unauthorized(context);
      return;
    }
    context.request().pause();
    deferred
        .subscribe()
        .with(
            identity -> {
              if (identity == null || identity.isAnonymous()) {
                unauthorized(context);
              } else {
                context.request().resume();
                context.next();
              }
            },
            failure -> unauthorized(context));
  }

  private static void unauthorized(RoutingContext context) {
    if (context.response().ended()) {
      return;
    }
    context.response().putHeader("WWW-Authenticate", "Bearer");
    answer(context, 401, "unauthorized", "Unauthorized", "A valid bearer token is required");
  }

  /** 404 for paths the gateway never forwards (the services' internal contracts). */
  static void notFound(RoutingContext context) {
    answer(context, 404, "not-found", "Not Found", "Nothing is served at this path");
  }

  private static void answer(
      RoutingContext context, int status, String slug, String title, String detail) {
    JsonObject problem =
        new JsonObject()
            .put("type", Problem.TYPE_PREFIX + slug)
            .put("title", title)
            .put("status", status)
            .put("detail", detail)
            .put("instance", context.normalizedPath());
    context
        .response()
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
        .end(problem.encode());
  }
}
