package dev.riservo.gateway.routing;

import dev.riservo.gateway.config.GatewayConfig;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import java.net.URI;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Rewrites the {@code Location} a service answers with ({@code
 * http://localhost:8081/v1/consents/7}, or {@code /v1/consents/7}) to the gateway's public form
 * ({@code /api/consent/v1/consents/7}), relative, so the client resolves it against the address it
 * called: the services' internal addresses never leave the gateway. A service path maps through the
 * route whose upstream has the longest base path it starts with; a Location on another host (a
 * sign-in page) is left alone, and one on a service's host that no route serves is dropped.
 */
final class PublicLocation {

  /** A route as a Location sees it: the service's origin and base path, and the public prefix. */
  private record Mount(String origin, String basePath, String prefix) {}

  private final List<Mount> mounts;

  PublicLocation(Collection<GatewayConfig.Route> routes) {
    this.mounts =
        routes.stream()
            .map(r -> new Mount(origin(r.upstream()), basePath(r.upstream()), r.prefix()))
            .sorted(Comparator.comparingInt((Mount m) -> m.basePath().length()).reversed())
            .toList();
  }

  /** The interceptor of the route whose upstream is {@code upstream}. */
  ProxyInterceptor interceptor(URI upstream) {
    String origin = origin(upstream);
    return new ProxyInterceptor() {
      @Override
      public Future<Void> handleProxyResponse(ProxyContext context) {
        String location = context.response().headers().get(HttpHeaders.LOCATION);
        if (location != null) {
          String authority = context.request().proxiedRequest().getHeader(HttpHeaders.HOST);
          String rewritten = rewrite(location, origin, authority);
          if (rewritten == null) {
            context.response().headers().remove(HttpHeaders.LOCATION);
          } else {
            context.response().headers().set(HttpHeaders.LOCATION, rewritten);
          }
        }
        return context.sendResponse();
      }
    };
  }

  /**
   * The public form of a service's Location, given the origin of the service that answered and the
   * Host the client called: unchanged if it points elsewhere, null if no route serves it.
   */
  String rewrite(String location, String serviceOrigin, String publicAuthority) {
    URI uri;
    try {
      uri = URI.create(location.strip());
    } catch (IllegalArgumentException notAUri) {
      return null;
    }
    String origin;
    if (uri.getScheme() != null) {
      String given = origin(uri);
      boolean service = mounts.stream().anyMatch(m -> m.origin().equals(given));
      boolean calledHost =
          publicAuthority != null && publicAuthority.equalsIgnoreCase(uri.getRawAuthority());
      if (!service && !calledHost) {
        return location;
      }
      origin = service ? given : serviceOrigin;
    } else if (location.startsWith("/") && !location.startsWith("//")) {
      origin = serviceOrigin;
    } else {
      return location; // relative to the request's own (public) address already
    }
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    String rest =
        (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
            + (uri.getRawFragment() == null ? "" : "#" + uri.getRawFragment());
    for (Mount mount : mounts) {
      String base = mount.basePath();
      if (mount.origin().equals(origin)
          && (base.isEmpty() || path.equals(base) || path.startsWith(base + "/"))) {
        return mount.prefix() + path.substring(base.length()) + rest;
      }
    }
    return null;
  }

  private static String origin(URI uri) {
    String scheme = uri.getScheme() == null ? "http" : uri.getScheme().toLowerCase(Locale.ROOT);
    int port = uri.getPort() > 0 ? uri.getPort() : "https".equals(scheme) ? 443 : 80;
    String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
    return scheme + "://" + host + ":" + port;
  }

  private static String basePath(URI upstream) {
    String path = upstream.getRawPath();
    return path == null || path.equals("/") ? "" : path.replaceAll("/$", "");
  }
}
