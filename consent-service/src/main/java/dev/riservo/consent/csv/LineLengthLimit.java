package dev.riservo.consent.csv;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * An upload read line by line with a bound on each line: a file with no line break (or a field of
 * megabytes) would otherwise be buffered whole by the CSV parser. Past the bound the stream fails
 * with {@link TooLong}, which the importers answer as a 400 naming the line.
 */
public final class LineLengthLimit extends FilterInputStream {

  /** A line longer than the bound. */
  public static final class TooLong extends IOException {
    private final long line;

    TooLong(long line) {
      super("line " + line + " is too long", null);
      this.line = line;
    }

    public long line() {
      return line;
    }
  }

  private final int maxLine;
  private int sinceBreak;
  private long line = 1;

  public LineLengthLimit(InputStream in, int maxLine) {
    super(in);
    this.maxLine = maxLine;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      count((byte) b);
    }
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    int n = super.read(buffer, offset, length);
    for (int i = 0; i < n; i++) {
      count(buffer[offset + i]);
    }
    return n;
  }

  private void count(byte b) throws TooLong {
    if (b == '\n') {
      sinceBreak = 0;
      line++;
    } else if (++sinceBreak > maxLine) {
      throw new TooLong(line);
    }
  }
}
