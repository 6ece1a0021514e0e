package dev.riservo.consent;

import dev.riservo.identity.testing.RouteSecurityContract;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Set;

/** Deny by default: every route of consent-service refuses callers without a token or a role. */
@QuarkusTest
class ConsentRouteSecurityTest extends RouteSecurityContract {

  /** The receipts JWKS is public, so anyone can verify a receipt. */
  @Override
  protected Set<String> publicRoutes() {
    return Set.of("GET /v1/receipts/jwks");
  }
}
