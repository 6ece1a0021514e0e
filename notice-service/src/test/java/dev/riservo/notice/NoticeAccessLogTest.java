package dev.riservo.notice;

import dev.riservo.identity.testing.AccessLogContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class NoticeAccessLogTest extends AccessLogContract {}
