package dev.riservo.notice.drafts.domain;

import dev.riservo.notice.refusal.domain.Refusal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * When a version being published takes effect: now or later, never before a version of the same
 * notice and language already published (in-force order is publication order), and never sooner
 * than {@code propagationDelay} after publication, so that every replica knows a version before it
 * is in force.
 */
public final class EffectiveFrom {

  private EffectiveFrom() {}

  /**
   * @param requested what the DPO asked for (null: now)
   * @param now the publication instant
   * @param latestOfLanguage the latest effectiveFrom among published versions of the notice in that
   *     language (null: none)
   */
  public static Instant decide(
      Instant requested,
      Instant now,
      Instant latestOfLanguage,
      Duration propagationDelay,
      Duration clockSkew,
      Duration maxAhead) {
    if (requested != null && requested.isBefore(now.minus(clockSkew))) {
      throw Refusal.breaksARule(
          "effective-from-in-past",
          "effectiveFrom",
          "is in the past: a version takes effect now or later");
    }
    if (requested != null && requested.isAfter(now.plus(maxAhead))) {
      throw Refusal.breaksARule(
          "effective-from-too-far",
          "effectiveFrom",
          "is more than " + maxAhead.toDays() + " days ahead");
    }
    Instant earliest = now.plus(propagationDelay);
    Instant effective =
        (requested == null || requested.isBefore(earliest) ? earliest : requested)
            .truncatedTo(ChronoUnit.MICROS);
    if (latestOfLanguage != null && effective.isBefore(latestOfLanguage)) {
      throw Refusal.conflict(
          "effective-before-scheduled",
          "A version of this notice in this language already takes effect at "
              + latestOfLanguage
              + "; a later version cannot take effect before it");
    }
    return effective;
  }
}
