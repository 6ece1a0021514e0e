package dev.riservo.consent.rpo.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The heap a register needs: one rule for the loader, the import, the launcher and the chart. */
class RegisterMemoryTest {

  @Test
  @DisplayName("ten million numbers need about 1.2 GB of heap, more than the launcher's old 384 MB")
  void tenMillionNumbers() {
    long needed = RegisterMemory.heapNeeded(10_000_000);

    assertEquals("1,172 MB", RegisterMemory.megabytes(needed));
    assertTrue(needed > 384L << 20);
  }

  @Test
  @DisplayName("an empty register needs the base alone; capacity is the inverse of the need")
  void capacityIsTheInverse() {
    assertEquals(RegisterMemory.BASE_BYTES, RegisterMemory.heapNeeded(0));
    for (long numbers : new long[] {0, 1, 999_999, 10_000_000, 60_000_000}) {
      assertEquals(numbers, RegisterMemory.capacity(RegisterMemory.heapNeeded(numbers)));
    }
    assertEquals(0, RegisterMemory.capacity(100L << 20), "a heap below the base holds none");
  }
}
