package dev.riservo.notice.roster.domain;

/**
 * The staff roster could not be read (the identity provider is down, slow or refuses the roster's
 * client). Answered as a 503 with {@code Retry-After}, never a 500.
 */
public class RosterUnavailable extends RuntimeException {

  public RosterUnavailable(Throwable cause) {
    super("the staff roster could not be read", cause, false, false);
  }
}
