package dev.riservo.notice.content.domain;

/** A section a published notice may need, with the provision that requires it. */
public enum Section {
  CONTROLLER(
      "content.controller",
      "Art. 13(1)(a)",
      "identity and contact details of the controller, a callable phone number included"),
  DPO("content.dpo", "Art. 13(1)(b)", "contact details of the data-protection officer"),
  PURPOSES("content.purposes", "Art. 13(1)(c)", "purposes of the processing and their legal basis"),
  LEGITIMATE_INTERESTS(
      "content.purposes[].legitimateInterest",
      "Art. 13(1)(d)",
      "the legitimate interests pursued, for each purpose based on them"),
  RECIPIENTS(
      "content.recipients", "Art. 13(1)(e)", "recipients and processors, with their country"),
  TRANSFERS(
      "content.transfers",
      "Art. 13(1)(f)",
      "transfers outside the EU/EEA and their safeguard (an empty list: none), one for each recipient outside the EEA"),
  RETENTION(
      "content.purposes[].retention", "Art. 13(2)(a)", "how long data is kept, for each purpose"),
  RIGHTS(
      "content.rights",
      "Art. 13(2)(b)",
      "how to exercise each right: access, rectification, erasure, restriction, portability, objection"),
  WITHDRAW_CONSENT(
      "content.withdrawConsent",
      "Art. 13(2)(c)",
      "how to withdraw consent, for purposes based on it"),
  COMPLAINT(
      "content.complaint", "Art. 13(2)(d)", "the right to complain to a supervisory authority"),
  OBLIGATION_TO_PROVIDE(
      "content.obligationToProvide",
      "Art. 13(2)(e)",
      "whether providing the data is required, and what happens if it is not"),
  AUTOMATED_DECISIONS(
      "content.automatedDecisions",
      "Art. 13(2)(f)",
      "whether automated decisions or profiling are used, and if so the logic and its consequences"),
  COLLECTION(
      "content.collection",
      "Art. 12(1)",
      "how the data is collected (on the call, by the phone system, ...)"),
  DATA_CATEGORIES("content.dataCategories", "Art. 14(1)(d)", "the categories of data concerned"),
  SOURCES("content.sources", "Art. 14(2)(f)", "the sources the data comes from"),
  BODY("body", "Art. 12(1)", "the text presented, in clear and plain language"),
  AUDIO("audioSha256", "IVR prompt", "the SHA-256 of the audio file the phone system plays");

  private final String field;
  private final String provision;
  private final String what;

  Section(String field, String provision, String what) {
    this.field = field;
    this.provision = provision;
    this.what = what;
  }

  /** Where the section is in a draft, as a field path. */
  public String field() {
    return field;
  }

  /** The provision that requires it. */
  public String provision() {
    return provision;
  }

  /** What it must say, in words. */
  public String what() {
    return what;
  }
}
