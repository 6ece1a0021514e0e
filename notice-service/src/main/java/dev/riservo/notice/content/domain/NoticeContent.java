package dev.riservo.notice.content.domain;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.riservo.notice.validation.CallablePhone;
import dev.riservo.notice.validation.PlainText;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The structured content of a privacy notice: what GDPR Art. 13 (data obtained from the person) and
 * Art. 14 (data obtained elsewhere) require a controller to tell. Every section may be left out of
 * a draft; {@link Completeness} decides at publication which ones the notice's audience needs. The
 * annotations only bound sizes and formats.
 */
public record NoticeContent(
    @Valid Controller controller,
    @Valid Contact dpo,
    @Size(max = 50) List<@NotNull @Valid Purpose> purposes,
    @Size(max = 100) List<@NotNull @PlainText(max = 200) String> dataCategories,
    @PlainText(max = LONG) String collection,
    @Size(max = 50) List<@NotNull @Valid Source> sources,
    @Size(max = 100) List<@NotNull @Valid Recipient> recipients,
    @Size(max = 100) List<@NotNull @Valid Transfer> transfers,
    @Valid AutomatedDecisions automatedDecisions,
    @Size(max = 20) List<@NotNull @Valid RightExercise> rights,
    @PlainText(max = LONG) String withdrawConsent,
    @PlainText(max = LONG) String obligationToProvide,
    @Valid Complaint complaint) {

  /** Names and short labels. */
  public static final int SHORT = 200;

  /** Addresses and one-paragraph descriptions. */
  public static final int MEDIUM = 1000;

  /** Explanations (how to exercise a right, the logic of an automated decision). */
  public static final int LONG = 4000;

  /** ISO 3166-1 alpha-2, upper case. */
  public static final String COUNTRY = "^[A-Z]{2}$";

  /** An ISO 8601 period of years, months, weeks or days: P10Y, P6M, P2Y6M, P30D. */
  public static final String PERIOD = "^P(?=\\d)(\\d{1,3}Y)?(\\d{1,4}M)?(\\d{1,4}W)?(\\d{1,5}D)?$";

  /** A notice with no section at all (an empty draft). */
  @JsonIgnore
  public boolean isEmpty() {
    return controller == null
        && dpo == null
        && empty(purposes)
        && empty(dataCategories)
        && collection == null
        && empty(sources)
        && empty(recipients)
        && empty(transfers)
        && automatedDecisions == null
        && empty(rights)
        && withdrawConsent == null
        && obligationToProvide == null
        && complaint == null;
  }

  /** Data not obtained from the person: Art. 14 applies on top of Art. 13's list. */
  @JsonIgnore
  public boolean hasSources() {
    return !empty(sources);
  }

  private static boolean empty(List<?> list) {
    return list == null || list.isEmpty();
  }

  /** The controller: who is responsible, and how to reach them, by phone too. */
  public record Controller(
      @PlainText(max = SHORT) String name,
      @PlainText(max = MEDIUM) String address,
      @Email @Size(max = 254) String email,
      @CallablePhone String phone) {}

  /** The data-protection officer's contact. */
  public record Contact(
      @PlainText(max = SHORT) String name,
      @Email @Size(max = 254) String email,
      @CallablePhone String phone,
      @PlainText(max = MEDIUM) String address) {}

  /** What data is processed for, on which legal basis, and for how long. */
  public record Purpose(
      @Pattern(regexp = "^[a-z0-9][a-z0-9-]{0,63}$", message = "must be 1-64 a-z, 0-9, -")
          String id,
      @PlainText(max = MEDIUM) String description,
      LegalBasis legalBasis,
      @PlainText(max = MEDIUM) String legitimateInterest,
      @Valid Retention retention) {}

  /** How long data is kept for a purpose: a period, criteria, or both. */
  public record Retention(
      @Pattern(regexp = PERIOD, message = "must be an ISO 8601 period such as P2Y or P6M")
          String period,
      @PlainText(max = MEDIUM) String criteria) {}

  /** Where data not obtained from the person came from (Art. 14(2)(f)). */
  public record Source(
      @PlainText(max = SHORT) String name,
      @PlainText(max = MEDIUM) String description,
      Boolean publiclyAccessible) {}

  /** A recipient or processor (the cloud and data-centre providers included), with country. */
  public record Recipient(
      @PlainText(max = SHORT) String name,
      RecipientRole role,
      @Pattern(regexp = COUNTRY, message = "must be an ISO 3166-1 alpha-2 code (IT, IE, US)")
          String country,
      @PlainText(max = MEDIUM) String description) {}

  /** A transfer outside the EU/EEA and the safeguard it relies on (Art. 13(1)(f), 44-49). */
  public record Transfer(
      @PlainText(max = SHORT) String recipient,
      @Pattern(regexp = COUNTRY, message = "must be an ISO 3166-1 alpha-2 code (IT, IE, US)")
          String country,
      Safeguard safeguard,
      @PlainText(max = MEDIUM) String details) {}

  /** Automated decisions and profiling (Art. 13(2)(f)): whether, and if so the logic. */
  public record AutomatedDecisions(
      Boolean used,
      @PlainText(max = LONG) String logic,
      @PlainText(max = LONG) String significance) {}

  /** How to exercise one right. */
  public record RightExercise(Right right, @PlainText(max = LONG) String how) {}

  /** The right to complain to a supervisory authority (Art. 13(2)(d)). */
  public record Complaint(
      @PlainText(max = SHORT) String authority, @PlainText(max = MEDIUM) String contact) {}

  /** Art. 6(1)(a)-(f). */
  public enum LegalBasis {
    CONSENT,
    CONTRACT,
    LEGAL_OBLIGATION,
    VITAL_INTERESTS,
    PUBLIC_TASK,
    LEGITIMATE_INTERESTS
  }

  public enum RecipientRole {
    RECIPIENT,
    PROCESSOR,
    JOINT_CONTROLLER
  }

  /** Chapter V: what a transfer outside the EU/EEA relies on. */
  public enum Safeguard {
    ADEQUACY_DECISION,
    STANDARD_CONTRACTUAL_CLAUSES,
    BINDING_CORPORATE_RULES,
    CODE_OF_CONDUCT,
    CERTIFICATION,
    DEROGATION
  }

  /** The data subject's rights of Art. 15-21 a notice must say how to exercise. */
  public enum Right {
    ACCESS,
    RECTIFICATION,
    ERASURE,
    RESTRICTION,
    PORTABILITY,
    OBJECTION
  }
}
