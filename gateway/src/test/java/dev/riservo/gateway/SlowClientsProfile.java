package dev.riservo.gateway;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * Short client limits, so a test sees a slow client cut: headers within 2 s, bodies within 2 s, 2 s
 * idle, bulk uploads at least 1 KiB per 1 s window, and 4 connections per source address.
 */
public class SlowClientsProfile implements QuarkusTestProfile {

  static final int HEADER_SECONDS = 2;
  static final int MAX_PER_ADDRESS = 4;

  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "riservo.gateway.clients.header-timeout", HEADER_SECONDS + "S",
        "riservo.gateway.clients.body-timeout", "2S",
        "riservo.gateway.clients.idle-timeout", "2S",
        "riservo.gateway.clients.bulk-min-rate", "1K",
        "riservo.gateway.clients.bulk-rate-window", "1S",
        "riservo.gateway.clients.max-connections-per-address", Integer.toString(MAX_PER_ADDRESS));
  }
}
