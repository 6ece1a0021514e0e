package dev.riservo.consent.purposes.domain;

/** What kind of processing a purpose is; decides which rules apply to it. */
public enum PurposeCategory {
  TELEMARKETING,
  PROFILING,
  THIRD_PARTY_TRANSFER,
  CALL_RECORDING,
  SERVICE;

  /**
   * Direct marketing, which an objection stops absolutely (GDPR Art. 21(2)-(3)): calls, profiling
   * for marketing, and passing contacts on for others' marketing.
   */
  public boolean isDirectMarketing() {
    return this == TELEMARKETING || this == PROFILING || this == THIRD_PARTY_TRANSFER;
  }
}
