package dev.riservo.notice.changes.domain;

import dev.riservo.notice.refusal.domain.Refusal;
import java.time.Duration;
import java.time.Instant;

/**
 * Rule 10: a material change must give the people who heard an earlier version time to learn of it
 * before it applies to them, so a version marked material takes effect at least the configured
 * notice period (30 days by default) after it is published.
 */
public final class MaterialChange {

  private MaterialChange() {}

  /** Refuses (422 naming effectiveFrom) a material version taking effect too soon. */
  public static void checkNoticePeriod(
      Instant effectiveFrom, Instant publishedAt, Duration noticePeriod) {
    Instant earliest = publishedAt.plus(noticePeriod);
    if (effectiveFrom.isBefore(earliest)) {
      throw Refusal.breaksARule(
          "material-change-too-soon",
          "effectiveFrom",
          "a material change takes effect at least "
              + noticePeriod.toDays()
              + " days after it is published: "
              + earliest
              + " or later");
    }
  }
}
