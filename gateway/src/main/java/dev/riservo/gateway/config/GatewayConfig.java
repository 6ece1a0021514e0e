package dev.riservo.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The gateway's typed configuration, under {@code riservo.gateway}. */
@ConfigMapping(prefix = "riservo.gateway")
public interface GatewayConfig {

  /** The route table, by name (e.g. {@code consent}). */
  Map<String, Route> routes();

  /**
   * Exact paths served without a token (e.g. the receipts JWKS, so anyone can verify a receipt).
   */
  @WithDefault("/api/consent/v1/receipts/jwks")
  List<String> publicPaths();

  /** How long to wait for a TCP connection to an upstream. */
  @WithDefault("2S")
  Duration connectTimeout();

  interface Route {

    /** Path prefix served by this route, e.g. {@code /api/consent}; stripped before forwarding. */
    String prefix();

    /** Base URL of the upstream service, e.g. {@code http://localhost:8081}. */
    URI upstream();
  }
}
