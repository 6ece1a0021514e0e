package dev.riservo.gateway.config;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The gateway's typed configuration, under {@code riservo.gateway}. */
@ConfigMapping(prefix = "riservo.gateway")
public interface GatewayConfig {

  /**
   * The route table, by name (e.g. {@code consent}). A request goes to the route with the longest
   * prefix it starts with, so a narrower route (say {@code /api/consent/v1/rpo} for supervisors)
   * can refine a broader one.
   */
  Map<String, Route> routes();

  /**
   * Exact paths served without a token (the receipts JWKS, so anyone can verify a receipt; public
   * notices). They are rate-limited per source address instead.
   */
  @WithDefault("/api/consent/v1/receipts/jwks")
  List<String> publicPaths();

  /**
   * Path prefixes (each ending in {@code /}) under which reads, GET and HEAD only, need no token:
   * the privacy notices in force (notice-service's own public prefix), which anyone may read.
   * Everything else of the notices (drafts, diffs, versions not yet in force) needs a token.
   * Rate-limited per source address like the public paths.
   */
  @WithDefault("/api/notices/v1/public/")
  List<String> publicReads();

  /**
   * The most a request's headers may take in all (names, values and their separators), checked by
   * the gateway's first handler so that the 431 is a problem document with the security headers and
   * the request id. Vert.x itself refuses headers past {@code quarkus.http.limits.max-header-size}
   * (kept well above this) while it parses them, with a bare 431.
   */
  @WithDefault("8K")
  MemorySize maxHeaderSize();

  /** How long to wait for a TCP connection to an upstream. */
  @WithDefault("2S")
  Duration connectTimeout();

  /** Requests per period for each user or service client (by token subject). */
  Limit perUser();

  /** Requests per period for each source address on public paths. */
  Limit perAddress();

  /**
   * Failed authentications (401s) per period for each source address: past them, requests from that
   * address whose token the gateway has not already verified get a 429 without being checked.
   */
  Limit failedAuth();

  /** The circuit breaker of each route's upstream. */
  Breaker breaker();

  /** What a client may take of the gateway: time to send a request, connections per address. */
  Clients clients();

  interface Route {

    /** Path prefix served by this route, e.g. {@code /api/consent}; stripped before forwarding. */
    String prefix();

    /** Base URL of the upstream service, e.g. {@code http://localhost:8081}. */
    URI upstream();

    /**
     * Realm roles of which the caller needs one (a second line behind the services' own checks);
     * none: any authenticated caller.
     */
    Optional<List<String>> roles();

    /** How long the upstream may stay silent before the gateway answers 504. */
    @WithDefault("10S")
    Duration timeout();

    /** The same for the bulk uploads of {@code riservo.http.bulk-paths} (a register file). */
    @WithDefault("10M")
    Duration bulkTimeout();
  }

  interface Limit {

    /** Requests allowed per period. */
    @WithDefault("100")
    int requests();

    @WithDefault("1S")
    Duration period();
  }

  interface Clients {

    /**
     * How long a client has to send a request's headers in full, from the moment it connects (or,
     * on a kept-alive connection, from the first byte of its next request); then the connection is
     * closed. A slow client (slowloris) holds a connection no longer than this.
     */
    @WithDefault("10S")
    Duration headerTimeout();

    /** How long a kept-alive connection may stay idle between an answer and the next request. */
    @WithDefault("60S")
    Duration idleTimeout();

    /**
     * How long a client has to send a request's body in full (bodies up to {@code
     * riservo.http.max-body-size} are received whole before the request goes upstream, so a slow
     * body never holds a connection to a service); then a 408 problem, and the connection closed.
     */
    @WithDefault("30S")
    Duration bodyTimeout();

    /**
     * The least a bulk upload ({@code riservo.http.bulk-paths}, streamed to the service as it
     * comes) must send per second, judged over each {@link #bulkRateWindow()}: a slower stream is
     * cut (its connection closed, the service's request reset).
     */
    @WithDefault("8K")
    MemorySize bulkMinRate();

    /** The window over which {@link #bulkMinRate()} is judged. */
    @WithDefault("10S")
    Duration bulkRateWindow();

    /**
     * Open connections per source address; one more is closed at once. A call centre behind one NAT
     * address shares this, hence a generous default.
     */
    @WithDefault("256")
    int maxConnectionsPerAddress();

    /**
     * Source addresses without the per-address cap (the load balancer or ingress in front of the
     * gateway, whose connections carry every client's requests). Timeouts still apply to them.
     */
    Optional<List<String>> uncappedAddresses();
  }

  interface Breaker {

    /**
     * Failure rate, in percent, that opens the circuit. Only failures of the upstream itself count:
     * a refused connection, a timeout, or a 502, 503 or 504 from the service. Any other answer, a
     * 500 included (the service's answer to one request), counts as a success.
     */
    @WithDefault("50")
    float failureRate();

    /** Calls looked at (the last N). */
    @WithDefault("20")
    int window();

    /** Calls needed before the rate is judged. */
    @WithDefault("10")
    int minimumCalls();

    /** How long an open circuit refuses calls before it lets a few through to try. */
    @WithDefault("10S")
    Duration openFor();

    /**
     * How many of one caller's failures (timeouts, 502/503/504; by token subject, or source address
     * on public paths) count for the route per {@link #perCallerPeriod()}: beyond that, that
     * caller's failures are not counted, so no single caller (an expensive query repeated) can open
     * the circuit for everyone. A refused connection always counts: no caller causes that.
     */
    @WithDefault("3")
    int perCallerFailures();

    /** The period of {@link #perCallerFailures()}. */
    @WithDefault("10S")
    Duration perCallerPeriod();
  }
}
