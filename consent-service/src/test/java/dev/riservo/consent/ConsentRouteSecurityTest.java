package dev.riservo.consent;

import dev.riservo.identity.testing.RouteSecurityContract;
import io.quarkus.test.junit.QuarkusTest;

/** Deny by default: every route of consent-service refuses callers without a token or a role. */
@QuarkusTest
class ConsentRouteSecurityTest extends RouteSecurityContract {}
