package dev.riservo.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.response.Response;
import java.util.function.Function;

/** The security headers the gateway puts on every response, its own and the proxied ones. */
final class SecurityHeaderAssertions {

  private SecurityHeaderAssertions() {}

  static void assertSecurityHeaders(Response response) {
    assertSecurityHeaders(response.statusLine(), response::header);
  }

  static void assertSecurityHeaders(String status, Function<String, String> header) {
    String where = " on " + status;
    assertEquals("nosniff", header.apply("X-Content-Type-Options"), "nosniff" + where);
    assertEquals("DENY", header.apply("X-Frame-Options"), "X-Frame-Options" + where);
    assertEquals("no-referrer", header.apply("Referrer-Policy"), "Referrer-Policy" + where);
    String csp = header.apply("Content-Security-Policy");
    assertTrue(csp != null && csp.contains("default-src 'none'"), "CSP" + where + ": " + csp);
    assertTrue(csp.contains("frame-ancestors 'none'"), "CSP frame-ancestors" + where);
    String hsts = header.apply("Strict-Transport-Security");
    assertTrue(hsts != null && hsts.matches("max-age=\\d{7,}.*"), "HSTS" + where + ": " + hsts);
    assertEquals("no-store", header.apply("Cache-Control"), "Cache-Control" + where);
    assertNull(header.apply("X-Powered-By"), "X-Powered-By" + where);
    assertNull(header.apply("Server"), "Server" + where);
  }
}
