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

  private Verdict take(String key, RateLimiterConfig config) {
    RateLimiter limiter = limiters.get(key, name -> RateLimiter.of(name, config));
    if (limiter.acquirePermission()) {
      return new Verdict(true, 0);
    }
    long waitNanos =
        limiter instanceof io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter atomic
            ? atomic.getDetailedMetrics().getNanosToWait()
            : config.getLimitRefreshPeriod().toNanos();
    long seconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
    return new Verdict(false, seconds);
  }
}
