package dev.riservo.notice.presentations.domain;

/** How a notice version reached the person. */
public enum DeliveryMode {
  /** An agent read the verbal script on the call. */
  AGENT_READ,
  /** The phone system played the IVR prompt. */
  IVR,
  /** A text message with a link to the version's public page. */
  SMS_LINK,
  /** An e-mail with the text or a link to it. */
  EMAIL
}
