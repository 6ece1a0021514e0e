package dev.riservo.gateway.routing;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.riservo.problem.RoutedProblems;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The token check at the edge: a request goes on only with a valid bearer token (Quarkus OIDC
 * verifies it against Keycloak's keys, which it caches: a brief Keycloak outage does not stop valid
 * tokens); otherwise the gateway answers 401 itself, as a problem document.
 *
 * <p>Riservo uses signed JWTs only: a bearer value that is not one (three base64url segments) is
 * refused here, without a call to Keycloak (no token introspection, {@code
 * quarkus.oidc.token.allow-opaque-token-introspection=false}) and without an error in the log.
 * Failed authentications are counted per source address: past {@code riservo.gateway.failed-auth},
 * the address's requests with a token not already verified get a 429 with Retry-After, unchecked.
 *
 * <p>A token once verified is remembered, by its SHA-256, until it expires (at most 5 minutes): its
 * next requests skip the signature check and the claims' parsing, which would otherwise cost the
 * gateway as much as the service behind it spends on the request. A JWT is not revocable before its
 * expiry in any case, and every service verifies the token again in full.
 */
@ApplicationScoped
public class EdgeAuthentication {

  private static final HexFormat HEX = HexFormat.of();

  /** header.payload.signature, each base64url (signature may not be empty: signed JWTs only). */
  private static final Pattern JWT =
      Pattern.compile("^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$");

  private final RateLimits limits;

  public EdgeAuthentication(RateLimits limits) {
    this.limits = limits;
  }

  /** A verified identity and when its token expires. */
  private record Verified(SecurityIdentity identity, long expiresAtSeconds) {}

  private final Cache<String, Verified> verified =
      Caffeine.newBuilder()
          .maximumSize(50_000)
          .expireAfterWrite(Duration.ofMinutes(5))
          // upkeep on the calling thread: no hand-off to another pool's thread under load
          .executor(Runnable::run)
          .build();

  void requireIdentity(RoutingContext context, Consumer<SecurityIdentity> then) {
    String token = bearer(context);
    String key = token == null ? null : sha256(token);
    Verified known = key == null ? null : verified.getIfPresent(key);
    if (known != null && known.expiresAtSeconds() > System.currentTimeMillis() / 1000) {
      context.setUser(new QuarkusHttpUser(known.identity()));
      then.accept(known.identity());
      return;
    }
    String address = context.request().remoteAddress().hostAddress();
    RateLimits.Verdict verdict = limits.authenticationAllowed(address);
    if (!verdict.allowed()) {
      context.request().resume();
      context.response().putHeader("Connection", "close");
      EdgeRoutes.refused(context, verdict);
      return;
    }
    Uni<SecurityIdentity> deferred = context.get(QuarkusHttpUser.DEFERRED_IDENTITY_KEY);
    if (deferred == null || token == null || !isJwt(token)) {
      failed(context, address);
      return;
    }
    context.request().pause();
    // The verification may finish on another thread (fetching Keycloak's keys): the request goes
    // on from its own event loop, where its upstream connections are (PerEventLoop).
    Thread requestThread = Thread.currentThread();
    Context requestContext = Vertx.currentContext();
    deferred
        .subscribe()
        .with(
            identity ->
                onRequestThread(
                    requestThread,
                    requestContext,
                    () -> {
                      if (identity == null || identity.isAnonymous()) {
                        failed(context, address);
                      } else {
                        remember(key, identity);
                        context.request().resume();
                        then.accept(identity);
                      }
                    }),
            failure ->
                onRequestThread(requestThread, requestContext, () -> failed(context, address)));
  }

  /** Three base64url segments, and short enough to be a token (a JWT here is a few KB at most). */
  public static boolean isJwt(String token) {
    return token.length() <= 16_384 && JWT.matcher(token).matches();
  }

  private void failed(RoutingContext context, String address) {
    limits.authenticationFailed(address);
    unauthorized(context);
  }

  private static void onRequestThread(Thread thread, Context context, Runnable action) {
    if (context == null || Thread.currentThread() == thread) {
      action.run();
    } else {
      context.runOnContext(ignored -> action.run());
    }
  }

  private void remember(String key, SecurityIdentity identity) {
    if (key != null
        && identity.getPrincipal() instanceof JsonWebToken jwt
        && jwt.getExpirationTime() > 0) {
      verified.put(key, new Verified(identity, jwt.getExpirationTime()));
    }
  }

  private static String bearer(RoutingContext context) {
    String authorization = context.request().getHeader(HttpHeaders.AUTHORIZATION);
    if (authorization == null
        || authorization.length() < 8
        || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    return authorization.substring(7).strip();
  }

  private static String sha256(String token) {
    try {
      return HEX.formatHex(
          MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
    }
  }

  private static void unauthorized(RoutingContext context) {
    if (context.response().ended()) {
      return;
    }
    // The body was paused for the token check and will not be read: close the connection after
    // the answer rather than leave a half-read upload on it.
    context.request().resume();
    context.response().putHeader("Connection", "close");
    context.response().putHeader("WWW-Authenticate", "Bearer");
    RoutedProblems.answer(
        context, 401, "unauthorized", "Unauthorized", "A valid bearer token is required");
  }
}
