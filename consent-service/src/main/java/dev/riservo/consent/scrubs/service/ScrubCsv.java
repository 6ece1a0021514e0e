package dev.riservo.consent.scrubs.service;

import dev.riservo.consent.csv.LineLengthLimit;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The numbers of a scrub's upload: CSV with one number per line, or with a header line naming a
 * {@code number} column among others. Lines are numbered from 1 as the file counts them.
 */
final class ScrubCsv {

  /** A line's number field as sent. */
  record Line(long number, String value) {}

  /** The upload is not CSV (an unclosed quote, say), or ended mid-way. */
  static final class Malformed extends RuntimeException {
    Malformed(String message) {
      super(message, null, false, false);
    }
  }

  /** Longest line read: a list's line is a number, perhaps with a few columns beside it. */
  static final int MAX_LINE = 4096;

  /** Marks a field cut short: it never parses as a number. */
  static final String TOO_LONG = "...";

  /** Longest field kept as sent; a longer one is no phone number and is cut in the result. */
  static final int MAX_FIELD = 64;

  private final Iterator<CSVRecord> records;
  private int column = -1;
  private long lastLine;

  ScrubCsv(InputStream body) throws IOException {
    CSVFormat format =
        CSVFormat.DEFAULT
            .builder()
            .setIgnoreSurroundingSpaces(true)
            .setIgnoreEmptyLines(true)
            .get();
    this.records =
        CSVParser.parse(
                new InputStreamReader(new LineLengthLimit(body, MAX_LINE), StandardCharsets.UTF_8),
                format)
            .iterator();
  }

  /** The next line, or null at the end. */
  Line next() {
    try {
      while (records.hasNext()) {
        CSVRecord record = records.next();
        lastLine = record.getRecordNumber();
        if (column < 0) {
          column = headerColumn(record);
          if (column >= 0) {
            continue;
          }
          column = 0;
        }
        String value = record.size() > column ? record.get(column).strip() : "";
        if (value.length() > MAX_FIELD) {
          // no phone number is this long: judged as the invalid value it is, echoed cut short
          value = value.substring(0, MAX_FIELD) + TOO_LONG;
        }
        return new Line(lastLine, value);
      }
      return null;
    } catch (UncheckedIOException e) {
      if (e.getCause() instanceof LineLengthLimit.TooLong tooLong) {
        throw new Malformed(
            "has a line longer than " + MAX_LINE + " bytes (line " + tooLong.line() + ")");
      }
      throw new Malformed("is not valid CSV, or ended, after line " + lastLine);
    } catch (IllegalStateException e) {
      throw new Malformed("is not valid CSV, or ended, after line " + lastLine);
    }
  }

  private static int headerColumn(CSVRecord first) {
    for (int i = 0; i < first.size(); i++) {
      if (first.get(i).strip().equalsIgnoreCase("number")) {
        return i;
      }
    }
    return -1;
  }
}
