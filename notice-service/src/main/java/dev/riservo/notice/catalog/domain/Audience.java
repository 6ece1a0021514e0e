package dev.riservo.notice.catalog.domain;

/** Who a notice speaks to. */
public enum Audience {
  /** The people a call centre calls or is called by (data subjects). */
  SUBJECTS,
  /** The call centre's own staff (internal policies, staff privacy notices). */
  STAFF
}
