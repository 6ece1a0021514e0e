package dev.riservo.notice;

import dev.riservo.identity.testing.RouteSecurityContract;
import io.quarkus.test.junit.QuarkusTest;

/** Deny by default: every route of notice-service refuses callers without a token or a role. */
@QuarkusTest
class NoticeRouteSecurityTest extends RouteSecurityContract {}
