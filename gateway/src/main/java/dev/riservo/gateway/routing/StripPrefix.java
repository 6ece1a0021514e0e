package dev.riservo.gateway.routing;

import io.vertx.core.Future;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;

/** Rewrites {@code /api/consent/v1/x?y} to {@code <upstream base path>/v1/x?y}. */
final class StripPrefix implements ProxyInterceptor {

  private final String prefix;
  private final String basePath;

  StripPrefix(String prefix, String upstreamPath) {
    this.prefix = prefix;
    this.basePath =
        upstreamPath == null || upstreamPath.equals("/") ? "" : upstreamPath.replaceAll("/$", "");
  }

  @Override
  public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
    String uri = context.request().getURI();
    String rest = uri.startsWith(prefix) ? uri.substring(prefix.length()) : uri;
    if (rest.isEmpty() || rest.charAt(0) == '?') {
      // the route's prefix itself: its upstream base path, without a trailing slash
      context.request().setURI((basePath.isEmpty() ? "/" : basePath) + rest);
      return context.sendRequest();
    }
    if (rest.charAt(0) != '/') {
      rest = "/" + rest;
    }
    context.request().setURI(basePath + rest);
    return context.sendRequest();
  }
}
