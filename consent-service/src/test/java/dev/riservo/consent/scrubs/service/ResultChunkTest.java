package dev.riservo.consent.scrubs.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** How an erasure takes one number's lines out of a sealed scrub result (issue 14, item 6). */
class ResultChunkTest {

  private static String index(int version, int firstByte) {
    byte[] mac = new byte[32];
    mac[0] = (byte) firstByte;
    mac[7] = 1;
    return version + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac);
  }

  private static ResultChunk chunk() {
    ResultChunk.Builder builder = new ResultChunk.Builder(2);
    builder.add("erased", "ALLOW", "", 11);
    builder.add("\"quoted, \nnumber\"", "DENY", "SUPPRESSED", 22); // grows past its first size
    builder.add("not a number", "INVALID", "INVALID_NUMBER", ResultChunk.NO_NUMBER);
    builder.add("+39 erased", "DENY", "UNLISTED_WITHOUT_CONSENT", 11);
    return builder.build();
  }

  @Test
  @DisplayName("a hint is the blind index's first 8 bytes; versions differ; 0 is never a hint")
  void hints() {
    assertEquals(0x0100000000000001L, ResultChunk.hint(index(1, 1)));
    assertNotEquals(ResultChunk.hint(index(1, 1)), ResultChunk.hint(index(2, 2)));
    byte[] zeros = new byte[32];
    String zero = "1." + Base64.getUrlEncoder().withoutPadding().encodeToString(zeros);
    assertNotEquals(ResultChunk.NO_NUMBER, ResultChunk.hint(zero));
  }

  @Test
  @DisplayName("the lines with the erased number's hint go; the others stay as written, in order")
  void withoutTheErasedNumber() {
    ResultChunk.Without without = chunk().without(Set.of(11L), number -> -1);
    assertEquals(2, without.removed());
    assertEquals(
        "\"\"\"quoted, \nnumber\"\"\",DENY,SUPPRESSED\nnot a number,INVALID,INVALID_NUMBER\n",
        without.kept().lines());
    assertArrayEquals(new long[] {22, ResultChunk.NO_NUMBER}, without.kept().hints());
  }

  @Test
  @DisplayName("a chunk written before hints existed is read line by line, each number indexed")
  void chunkWithoutHints() {
    ResultChunk legacy = new ResultChunk(chunk().lines(), null);
    Map<String, Long> indexed = Map.of("erased", 11L, "+39 erased", 11L);
    ResultChunk.Without without =
        legacy.without(Set.of(11L), number -> indexed.getOrDefault(number, 5L));
    assertEquals(2, without.removed());
    assertArrayEquals(new long[] {5, 5}, without.kept().hints());
  }
}
