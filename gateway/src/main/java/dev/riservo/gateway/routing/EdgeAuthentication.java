package dev.riservo.gateway.routing;

import dev.riservo.problem.RoutedProblems;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Consumer;

/**
 * The token check at the edge: a request goes on only with a valid bearer token (Quarkus OIDC
 * verifies it against Keycloak's keys, which it caches: a brief Keycloak outage does not stop valid
 * tokens); otherwise the gateway answers 401 itself, as a problem document.
 */
@ApplicationScoped
public class EdgeAuthentication {

  void requireIdentity(RoutingContext context, Consumer<SecurityIdentity> then) {
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
                then.accept(identity);
              }
            },
            failure -> unauthorized(context));
  }

  private static void unauthorized(RoutingContext context) {
    if (context.response().ended()) {
      return;
    }
    context.response().putHeader("WWW-Authenticate", "Bearer");
    RoutedProblems.answer(
        context, 401, "unauthorized", "Unauthorized", "A valid bearer token is required");
  }
}
