package dev.riservo.notice.subjectdata.domain;

/** The grounds of GDPR Art. 18(1) on which a subject may have processing restricted. */
public enum RestrictionGround {
  /** 18(1)(a): the subject contests the accuracy of the data, while it is verified. */
  ACCURACY_CONTESTED,
  /** 18(1)(b): processing is unlawful and the subject asks for restriction, not erasure. */
  UNLAWFUL_PROCESSING,
  /** 18(1)(c): the controller no longer needs the data, the subject needs it for legal claims. */
  LEGAL_CLAIMS,
  /** 18(1)(d): the subject objected (Art. 21(1)), pending the weighing of grounds. */
  OBJECTION_PENDING
}
