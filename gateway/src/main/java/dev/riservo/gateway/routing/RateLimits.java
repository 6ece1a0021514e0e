package dev.riservo.gateway.routing;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.riservo.gateway.config.GatewayConfig;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * Request rates per user or service client (by token subject) and per source address (public
 * paths), with resilience4j's rate limiter: a limiter per key, kept while the key is active (an
 * idle key's limiter is dropped, so a flood of addresses cannot grow the memory without bound).
 */
@ApplicationScoped
public class RateLimits {

  /** Allowed, or refused with how long to wait before the next request may pass. */
  public record Verdict(boolean allowed, long retryAfterSeconds) {}

  private final RateLimiterConfig perUser;
  private final RateLimiterConfig perAddress;
  private final RateLimiterConfig failedAuth;
  private final Cache<String, RateLimiter> limiters =
      Caffeine.newBuilder()
          .maximumSize(200_000)
          .expireAfterAccess(Duration.ofMinutes(10))
          // upkeep on the calling thread: every few hundred reads Caffeine drains its access
          // buffers, which on its default pool meant waking a ForkJoinPool thread under load
          .executor(Runnable::run)
          .build();

  public RateLimits(GatewayConfig config) {
    this.perUser = limiter(config.perUser());
    this.perAddress = limiter(config.perAddress());
    this.failedAuth = limiter(config.failedAuth());
  }

  private static RateLimiterConfig limiter(GatewayConfig.Limit limit) {
    return RateLimiterConfig.custom()
        .limitForPeriod(limit.requests())
        .limitRefreshPeriod(limit.period())
        .timeoutDuration(Duration.ZERO)
        .build();
  }

  public Verdict user(String subject) {
    return take("user:" + subject, perUser);
  }

  public Verdict address(String address) {
    return take("address:" + address, perAddress);
  }

  /** Whether the address may still try to authenticate (without spending anything). */
  public Verdict authenticationAllowed(String address) {
    RateLimiter limiter = limiters.getIfPresent("auth:" + address);
    if (limiter == null || limiter.getMetrics().getAvailablePermissions() > 0) {
      return new Verdict(true, 0);
    }
    return refused(limiter, failedAuth);
  }

  /** One failed authentication from the address. */
  public void authenticationFailed(String address) {
    take("auth:" + address, failedAuth);
  }

  private Verdict take(String key, RateLimiterConfig config) {
    RateLimiter limiter = limiters.get(key, name -> RateLimiter.of(name, config));
    if (limiter.acquirePermission()) {
      return new Verdict(true, 0);
    }
    return refused(limiter, config);
  }

  private static Verdict refused(RateLimiter limiter, RateLimiterConfig config) {
    long waitNanos =
        limiter instanceof io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter atomic
            ? atomic.getDetailedMetrics().getNanosToWait()
            : config.getLimitRefreshPeriod().toNanos();
    long seconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
    return new Verdict(false, seconds);
  }
}
