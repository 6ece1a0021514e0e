package dev.riservo.consent.rpo.service;

import dev.riservo.consent.rpo.domain.RegisterMemory;
import dev.riservo.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Whether the register fits this replica's heap with more numbers in it ({@link RegisterMemory}'s
 * rule): an import that would not fit is refused before it reads a line (by the upload's length) or
 * as soon as it has read one too many, never left to run the replica out of memory.
 */
@ApplicationScoped
public class RegisterHeap {

  /**
   * A register file's typical line: a 13-character E.164 number, then ",true,2025-06-01,false" and
   * the line end. An upload's size is divided by it to tell, before reading, how many numbers it
   * brings.
   */
  static final long TYPICAL_LINE_BYTES = 36;

  private final RpoRegister register;
  private final LongSupplier maxHeap;

  @Inject
  public RegisterHeap(RpoRegister register) {
    this(register, () -> Runtime.getRuntime().maxMemory());
  }

  /** With another heap than the JVM's (tests). */
  public RegisterHeap(RpoRegister register, LongSupplier maxHeap) {
    this.register = register;
    this.maxHeap = maxHeap;
  }

  /** Refuses (413, naming the sizes) an upload of this length that would not fit. */
  public void requireRoomFor(Long contentLength) {
    if (contentLength != null && contentLength / TYPICAL_LINE_BYTES > roomLeft()) {
      throw tooLarge(contentLength / TYPICAL_LINE_BYTES);
    }
  }

  /** How many more numbers the register may take. */
  public long roomLeft() {
    return RegisterMemory.capacity(maxHeap.getAsLong()) - register.size();
  }

  /** The 413 for an import that brings {@code numbers} more. */
  public ProblemException tooLarge(long numbers) {
    long heap = maxHeap.getAsLong();
    long total = register.size() + numbers;
    return new ProblemException(
        413,
        "register-too-large-for-heap",
        "Register too large for the heap",
        String.format(
            Locale.ROOT,
            "The register would hold about %,d numbers: that needs about %s of heap on every"
                + " consent-service replica, and they have %s. Raise their memory first; nothing"
                + " was imported.",
            total,
            RegisterMemory.megabytes(RegisterMemory.heapNeeded(total)),
            RegisterMemory.megabytes(heap)),
        List.of());
  }
}
