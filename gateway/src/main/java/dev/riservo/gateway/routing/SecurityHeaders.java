package dev.riservo.gateway.routing;

import io.vertx.core.MultiMap;

/**
 * The security headers on every response of the gateway, its own and the proxied ones: the APIs
 * serve JSON and CSV, never pages, so nothing may be framed, sniffed, cached or refer anywhere. The
 * one page, the documentation UI, may load its own scripts and styles, nothing from elsewhere.
 */
final class SecurityHeaders {

  private SecurityHeaders() {}

  /** Where the documentation UI is served: a page with its own scripts and styles. */
  static final String DOCS_UI = "/docs";

  private static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";
  private static final String DOCS_POLICY =
      "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline';"
          + " script-src 'self' 'unsafe-inline'; frame-ancestors 'none'";

  static void apply(MultiMap headers, String path) {
    boolean docs = path.equals(DOCS_UI) || path.startsWith(DOCS_UI + "/");
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("X-Frame-Options", "DENY");
    headers.set("Referrer-Policy", "no-referrer");
    headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    headers.set("Content-Security-Policy", docs ? DOCS_POLICY : API_POLICY);
    headers.set("Cross-Origin-Resource-Policy", "same-origin");
    if (!headers.contains("Cache-Control")) {
      headers.set("Cache-Control", "no-store");
    }
    headers.remove("Server");
    headers.remove("X-Powered-By");
  }
}
