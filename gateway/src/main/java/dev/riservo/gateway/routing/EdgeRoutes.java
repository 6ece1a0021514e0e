package dev.riservo.gateway.routing;

import dev.riservo.gateway.config.GatewayConfig;
import dev.riservo.problem.RoutedProblems;
import io.quarkus.logging.Log;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.tracing.TracingPolicy;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The front door: every request is correlated ({@link Correlation}); a request under {@code /api}
 * goes to the route with the longest matching prefix, where public paths pass rate-limited per
 * source address, and every other path needs a valid token, one of the route's roles if it names
 * any, and its user's rate; then the route's upstream ({@link Upstream}) answers. The services'
 * internal contracts are never reachable from outside.
 */
@ApplicationScoped
public class EdgeRoutes {

  private final GatewayConfig config;
  private final EdgeAuthentication edge;
  private final RateLimits limits;
  private final Set<String> publicPaths;
  private final List<String> publicReads;
  private final List<String> bulkPaths;
  private List<Upstream> upstreams = List.of();

  public EdgeRoutes(
      GatewayConfig config,
      EdgeAuthentication edge,
      RateLimits limits,
      @ConfigProperty(name = "riservo.http.bulk-paths") Optional<List<String>> bulkPaths) {
    this.config = config;
    this.edge = edge;
    this.limits = limits;
    this.publicPaths = Set.copyOf(config.publicPaths());
    this.publicReads =
        config.publicReads().stream().map(p -> p.endsWith("/") ? p : p + "/").toList();
    this.bulkPaths = bulkPaths.orElse(List.of());
  }

  void install(@Observes Router router, Vertx vertx) {
    // With OpenTelemetry's Vert.x tracing, each proxied call is a client span, child of the
    // request's server span, and the upstream receives its traceparent (PROPAGATE: a call is traced
    // when its request is, which every request to the gateway is). One client per event loop: a
    // request goes upstream over its own loop's connections (PerEventLoop says why).
    HttpClientOptions options =
        new HttpClientOptions()
            .setConnectTimeout((int) config.connectTimeout().toMillis())
            .setKeepAlive(true)
            .setMaxPoolSize(64)
            .setTracingPolicy(TracingPolicy.PROPAGATE);
    PerEventLoop<HttpClient> clients = new PerEventLoop<>(() -> vertx.createHttpClient(options));
    PublicLocation locations = new PublicLocation(config.routes().values());
    upstreams =
        config.routes().entrySet().stream()
            .map(
                e ->
                    new Upstream(
                        e.getKey(), e.getValue(), config, vertx, clients, bulkPaths, locations))
            .sorted(Comparator.comparingInt((Upstream u) -> u.route.prefix().length()).reversed())
            .toList();
    // First of all, before rest-problem's body limits (Integer.MIN_VALUE + 100): their 413 and
    // 411 answers carry the request id and the security headers, and are logged, like any other.
    int maxHeaderBytes = (int) config.maxHeaderSize().asLongValue();
    router
        .route()
        .order(Integer.MIN_VALUE + 99)
        .handler(context -> Correlation.handle(context, maxHeaderBytes));
    router.route("/api/*").handler(this::dispatch);
    upstreams.forEach(
        u ->
            Log.infof(
                "route %s: %s/* -> %s (roles %s, timeout %s)",
                u.name,
                u.route.prefix(),
                u.route.upstream(),
                u.roles.isEmpty() ? "any" : u.roles,
                u.route.timeout()));
  }

  /**
   * The share of failed calls in the route's breaker window (-1 until it holds its minimum), for
   * tests.
   */
  public float failureRate(String route) {
    return upstreams.stream()
        .filter(u -> u.name.equals(route))
        .findFirst()
        .orElseThrow()
        .failureRate();
  }

  /** The breaker state of each route, for tests and health. */
  public java.util.Map<String, String> breakers() {
    java.util.Map<String, String> states = new java.util.TreeMap<>();
    upstreams.forEach(u -> states.put(u.name, u.state().name()));
    return states;
  }

  private void dispatch(RoutingContext context) {
    String path = context.normalizedPath();
    Upstream upstream = upstreams.stream().filter(u -> u.matches(path)).findFirst().orElse(null);
    // No API uses matrix parameters: a ';' could hide "/internal" from this check and the
    // service would still route it (JAX-RS drops matrix parameters before matching).
    // Nor does any use an encoded slash or backslash: "internal%2Fsubject-data" would pass the
    // check below and leave the service to refuse it.
    if (upstream == null
        || path.indexOf(';') >= 0
        || encodedSeparator(path)
        || path.contains("/internal/")
        || path.endsWith("/internal")) {
      notFound(context);
      return;
    }
    context.put(Correlation.ROUTE, upstream.name);
    context.put(Correlation.ROUTE_PREFIX, upstream.route.prefix());
    forwardedFor(context);
    if (isPublic(context.request().method(), path)) {
      String address = context.request().remoteAddress().hostAddress();
      if (refused(context, limits.address(address))) {
        return;
      }
      upstream.forward(context, "address:" + address);
      return;
    }
    edge.requireIdentity(context, identity -> admitted(context, upstream, identity));
  }

  /**
   * A read (GET or HEAD) of a public path, or under a public-read prefix: served without a token.
   * Everything public is read-only; any other method needs a token like the rest.
   */
  private boolean isPublic(HttpMethod method, String path) {
    return (method == HttpMethod.GET || method == HttpMethod.HEAD)
        && (publicPaths.contains(path) || publicReads.stream().anyMatch(path::startsWith));
  }

  private static boolean encodedSeparator(String path) {
    int percent = path.indexOf('%');
    if (percent < 0) {
      return false;
    }
    String lower = path.substring(percent).toLowerCase(java.util.Locale.ROOT);
    return lower.contains("%2f") || lower.contains("%5c");
  }

  private void admitted(RoutingContext context, Upstream upstream, SecurityIdentity identity) {
    if (!upstream.roles.isEmpty() && upstream.roles.stream().noneMatch(identity::hasRole)) {
      RoutedProblems.answer(
          context, 403, "forbidden", "Forbidden", "This route needs one of the roles it names");
      return;
    }
    String subject =
        identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getSubject() != null
            ? jwt.getSubject()
            : identity.getPrincipal().getName();
    if (refused(context, limits.user(subject))) {
      return;
    }
    upstream.forward(context, "user:" + subject);
  }

  static boolean refused(RoutingContext context, RateLimits.Verdict verdict) {
    if (verdict.allowed()) {
      return false;
    }
    context
        .response()
        .putHeader(HttpHeaders.RETRY_AFTER, Long.toString(verdict.retryAfterSeconds()));
    RoutedProblems.answer(
        context,
        429,
        "too-many-requests",
        "Too Many Requests",
        "The request rate is over the limit; retry after the time in Retry-After");
    return true;
  }

  /**
   * The upstream hears the client's address as the gateway established it: an incoming
   * X-Forwarded-For counts only from a trusted proxy (Quarkus' {@code quarkus.http.proxy.*}
   * resolves that into the remote address); whatever a client claims is replaced.
   */
  private static void forwardedFor(RoutingContext context) {
    var headers = context.request().headers();
    headers.remove("Forwarded");
    headers.set("X-Forwarded-For", context.request().remoteAddress().hostAddress());
    headers.set("X-Forwarded-Proto", context.request().scheme());
  }

  static void notFound(RoutingContext context) {
    RoutedProblems.answer(context, 404, "not-found", "Not Found", "Nothing is served at this path");
  }
}
