package dev.riservo.consent.scrubs.service;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
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

  private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

  /** Rule 6's "listed": fixed lines are in public directories, mobiles (and the rest) are not. */
  static boolean listed(String e164) {
    try {
      return PHONES.getNumberType(PHONES.parse(e164, null)) == PhoneNumberType.FIXED_LINE;
    } catch (NumberParseException e) {
      return false;
    }
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
