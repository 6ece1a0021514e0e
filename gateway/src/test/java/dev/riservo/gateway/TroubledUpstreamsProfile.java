package dev.riservo.gateway;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * The misbehaving upstreams of {@link TroubledUpstreams}, a 500 ms timeout on the slow one, and a
 * circuit breaker that judges the last 4 calls and stays open {@link #OPEN_FOR_SECONDS} s, where
 * each caller's failures count once per 10 s.
 */
public class TroubledUpstreamsProfile implements QuarkusTestProfile {

  static final int WINDOW = 4;
  static final int OPEN_FOR_SECONDS = 2;

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "riservo.gateway.breaker.window",
        Integer.toString(WINDOW),
        "riservo.gateway.breaker.minimum-calls",
        Integer.toString(WINDOW),
        "riservo.gateway.breaker.failure-rate",
        "50",
        "riservo.gateway.breaker.open-for",
        OPEN_FOR_SECONDS + "S",
        "riservo.gateway.breaker.per-caller-failures",
        "1");
  }

  @Override
  public List<TestResourceEntry> testResources() {
    return List.of(new TestResourceEntry(TroubledUpstreams.class));
  }
}
