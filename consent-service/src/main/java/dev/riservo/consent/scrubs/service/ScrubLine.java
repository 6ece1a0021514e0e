package dev.riservo.consent.scrubs.service;

import dev.riservo.consent.dialcheck.service.DialCheckService;

/** One scrubbed number as memory knows it (null state: not a valid number), and its calls. */
record ScrubLine(DialCheckService.NumberState state, int allowedCalls) {

  static final ScrubLine INVALID = new ScrubLine(null, 0);

  boolean invalid() {
    return state == null;
  }

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
