package dev.riservo.rights;

import dev.riservo.identity.testing.OperationalEndpointsContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class RightsOperationalEndpointsTest extends OperationalEndpointsContract {}
