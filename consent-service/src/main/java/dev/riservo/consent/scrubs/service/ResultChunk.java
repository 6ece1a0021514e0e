package dev.riservo.consent.scrubs.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Set;
import java.util.function.ToLongFunction;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * One chunk of a scrub's result: its CSV lines (number as sent, decision, reasons) and, line by
 * line, the hint of the number each line holds ({@link #hint}), so that an erasure can take one
 * person's lines out of a held result without knowing the number in clear.
 */
record ResultChunk(String lines, long[] hints) {

  /** The hint of a line that holds no valid number. */
  static final long NO_NUMBER = 0L;

  /** The first 8 bytes of a blind index's MAC ({@code "<version>.<base64url>"}), as a long. */
  static long hint(String blindIndex) {
    byte[] mac = Base64.getUrlDecoder().decode(blindIndex.substring(blindIndex.indexOf('.') + 1));
    long hint = ByteBuffer.wrap(mac, 0, Long.BYTES).getLong();
    return hint == NO_NUMBER ? 1L : hint; // 0 is reserved for lines without a number
  }

  /** The hints as a PostgreSQL {@code bigint[]}. */
  static Array hintArray(Connection connection, long[] hints) throws SQLException {
    return connection.createArrayOf("bigint", Arrays.stream(hints).boxed().toArray());
  }

  /** The lines of a chunk that has hints. */
  int size() {
    return hints.length;
  }

  /** A chunk without some of its lines, and how many lines were taken out. */
  record Without(ResultChunk kept, int removed) {}

  /**
   * This chunk without the lines whose hint is one of {@code out}; {@code hintOf} gives the hint of
   * a line's number where the chunk has no hints (chunks written before hints existed).
   */
  Without without(Set<Long> out, ToLongFunction<String> hintOf) {
    Builder kept = new Builder(hints == null ? 64 : hints.length);
    int read = 0;
    try (CSVParser parser = CSVParser.parse(lines, CSVFormat.DEFAULT)) {
      for (CSVRecord line : parser) {
        String number = line.get(0);
        long hint = hints == null ? hintOf.applyAsLong(number) : hints[read];
        read++;
        if (!out.contains(hint)) {
          kept.add(number, line.get(1), line.get(2), hint);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ResultChunk chunk = kept.build();
    return new Without(chunk, read - chunk.size());
  }

  /** Lines added one by one, in the order they are written. */
  static final class Builder {
    private final StringBuilder out;
    private long[] hints;
    private int size;

    Builder(int expectedLines) {
      out = new StringBuilder(expectedLines * 48);
      hints = new long[Math.max(1, expectedLines)];
    }

    void add(String number, String decision, String reasons, long hint) {
      ScrubLine.write(out, number, decision, reasons);
      if (size == hints.length) {
        hints = Arrays.copyOf(hints, size * 2);
      }
      hints[size++] = hint;
    }

    ResultChunk build() {
      return new ResultChunk(out.toString(), Arrays.copyOf(hints, size));
    }
  }
}
