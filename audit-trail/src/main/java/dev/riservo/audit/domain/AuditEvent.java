package dev.riservo.audit.domain;

import java.util.Map;

/**
 * A state change to record: who did what, to which subject (a pseudonymous reference, never a phone
 * number or a name), with details that are themselves free of personal data.
 */
public record AuditEvent(
    String actor, String action, String subjectRef, Map<String, String> details) {

  public AuditEvent {
    if (actor == null || actor.isBlank() || action == null || action.isBlank()) {
      throw new IllegalArgumentException("an audit event needs an actor and an action");
    }
    details = details == null ? Map.of() : Map.copyOf(details);
  }
}
