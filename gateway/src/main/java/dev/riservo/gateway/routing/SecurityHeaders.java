package dev.riservo.gateway.routing;

import io.vertx.core.MultiMap;

/**
 * The security headers on every response of the gateway, its own and the proxied ones: the APIs
 * serve JSON and CSV, never pages, so nothing may be framed, sniffed, cached or refer anywhere.
 */
final class SecurityHeaders {

  private SecurityHeaders() {}

  static void apply(MultiMap headers) {
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("X-Frame-Options", "DENY");
    headers.set("Referrer-Policy", "no-referrer");
    headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    headers.set("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
    headers.set("Cross-Origin-Resource-Policy", "same-origin");
    if (!headers.contains("Cache-Control")) {
      headers.set("Cache-Control", "no-store");
    }
    headers.remove("Server");
    headers.remove("X-Powered-By");
  }
}
