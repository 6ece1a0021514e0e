package dev.riservo.notice.versions.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class NoticeVersionIdTest {

  @Test
  void parsesAndPrintsNoticeAtVersion() {
    NoticeVersionId id = NoticeVersionId.parse("tm-it@12").orElseThrow();
    assertEquals("tm-it", id.noticeId());
    assertEquals(12, id.version());
    assertEquals("tm-it@12", id.toString());
    assertEquals(Optional.of(id), NoticeVersionId.parse(id.toString()));
    assertEquals(999_999_999, NoticeVersionId.parse("ab@999999999").orElseThrow().version());
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(
      strings = {
        "",
        "tm-it",
        "tm-it@",
        "@1",
        "tm-it@0",
        "tm-it@01",
        "tm-it@-1",
        "tm-it@+1",
        "tm-it@1 ",
        " tm-it@1",
        "tm-it@1@2",
        "tm-it@latest",
        "tm-it@1000000000",
        "tm-it@99999999999999999999",
        "TM-IT@1",
        "x@1",
        "-tm@1",
        "tm_it@1",
        "versions@1",
        "tm-it@١",
      })
  void anythingElseIsNoId(String text) {
    assertTrue(NoticeVersionId.parse(text).isEmpty(), text);
  }

  @Test
  void anIdIsNeverBuiltFromAMalformedPart() {
    assertThrows(IllegalArgumentException.class, () -> new NoticeVersionId("Bad", 1));
    assertThrows(IllegalArgumentException.class, () -> new NoticeVersionId("good", 0));
    assertThrows(IllegalArgumentException.class, () -> new NoticeVersionId(null, 1));
  }
}
