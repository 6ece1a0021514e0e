package dev.riservo.gateway.routing;

import dev.riservo.gateway.config.GatewayConfig;
import dev.riservo.gateway.connections.ConnectionGuard;
import dev.riservo.problem.Problem;
import dev.riservo.problem.RoutedProblems;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.quarkus.logging.Log;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.StreamResetException;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;
import java.net.ConnectException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One route of the table: its upstream behind the Vert.x HTTP proxy, with the route's timeout (the
 * upstream may stay silent that long, then the caller gets a 504 problem) and a circuit breaker (an
 * upstream that keeps failing is left alone for a while: callers get a 503 problem at once instead
 * of waiting on it). A refused connection is a 503 problem, never a hang.
 *
 * <p>The breaker counts only failures of the upstream itself: a refused connection, a timeout, a
 * 502/503/504 answered by the service. A 500 is the service's answer to one request (bad input
 * tripping a bug) and counts as a success; and each caller's failures count only up to a small
 * budget ({@link CallerBudget}), so one caller cannot open the circuit for everyone else.
 */
final class Upstream {

  final String name;
  final GatewayConfig.Route route;
  final Set<String> roles;

  /**
   * Carries the caller's key (token subject or source address) from {@link #forward} to the {@link
   * Outcome} interceptor on the proxy's copy of the request; taken off before the request leaves.
   */
  private static final String CALLER = "X-Riservo-Caller";

  private final CircuitBreaker breaker;
  private final CallerBudget budget;
  private final PerEventLoop<HttpProxy> proxy;
  private final PerEventLoop<HttpProxy> bulkProxy;
  private final List<String> bulkPaths;
  private final long openForSeconds;
  private final Vertx vertx;
  private final PublicLocation locations;
  private final long bulkMinBytes;
  private final long bulkWindowMillis;

  Upstream(
      String name,
      GatewayConfig.Route route,
      GatewayConfig config,
      Vertx vertx,
      PerEventLoop<HttpClient> clients,
      List<String> bulkPaths,
      PublicLocation locations) {
    GatewayConfig.Breaker breakerConfig = config.breaker();
    this.locations = locations;
    this.vertx = vertx;
    this.bulkMinBytes =
        config.clients().bulkMinRate().asLongValue()
            * Math.max(1, config.clients().bulkRateWindow().toSeconds());
    this.bulkWindowMillis = config.clients().bulkRateWindow().toMillis();
    this.name = name;
    this.route = route;
    this.roles = Set.copyOf(route.roles().orElse(List.of()));
    this.bulkPaths = bulkPaths;
    this.openForSeconds = Math.max(1, breakerConfig.openFor().toSeconds());
    this.breaker =
        CircuitBreaker.of(
            name,
            CircuitBreakerConfig.custom()
                .failureRateThreshold(breakerConfig.failureRate())
                .slidingWindowSize(breakerConfig.window())
                .minimumNumberOfCalls(breakerConfig.minimumCalls())
                .waitDurationInOpenState(breakerConfig.openFor())
                .permittedNumberOfCallsInHalfOpenState(2)
                .build());
    this.budget =
        new CallerBudget(breakerConfig.perCallerFailures(), breakerConfig.perCallerPeriod());
    long bodyTimeout = config.clients().bodyTimeout().toMillis();
    this.proxy =
        new PerEventLoop<>(
            () ->
                proxy(clients.get(), route.timeout().toMillis())
                    .addInterceptor(new BufferedBody(vertx, bodyTimeout)));
    this.bulkProxy = new PerEventLoop<>(() -> proxy(clients.get(), route.bulkTimeout().toMillis()));
  }

  /**
   * The route's proxy: the prefix stripped, then the outcome recorded; the normal proxy receives
   * the body whole after that (before any upstream connection is taken), the bulk one streams it.
   */
  private HttpProxy proxy(HttpClient client, long timeoutMillis) {
    SocketAddress origin = SocketAddress.inetSocketAddress(port(), route.upstream().getHost());
    return HttpProxy.reverseProxy(client)
        .originRequestProvider(
            (request, http) ->
                http.request(new RequestOptions().setServer(origin).setIdleTimeout(timeoutMillis)))
        .addInterceptor(new StripPrefix(route.prefix(), route.upstream().getPath()))
        .addInterceptor(locations.interceptor(route.upstream()))
        .addInterceptor(new Outcome());
  }

  boolean matches(String path) {
    return path.equals(route.prefix()) || path.startsWith(route.prefix() + "/");
  }

  /**
   * Forwards the request, unless the circuit is open (503 with Retry-After at once). The caller is
   * whom the upstream's failures are counted against: the token's subject, or the source address.
   */
  void forward(RoutingContext context, String caller) {
    if (!breaker.tryAcquirePermission()) {
      context.response().putHeader(HttpHeaders.RETRY_AFTER, Long.toString(openForSeconds));
      RoutedProblems.answer(
          context,
          503,
          "upstream-unavailable",
          "Service Unavailable",
          "The " + name + " service is failing; the gateway leaves it alone for a while");
      return;
    }
    String path = context.normalizedPath();
    boolean bulk = bulkPaths.stream().anyMatch(p -> path.equals(p) || path.startsWith(p + "/"));
    context.request().headers().set(CALLER, caller);
    if (bulk) {
      BulkRate.watch(vertx, context.request(), bulkMinBytes, bulkWindowMillis);
    }
    (bulk ? bulkProxy : proxy).get().handle(context.request());
  }

  float failureRate() {
    return breaker.getMetrics().getFailureRate();
  }

  CircuitBreaker.State state() {
    return breaker.getState();
  }

  private int port() {
    int port = route.upstream().getPort();
    if (port > 0) {
      return port;
    }
    return "https".equals(route.upstream().getScheme()) ? 443 : 80;
  }

  /** Records each exchange with the breaker and turns a failed one into a problem document. */
  private final class Outcome implements ProxyInterceptor {

    @Override
    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
      String caller = context.request().headers().get(CALLER);
      context.request().headers().remove(CALLER);
      long start = System.nanoTime();
      return context
          .sendRequest()
          .map(
              response -> {
                long took = System.nanoTime() - start;
                int status = response.getStatusCode();
                if (status == 502 || status == 503 || status == 504) {
                  failed(caller, took, new IllegalStateException("upstream " + status), true);
                } else {
                  breaker.onSuccess(took, TimeUnit.NANOSECONDS);
                }
                return response;
              })
          .recover(
              failure -> {
                if (failure instanceof StreamResetException
                    || failure instanceof BufferedBody.ClientFault) {
                  // the caller went away mid-request, or sent its body too slowly: no fault of
                  // the upstream's (which was not even called for a body not received)
                  breaker.releasePermission();
                  return failure instanceof BufferedBody.ClientFault fault && fault.timedOut
                      ? Future.succeededFuture(tooSlow(context))
                      : Future.failedFuture(failure);
                }
                // no caller makes a service refuse connections: that always counts
                boolean callersDoing = !(failure instanceof ConnectException);
                failed(caller, System.nanoTime() - start, failure, callersDoing);
                Log.warnf("upstream %s failed: %s", name, failure.getClass().getSimpleName());
                return Future.succeededFuture(problem(context, failure));
              });
    }

    private void failed(String caller, long tookNanos, Throwable failure, boolean callersDoing) {
      if (callersDoing && caller != null && !budget.take(caller)) {
        breaker.releasePermission();
      } else {
        breaker.onError(tookNanos, TimeUnit.NANOSECONDS, failure);
      }
    }

    /** A 408 problem; the connection is closed after it (the body's rest is not read). */
    private ProxyResponse tooSlow(ProxyContext context) {
      HttpServerRequest request = context.request().proxiedRequest();
      if (request.connection() instanceof ConnectionBase connection) {
        ConnectionGuard.closeAfterResponse(connection.channel());
      }
      return context
          .request()
          .response()
          .setStatusCode(408)
          .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
          .setBody(
              Body.body(
                  Buffer.buffer(
                      RoutedProblems.json(
                          408,
                          "request-timeout",
                          "Request Timeout",
                          "The request body did not arrive in time",
                          request.path()))));
    }

    private ProxyResponse problem(ProxyContext context, Throwable failure) {
      boolean timedOut =
          failure instanceof TimeoutException
              || String.valueOf(failure.getMessage()).contains("timeout");
      int status = timedOut ? 504 : 503;
      String detail =
          timedOut
              ? "The " + name + " service did not answer in time"
              : "The " + name + " service is not reachable; try again later";
      ProxyResponse problem =
          context
              .request()
              .response()
              .setStatusCode(status)
              .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
              .setBody(
                  Body.body(
                      Buffer.buffer(
                          RoutedProblems.json(
                              status,
                              timedOut ? "upstream-timeout" : "upstream-unavailable",
                              timedOut ? "Gateway Timeout" : "Service Unavailable",
                              detail,
                              context.request().proxiedRequest().path()))));
      if (!timedOut) {
        problem.putHeader(HttpHeaders.RETRY_AFTER, "5");
      }
      return problem;
    }
  }
}
