package dev.riservo.consent;

import dev.riservo.identity.testing.OperationalEndpointsContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ConsentOperationalEndpointsTest extends OperationalEndpointsContract {}
