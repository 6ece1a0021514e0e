package dev.riservo.problem;

import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.quarkus.logging.Log;
import io.quarkus.vertx.http.HttpServerStart;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.impl.HttpServerImpl;
import io.vertx.core.impl.VertxInternal;
import io.vertx.core.net.impl.TCPServerBase;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import java.lang.reflect.Field;

/**
 * A request whose target cannot be decoded ({@code /v1/purposes/%ZZ}, a lone {@code %}) gets a 400
 * problem document, like any other bad input, instead of Quarkus' bare 400 with no body. {@link
 * RequestLineCheck} sends such a request to one internal path on every HTTP/1.x connection; this
 * bean puts that check on the server once it listens and answers the path. The answer never repeats
 * the target: it may hold personal data.
 *
 * <p>Neither Vert.x nor Quarkus lets an application reach a connection before its first request
 * (Quarkus keeps the server's connection handler), so the check goes in through the listening
 * channel, as the gateway's connection guards do: found by reading two private fields of Vert.x's
 * server ({@code options}, {@code bindFuture}). {@code HostileInputTest} fails if an upgrade moves
 * them.
 */
@ApplicationScoped
public class UndecodableRequestLines {

  private volatile boolean installed;

  /** After the gateway's first handler (its request id, headers), before everything else. */
  void route(@Observes Router router) {
    router.route(RequestLineCheck.PATH).order(Integer.MIN_VALUE + 101).handler(this::answer);
    router
        .route(RequestLineCheck.TOO_LONG_LINE)
        .order(Integer.MIN_VALUE + 101)
        .handler(
            context ->
                refuse(
                    context,
                    414,
                    "request-line-too-long",
                    "URI Too Long",
                    "The request line is longer than the server reads"));
    router
        .route(RequestLineCheck.TOO_LARGE_HEADERS)
        .order(Integer.MIN_VALUE + 101)
        .handler(
            context ->
                refuse(
                    context,
                    431,
                    "request-headers-too-large",
                    "Request Header Fields Too Large",
                    "The request's headers are larger than the server reads"));
    router
        .route(RequestLineCheck.UNREADABLE)
        .order(Integer.MIN_VALUE + 101)
        .handler(
            context ->
                refuse(
                    context,
                    400,
                    "unreadable-request",
                    "Bad Request",
                    "The request is not readable HTTP/1.1"));
  }

  void install(@ObservesAsync HttpServerStart start, Vertx vertx) {
    for (HttpServerImpl server : ((VertxInternal) vertx).sharedHttpServers().values()) {
      try {
        HttpServerOptions options =
            (HttpServerOptions) field(HttpServerImpl.class, "options", server);
        if (!options.toJson().equals(start.options().toJson())) {
          continue; // another server (the management interface): it has no such route
        }
        @SuppressWarnings("unchecked")
        Future<Channel> bound = (Future<Channel>) field(TCPServerBase.class, "bindFuture", server);
        if (bound != null && bound.succeeded()) {
          ChannelPipeline listening = bound.result().pipeline();
          if (listening.get(RequestLineCheck.ACCEPTOR.getClass()) == null) {
            listening.addFirst("riservo-request-line-check", RequestLineCheck.ACCEPTOR);
          }
          installed = true;
        }
      } catch (ReflectiveOperationException | RuntimeException e) {
        Log.errorf("request line check not installed: %s", e.getClass().getSimpleName());
      }
    }
    if (!installed) {
      Log.error("request line check not installed: undecodable targets get a bare 400");
    }
  }

  /** Whether the check is on the listening server (for tests: it goes on asynchronously). */
  boolean installed() {
    return installed;
  }

  private void answer(RoutingContext context) {
    refuse(
        context,
        400,
        "malformed-request-line",
        "Bad Request",
        "The request target is not a valid URI: each '%' must start an escape of two hex"
            + " digits, and characters such as '|', '\"', '{' or '\\' must be"
            + " percent-encoded");
  }

  private static void refuse(
      RoutingContext context, int status, String type, String title, String detail) {
    if (context.response().ended()) {
      return;
    }
    // the rest of the request is not read: it must not be taken for the next request
    context
        .response()
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONNECTION, "close")
        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
        .end(RoutedProblems.json(status, type, title, detail, null));
  }

  private static Object field(Class<?> owner, String name, Object target)
      throws ReflectiveOperationException {
    Field field = owner.getDeclaredField(name);
    field.setAccessible(true);
    return field.get(target);
  }
}
