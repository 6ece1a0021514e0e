package dev.riservo.gateway.routing;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many failures each caller may add to a route's circuit breaker per period: a fixed window per
 * caller, started by its first failure and dropped when the period is over (so a flood of callers
 * cannot grow the memory without bound for longer than a period).
 */
final class CallerBudget {

  private final int allowed;
  private final Cache<String, AtomicInteger> spent;

  CallerBudget(int allowed, Duration period) {
    this.allowed = allowed;
    this.spent =
        Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(period)
            .executor(Runnable::run)
            .build();
  }

  /** Whether this failure of the caller's still counts (and spends one of its budget if so). */
  boolean take(String caller) {
    return spent.get(caller, c -> new AtomicInteger()).incrementAndGet() <= allowed;
  }
}
