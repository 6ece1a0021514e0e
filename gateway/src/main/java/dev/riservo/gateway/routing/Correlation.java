package dev.riservo.gateway.routing;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * First on every request: a request id (the caller's, if well formed, or a new one) and a W3C trace
 * context passed upstream; on every response the request id and the security headers; and, when the
 * response ends, one access-log line: who (the token's subject, an opaque id), route, method, path,
 * status, latency, request id. Bodies and query strings are never logged, and identifiers never
 * travel in paths by design.
 */
public final class Correlation {

  public static final String REQUEST_ID = "X-Request-Id";
  public static final String TRACEPARENT = "traceparent";

  /** Where the dispatcher leaves the route's name for the access log. */
  static final String ROUTE = "riservo.route";

  private static final Logger ACCESS = Logger.getLogger("riservo.access");
  private static final Pattern SAFE_ID = Pattern.compile("^[A-Za-z0-9._:-]{1,64}$");
  private static final Pattern TRACE =
      Pattern.compile("^00-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}$");
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final HexFormat HEX = HexFormat.of();

  private Correlation() {}

  static void handle(RoutingContext context) {
    long start = System.nanoTime();
    MultiMap headers = context.request().headers();
    String given = headers.get(REQUEST_ID);
    String requestId = given != null && SAFE_ID.matcher(given).matches() ? given : newRequestId();
    headers.set(REQUEST_ID, requestId);
    // A trace context from the caller is kept (the gateway is one hop of the caller's trace);
    // otherwise the gateway starts one. Either way the upstream receives it.
    String trace = headers.get(TRACEPARENT);
    if (trace == null || !TRACE.matcher(trace).matches()) {
      headers.set(TRACEPARENT, "00-" + hex(16) + "-" + hex(8) + "-01");
      headers.remove("tracestate");
    }
    context.addHeadersEndHandler(
        ignored -> {
          MultiMap out = context.response().headers();
          out.set(REQUEST_ID, requestId);
          SecurityHeaders.apply(out, context.normalizedPath());
        });
    context.addEndHandler(
        ignored ->
            ACCESS.infof(
                "%s %s route=%s status=%d ms=%.1f who=%s request=%s",
                context.request().method(),
                context.normalizedPath(),
                context.get(ROUTE, "-"),
                context.response().getStatusCode(),
                (System.nanoTime() - start) / 1e6,
                who(context),
                requestId));
    context.next();
  }

  /** The token's subject (opaque), or "-" for an anonymous request. */
  private static String who(RoutingContext context) {
    if (context.user() instanceof QuarkusHttpUser user) {
      SecurityIdentity identity = user.getSecurityIdentity();
      if (identity != null && !identity.isAnonymous()) {
        return identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getSubject() != null
            ? jwt.getSubject()
            : "authenticated";
      }
    }
    return "-";
  }

  private static String newRequestId() {
    return UUID.randomUUID().toString();
  }

  private static String hex(int bytes) {
    byte[] random = new byte[bytes];
    RANDOM.nextBytes(random);
    return HEX.formatHex(random);
  }
}
