package dev.riservo.consent.consents.domain;

/** How a consent was collected. A call must carry evidence (the recording and an offset). */
public enum Channel {
  CALL,
  WEB,
  IVR,
  EMAIL,
  SMS
}
