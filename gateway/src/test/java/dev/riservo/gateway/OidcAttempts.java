package dev.riservo.gateway;

import io.quarkus.security.spi.runtime.AuthenticationFailureEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicInteger;

/** Counts the authentications Quarkus OIDC tried and failed (its security events). */
@ApplicationScoped
public class OidcAttempts {

  static final AtomicInteger FAILED = new AtomicInteger();

  void failed(@Observes AuthenticationFailureEvent event) {
    FAILED.incrementAndGet();
  }
}
