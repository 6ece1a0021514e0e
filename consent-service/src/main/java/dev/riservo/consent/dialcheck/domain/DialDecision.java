package dev.riservo.consent.dialcheck.domain;

import java.util.List;

/** ALLOW when no reason applies; otherwise DENY with every reason that does, in a stable order. */
public record DialDecision(Verdict verdict, List<Reason> reasons) {

  public enum Verdict {
    ALLOW,
    DENY
  }

  public DialDecision {
    reasons = List.copyOf(reasons);
  }

  public static DialDecision of(List<Reason> reasons) {
    return new DialDecision(reasons.isEmpty() ? Verdict.ALLOW : Verdict.DENY, reasons);
  }

  public boolean allowed() {
    return verdict == Verdict.ALLOW;
  }
}
