package dev.riservo.notice.changes.domain;

import dev.riservo.notice.refusal.domain.Refusal;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * How a subject was told of a material change: the channel, the message id the SMS or e-mail
 * provider answered (letters, digits and the punctuation such ids use; no spaces) and when it was
 * sent: after the campaign opened, and not in the future (clock skew allowed).
 */
public record NotificationEvidence(Channel channel, String messageId, Instant sentAt) {

  /** How the subject was told. */
  public enum Channel {
    SMS,
    EMAIL,
    CALL,
    LETTER,
    IVR
  }

  /** A provider's message id: letters, digits and the punctuation ids use; no spaces. */
  public static final String MESSAGE_ID_REGEX = "^[A-Za-z0-9][A-Za-z0-9._:@<>+=/-]{0,199}$";

  private static final Pattern MESSAGE_ID = Pattern.compile(MESSAGE_ID_REGEX);

  /** Refuses evidence that cannot be right (422 naming the field). */
  public void check(Instant campaignOpenedAt, Instant now, Duration clockSkew) {
    if (messageId != null && !MESSAGE_ID.matcher(messageId).matches()) {
      throw Refusal.invalid("messageId", "must be the provider's message id (no spaces)");
    }
    if (sentAt.isAfter(now.plus(clockSkew))) {
      throw Refusal.breaksARule("notified-in-future", "sentAt", "must not be in the future");
    }
    if (sentAt.isBefore(campaignOpenedAt)) {
      throw Refusal.breaksARule(
          "notified-before-campaign", "sentAt", "must not be before the campaign opened");
    }
  }

  /** The same evidence, as a retry sends it again. */
  public boolean sameAs(NotificationEvidence other) {
    return other != null
        && channel == other.channel
        && java.util.Objects.equals(messageId, other.messageId)
        && sentAt.equals(other.sentAt);
  }
}
