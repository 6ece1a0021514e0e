package dev.riservo.gateway;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * Rate limits small enough to exceed in a test: 3 requests per 10 s per user and per address, and 8
 * failed authentications per 10 s per address.
 */
public class TinyRateLimitsProfile implements QuarkusTestProfile {

  static final int REQUESTS = 3;
  static final int PERIOD_SECONDS = 10;
  static final int FAILED_AUTHENTICATIONS = 8;

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "riservo.gateway.per-user.requests",
        Integer.toString(REQUESTS),
        "riservo.gateway.per-user.period",
        PERIOD_SECONDS + "S",
        "riservo.gateway.per-address.requests",
        Integer.toString(REQUESTS),
        "riservo.gateway.per-address.period",
        PERIOD_SECONDS + "S",
        "riservo.gateway.failed-auth.requests",
        Integer.toString(FAILED_AUTHENTICATIONS),
        "riservo.gateway.failed-auth.period",
        PERIOD_SECONDS + "S");
  }
}
