package dev.riservo.consent.rpo.domain;

/**
 * How much heap a register of a given size needs, the one rule that the loader (its error), the
 * import (its refusal), the launcher and the Helm chart (their -Xmx) all apply. Plain Java.
 *
 * <p>An entry is two longs in an open hash table at load factor 0.75 whose capacity is a power of
 * two: 21 to 43 bytes a number. A reload builds the new table beside the one in use, so at its peak
 * a replica holds two. Hence 96 bytes a number (two tables at their worst, and a margin), on top of
 * a base for everything else the service holds.
 */
public final class RegisterMemory {

  /** Heap for everything but the register (caches, pools, buffers, the JIT's metadata). */
  public static final long BASE_BYTES = 256L << 20;

  /** Heap per register number at a reload's peak. */
  public static final long BYTES_PER_NUMBER = 96;

  private RegisterMemory() {}

  /** The heap a replica needs to hold (and reload) a register of {@code numbers}. */
  public static long heapNeeded(long numbers) {
    return BASE_BYTES + Math.max(0, numbers) * BYTES_PER_NUMBER;
  }

  /** The most numbers a heap of {@code maxHeapBytes} can hold (and reload). */
  public static long capacity(long maxHeapBytes) {
    return Math.max(0, (maxHeapBytes - BASE_BYTES) / BYTES_PER_NUMBER);
  }

  /** Bytes in whole megabytes, rounded up ("1,140 MB"). */
  public static String megabytes(long bytes) {
    return String.format(java.util.Locale.ROOT, "%,d MB", (bytes + (1L << 20) - 1) >> 20);
  }
}
