package dev.riservo.rights;

import dev.riservo.identity.testing.AccessLogContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class RightsAccessLogTest extends AccessLogContract {}
