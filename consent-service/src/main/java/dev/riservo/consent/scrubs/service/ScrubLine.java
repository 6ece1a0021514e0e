package dev.riservo.consent.scrubs.service;

import dev.riservo.consent.dialcheck.domain.DialFacts;
import java.util.UUID;

/** What memory holds about one scrubbed number, before its consents are read. */
record ScrubLine(
    boolean invalid,
    UUID subject,
    boolean suppressed,
    DialFacts.RpoEntry rpo,
    boolean listed,
    int allowedCalls) {

  static final ScrubLine INVALID = new ScrubLine(true, null, false, null, false, 0);

  /** One result line, the number as sent (quoted as CSV needs), then decision and reasons. */
  static void write(StringBuilder out, String number, String decision, String reasons) {
    boolean quote =
        number.indexOf(',') >= 0
            || number.indexOf('"') >= 0
            || number.indexOf('\n') >= 0
            || number.indexOf('\r') >= 0;
    if (quote) {
      out.append('"').append(number.replace("\"", "\"\"")).append('"');
    } else {
      out.append(number);
    }
    out.append(',').append(decision).append(',').append(reasons).append('\n');
  }
}
