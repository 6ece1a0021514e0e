package dev.riservo.consent.rpo.domain;

import dev.riservo.consent.dialcheck.domain.DialFacts.RpoEntry;
import it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The register in memory: per number, what the latest consultation that covered it answered. Keys
 * are the first 64 bits of the number's blind index (never the number); each value packs the
 * consultation day, the registration (or renewal) day, the registered and re-allowed flags and the
 * consulting operator into one long, so an entry costs about 21 bytes (two longs in an open hash
 * table at fastutil's default 0.75 load factor).
 *
 * <p>Two numbers whose indexes share their first 64 bits would share an entry: among 10 million
 * numbers the chance that any pair does is about 3 in a million.
 */
public final class RegisterEntries {

  private static final long DAY_MASK = 0xFFFFL;
  private static final int CONSULTED_SHIFT = 16;
  private static final long REGISTERED = 1L << 32;
  private static final long REALLOWED = 1L << 33;
  private static final int OPERATOR_SHIFT = 40;
  private static final long OPERATOR_MASK = 0xFFL;
  private static final long NO_ENTRY = Long.MIN_VALUE;

  private final List<String> operators = new ArrayList<>();
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

  private final Long2LongOpenHashMap entries;

  public RegisterEntries() {
    this(Long2LongOpenHashMap.DEFAULT_INITIAL_SIZE);
  }

  /**
   * A register sized for {@code expected} numbers at once, so a load never grows (and copies) its
   * table on the way.
   */
  public RegisterEntries(int expected) {
    entries =
        new Long2LongOpenHashMap(Math.max(expected, Long2LongOpenHashMap.DEFAULT_INITIAL_SIZE));
    entries.defaultReturnValue(NO_ENTRY);
  }

  /** The 64-bit key of a blind index ("version.base64url"). */
  public static long key(String blindIndex) {
    int dot = blindIndex.indexOf('.');
    byte[] bytes = Base64.getUrlDecoder().decode(blindIndex.substring(dot + 1, dot + 12));
    long key = 0;
    for (int i = 0; i < 8; i++) {
      key = (key << 8) | (bytes[i] & 0xFF);
    }
    return key;
  }

  /** One entry to apply: a number's row of one consultation. */
  public record Update(
      long key,
      LocalDate consultedOn,
      boolean registered,
      LocalDate registeredOn,
      boolean reallowed,
      String operator) {}

  /**
   * Applies entries; an entry replaces what is held only if its consultation is not older, so the
   * order in which consultations arrive does not matter.
   */
  public void apply(List<Update> updates) {
    lock.writeLock().lock();
    try {
      for (Update update : updates) {
        long packed = pack(update);
        long held = entries.get(update.key());
        if (held == NO_ENTRY || consultedDay(held) <= consultedDay(packed)) {
          entries.put(update.key(), packed);
        }
      }
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** What the register says of the number with this key, or null if no consultation covered it. */
  public RpoEntry lookup(long key) {
    long packed;
    String operator;
    lock.readLock().lock();
    try {
      packed = entries.get(key);
      if (packed == NO_ENTRY) {
        return null;
      }
      operator = operators.get((int) ((packed >>> OPERATOR_SHIFT) & OPERATOR_MASK));
    } finally {
      lock.readLock().unlock();
    }
    boolean registered = (packed & REGISTERED) != 0;
    return new RpoEntry(
        LocalDate.ofEpochDay(consultedDay(packed)),
        registered,
        registered ? LocalDate.ofEpochDay(packed & DAY_MASK) : null,
        (packed & REALLOWED) != 0 ? Set.of(operator) : Set.of());
  }

  public int size() {
    lock.readLock().lock();
    try {
      return entries.size();
    } finally {
      lock.readLock().unlock();
    }
  }

  private long pack(Update update) {
    long packed = (day(update.consultedOn()) << CONSULTED_SHIFT) | operatorIndex(update.operator());
    if (update.registered()) {
      packed |= REGISTERED | day(update.registeredOn());
    }
    if (update.reallowed()) {
      packed |= REALLOWED;
    }
    return packed;
  }

  /** Called under the write lock. */
  private long operatorIndex(String operator) {
    int index = operators.indexOf(operator);
    if (index < 0) {
      if (operators.size() > OPERATOR_MASK) {
        throw new IllegalStateException("more than 256 consulting operators");
      }
      operators.add(operator);
      index = operators.size() - 1;
    }
    return (long) index << OPERATOR_SHIFT;
  }

  private static long day(LocalDate date) {
    long day = date.toEpochDay();
    if (day < 0 || day > DAY_MASK) {
      throw new IllegalArgumentException("a register date must lie between 1970 and 2149");
    }
    return day;
  }

  private static long consultedDay(long packed) {
    return (packed >>> CONSULTED_SHIFT) & DAY_MASK;
  }
}
