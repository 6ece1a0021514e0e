package dev.riservo.notice.versions.domain;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The id of one published version, {@code {noticeId}@{version}} (e.g. {@code telemarketing-it@3}):
 * what a presentation records, with the content hash, and what other services look up.
 */
public record NoticeVersionId(String noticeId, int version) {

  /** A notice id: 2-64 lower-case letters, digits and dashes, not starting with a dash. */
  public static final String NOTICE_ID = "^[a-z0-9][a-z0-9-]{1,63}$";

  /** What {@link #NOTICE_ID} asks, in words. */
  public static final String NOTICE_ID_RULE = "must be 2-64 lower-case letters, digits, -";

  /**
   * Not a notice id, though it matches {@link #NOTICE_ID}: {@code /v1/notices/versions/{id}} is the
   * lookup by version id, so a notice of that name could not be listed.
   */
  public static final String RESERVED = "versions";

  /** A version number as it appears in a path: 1 to 999,999,999, no leading zero. */
  public static final String VERSION = "[1-9][0-9]{0,8}";

  private static final Pattern ID =
      Pattern.compile("^([a-z0-9][a-z0-9-]{1,63})@(" + VERSION + ")$");

  public NoticeVersionId {
    if (noticeId == null || !noticeId.matches(NOTICE_ID) || version < 1) {
      throw new IllegalArgumentException("not a notice version id");
    }
  }

  /** The id if {@code text} is one, well formed; empty otherwise (never an exception). */
  public static Optional<NoticeVersionId> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Matcher m = ID.matcher(text);
    if (!m.matches() || m.group(1).equals(RESERVED)) {
      return Optional.empty();
    }
    return Optional.of(new NoticeVersionId(m.group(1), Integer.parseInt(m.group(2))));
  }

  @Override
  public String toString() {
    return noticeId + "@" + version;
  }
}
