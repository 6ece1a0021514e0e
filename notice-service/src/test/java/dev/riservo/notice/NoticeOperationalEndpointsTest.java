package dev.riservo.notice;

import dev.riservo.identity.testing.OperationalEndpointsContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class NoticeOperationalEndpointsTest extends OperationalEndpointsContract {}
