package dev.riservo.rights;

import dev.riservo.identity.testing.RouteSecurityContract;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Deny by default: every route of subject-rights-service refuses callers without a token or a role.
 */
@QuarkusTest
class RightsRouteSecurityTest extends RouteSecurityContract {}
