package dev.riservo.gateway.routing;

import dev.riservo.gateway.connections.ConnectionGuard;
import dev.riservo.problem.RoutedProblems;
import io.netty.channel.Channel;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * First on every request: a request id (the caller's, if well formed, or a new one) passed
 * upstream; on every response the request id and the security headers; and, when the response ends,
 * one access-log line: who (the token's subject, an opaque id), route (its prefix stands for the
 * path), method, status, latency, request id. The client's path, query string and body are never
 * logged, and a caller's request id only if it is a UUID (anything else could be a phone number):
 * otherwise the gateway's own id is logged and forwarded, and the caller's is only echoed back.
 *
 * <p>The W3C trace context is OpenTelemetry's: the gateway's server span continues a valid {@code
 * traceparent} of the caller (or starts a trace), the call to the upstream is its child span, and
 * the upstream receives that child's context (Quarkus' Vert.x tracing writes it on the proxied
 * request). The caller's own {@code traceparent} and {@code tracestate} are taken off the request
 * here, once the server span has read them, so that the proxy does not copy them upstream beside
 * the gateway's.
 */
public final class Correlation {

  public static final String REQUEST_ID = "X-Request-Id";
  public static final String TRACEPARENT = "traceparent";
  public static final String TRACESTATE = "tracestate";

  /** Where the dispatcher leaves the route's name for the access log. */
  static final String ROUTE = "riservo.route";

  /** Where the dispatcher leaves the route's prefix, which the access log writes for the path. */
  static final String ROUTE_PREFIX = "riservo.route-prefix";

  /** The status logged for a request whose caller went away before its answer was sent. */
  static final int CLIENT_CLOSED_REQUEST = 499;

  private static final Logger ACCESS = Logger.getLogger("riservo.access");
  private static final Pattern SAFE_ID = Pattern.compile("^[A-Za-z0-9._:-]{1,64}$");

  /** A request id that cannot carry personal data (a phone number, a name): a UUID. */
  private static final Pattern LOGGABLE_ID =
      Pattern.compile(
          "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

  private Correlation() {}

  static void handle(RoutingContext context, int maxHeaderBytes) {
    long start = System.nanoTime();
    Channel channel =
        context.request().connection() instanceof ConnectionBase connection
            ? connection.channel()
            : null;
    if (channel != null) {
      ConnectionGuard.requestStarted(channel, context.request().version() == HttpVersion.HTTP_2);
    }
    MultiMap headers = context.request().headers();
    long headerBytes = headerBytes(headers);
    String given = headers.get(REQUEST_ID);
    boolean wellFormed = given != null && SAFE_ID.matcher(given).matches();
    // Forwarded and logged: the caller's id if it is a UUID, else one the gateway made. Echoed to
    // the caller: its own id if well formed (so it can match its answers), else the gateway's.
    String requestId = wellFormed && LOGGABLE_ID.matcher(given).matches() ? given : newRequestId();
    String echoed = wellFormed ? given : requestId;
    headers.set(REQUEST_ID, requestId);
    // The caller's trace context, if valid, is already the parent of the gateway's server span;
    // the upstream hears the gateway's own context instead (see the class comment).
    headers.remove(TRACEPARENT);
    headers.remove(TRACESTATE);
    context.addHeadersEndHandler(
        ignored -> {
          MultiMap out = context.response().headers();
          out.set(REQUEST_ID, echoed);
          SecurityHeaders.apply(out, context.normalizedPath());
        });
    // Answered, unless the connection closed first (the proxy still ends the response of a caller
    // who hung up, with a 502 nobody receives).
    context.addEndHandler(
        ended -> {
          ACCESS.info(
              accessLine(
                  context, start, requestId, ended.succeeded() && !context.response().closed()));
          if (channel != null) {
            ConnectionGuard.responseEnded(channel);
          }
        });
    if (headerBytes > maxHeaderBytes) {
      // The body, if any, is not read: close the connection after the answer.
      context.response().putHeader(HttpHeaders.CONNECTION, "close");
      RoutedProblems.answer(
          context,
          431,
          "headers-too-large",
          "Request Header Fields Too Large",
          "The request's headers take more than " + maxHeaderBytes + " bytes in all");
      return;
    }
    context.next();
  }

  /** What the headers take on the wire: each name, ": ", value and line end. */
  static long headerBytes(MultiMap headers) {
    long bytes = 0;
    for (Map.Entry<String, String> header : headers) {
      bytes += header.getKey().length() + header.getValue().length() + 4;
    }
    return bytes;
  }

  /**
   * {@code GET /api/consent/* route=consent status=200 ms=1.2 who=<subject> request=<id>}, built
   * without a format string (the line is written for every request). A request whose caller hung up
   * before its answer was sent is {@code status=499} (nginx' "client closed request"), whatever
   * status the unsent answer had: no 5xx in the log for a fault of nobody's upstream.
   */
  static String accessLine(RoutingContext context, long start, String requestId, boolean answered) {
    long tenths = (System.nanoTime() - start + 50_000) / 100_000;
    return new StringBuilder(160)
        .append(context.request().method().name())
        .append(' ')
        .append(path(context))
        .append(" route=")
        .append((String) context.get(ROUTE, "-"))
        .append(" status=")
        .append(answered ? context.response().getStatusCode() : CLIENT_CLOSED_REQUEST)
        .append(" ms=")
        .append(tenths / 10)
        .append('.')
        .append(tenths % 10)
        .append(" who=")
        .append(who(context))
        .append(" request=")
        .append(requestId)
        .toString();
  }

  /**
   * The route's prefix ({@code /api/consent/*}), never the path the client sent: a number typed
   * into a URL must not reach the log. "-" for a request no route matched.
   */
  private static String path(RoutingContext context) {
    String prefix = context.get(ROUTE_PREFIX);
    return prefix == null ? "-" : prefix + "/*";
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
}
