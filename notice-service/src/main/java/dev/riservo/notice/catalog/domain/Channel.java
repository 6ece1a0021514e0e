package dev.riservo.notice.catalog.domain;

/** How a notice reaches its audience. */
public enum Channel {
  /** Read aloud by an agent at the start of a call. */
  VERBAL_SCRIPT,
  /** Played by the phone system; each version records the SHA-256 of its audio file. */
  IVR_PROMPT,
  /** Read by the person (web page, e-mail, SMS link, paper). */
  WRITTEN
}
