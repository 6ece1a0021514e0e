package dev.riservo.notice.content.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.riservo.notice.catalog.domain.Audience;
import dev.riservo.notice.catalog.domain.Channel;
import org.junit.jupiter.api.Test;

/** documentHash: SHA-256 over RFC 8785 canonical JSON. */
class CanonicalJsonTest {

  @Test
  void keyOrderAndWhitespaceDoNotChangeTheHash() {
    String a = "{\"b\": [1, 2], \"a\": {\"y\": true, \"x\": null}}";
    String b = "{\"a\":{\"x\":null,\"y\":true},\"b\":[1,2]}";
    assertEquals(CanonicalJson.of(a), CanonicalJson.of(b));
    assertEquals("{\"a\":{\"x\":null,\"y\":true},\"b\":[1,2]}", CanonicalJson.of(a));
    // arrays keep their order: a different order is a different document
    assertNotEquals(
        CanonicalJson.sha256(CanonicalJson.of("{\"b\":[2,1]}")),
        CanonicalJson.sha256(CanonicalJson.of("{\"b\":[1,2]}")));
  }

  @Test
  void unicodeIsWrittenAsUtf8AndKeysSortByUtf16() {
    // escapes are resolved; keys sort by UTF-16 code units (RFC 8785 3.2.3)
    assertEquals(
        "{\"a\":\"è€\",\"é\":1}", CanonicalJson.of("{\"\\u00e9\":1,\"a\":\"\\u00e8\\u20ac\"}"));
    assertEquals(
        CanonicalJson.sha256("{\"a\":\"è€\",\"é\":1}"),
        CanonicalJson.sha256(CanonicalJson.of("{\"é\":1,\"a\":\"è€\"}")));
  }

  @Test
  void numbersAreWrittenAsEcmaScriptWould() {
    assertEquals(
        "[1,100,0.5,1e+30,-0]".replace("-0", "0"), CanonicalJson.of("[1.0, 1E2, 5e-1, 1e30, -0]"));
  }

  @Test
  void aDuplicateKeyIsNotCanonicalised() {
    assertThrows(IllegalArgumentException.class, () -> CanonicalJson.of("{\"a\":1,\"a\":2}"));
  }

  @Test
  void theSameDocumentHashesTheSameWhicheverWayItWasBuilt() {
    NoticeDocument one =
        new NoticeDocument(
            "outbound-call",
            Audience.SUBJECTS,
            Channel.WRITTEN,
            "it",
            "T",
            CompleteNotices.art13(),
            "# body",
            null);
    String canonical = one.canonical();
    assertEquals(canonical, NoticeDocument.parse(canonical).canonical());
    assertEquals(64, CanonicalJson.sha256(canonical).length());
  }
}
