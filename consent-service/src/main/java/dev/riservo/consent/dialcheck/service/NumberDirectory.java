package dev.riservo.consent.dialcheck.service;

import dev.riservo.consent.rpo.domain.RegisterEntries;
import io.agroal.api.AgroalDataSource;
import it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * What the dial check needs to know of a number without a database round trip, on every replica:
 * which live subject holds it, and whether it is on the suppression list (since when). Keys are the
 * first 64 bits of the number's blind index, as in the register. Loaded at start and after the
 * change listener reconnects; kept current by the notifications that subject creation, erasure and
 * suppression send in their own transactions ({@link #apply}).
 */
@ApplicationScoped
public class NumberDirectory {

  /** Notification payloads (the index is a blind index, never a number). */
  public static final String SUBJECT = "subject:";

  public static final String GONE = "gone:";
  public static final String SUPPRESSED = "suppressed:";

  /** A suppression entry with no objection date (an erasure): suppressed since always. */
  static final long SINCE_ALWAYS = Long.MIN_VALUE + 1;

  private static final long ABSENT = Long.MIN_VALUE;

  private final Long2ObjectOpenHashMap<UUID> subjects = new Long2ObjectOpenHashMap<>();
  private final Long2LongOpenHashMap suppressed = new Long2LongOpenHashMap();
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final AgroalDataSource db;
  private volatile boolean loaded;

  /** Notifications that arrive while a reload reads the database, applied again after it. */
  private final List<String> duringReload = new java.util.ArrayList<>();

  private boolean reloading;

  public NumberDirectory(AgroalDataSource db) {
    this.db = db;
    suppressed.defaultReturnValue(ABSENT);
  }

  /** The live subject holding any of the number's blind indexes (every index key version). */
  public UUID subject(List<String> phoneIndexes) {
    lock.readLock().lock();
    try {
      for (String index : phoneIndexes) {
        UUID ref = subjects.get(RegisterEntries.key(index));
        if (ref != null) {
          return ref;
        }
      }
      return null;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** True if the number was on the suppression list at the instant. */
  public boolean suppressedAt(List<String> phoneIndexes, Instant at) {
    lock.readLock().lock();
    try {
      for (String index : phoneIndexes) {
        long since = suppressed.get(RegisterEntries.key(index));
        if (since != ABSENT && (since == SINCE_ALWAYS || since <= at.toEpochMilli())) {
          return true;
        }
      }
      return false;
    } finally {
      lock.readLock().unlock();
    }
  }

  public boolean loaded() {
    return loaded;
  }

  /** Applies one notification; answers false if the payload is not one of the directory's. */
  public boolean apply(String payload) {
    String[] parts = payload.split(":", -1);
    lock.writeLock().lock();
    try {
      if (reloading) {
        duringReload.add(payload);
      }
      return applyLocked(payload, parts);
    } finally {
      lock.writeLock().unlock();
    }
  }

  private boolean applyLocked(String payload, String[] parts) {
    {
      if (payload.startsWith(SUBJECT) && parts.length == 3) {
        subjects.put(RegisterEntries.key(parts[1]), UUID.fromString(parts[2]));
      } else if (payload.startsWith(GONE) && parts.length == 2) {
        subjects.remove(RegisterEntries.key(parts[1]));
      } else if (payload.startsWith(SUPPRESSED) && parts.length == 3) {
        long key = RegisterEntries.key(parts[1]);
        long since = parts[2].isEmpty() ? SINCE_ALWAYS : Long.parseLong(parts[2]);
        long held = suppressed.get(key);
        if (held == ABSENT || since < held) {
          suppressed.put(key, since);
        }
      } else {
        return false;
      }
      return true;
    }
  }

  /** Reads every live subject's phone index and the whole suppression list. */
  public void reloadAll() throws SQLException {
    lock.writeLock().lock();
    try {
      reloading = true;
      duringReload.clear();
    } finally {
      lock.writeLock().unlock();
    }
    Long2ObjectOpenHashMap<UUID> freshSubjects = new Long2ObjectOpenHashMap<>();
    Long2LongOpenHashMap freshSuppressed = new Long2LongOpenHashMap();
    freshSuppressed.defaultReturnValue(ABSENT);
    try (Connection connection = db.getConnection()) {
      connection.setAutoCommit(false);
      try (PreparedStatement select =
          connection.prepareStatement(
              "SELECT phone_index, ref FROM subject WHERE erased_at IS NULL AND phone_index IS"
                  + " NOT NULL")) {
        select.setFetchSize(10_000);
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            freshSubjects.put(RegisterEntries.key(rows.getString(1)), (UUID) rows.getObject(2));
          }
        }
      }
      try (PreparedStatement select =
          connection.prepareStatement("SELECT phone_index, objected_at FROM suppression")) {
        select.setFetchSize(10_000);
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            Timestamp since = rows.getTimestamp(2);
            freshSuppressed.put(
                RegisterEntries.key(rows.getString(1)),
                since == null ? SINCE_ALWAYS : since.getTime());
          }
        }
      }
      connection.commit();
    }
    lock.writeLock().lock();
    try {
      subjects.clear();
      subjects.putAll(freshSubjects);
      suppressed.clear();
      suppressed.putAll(freshSuppressed);
      for (String payload : duringReload) {
        applyLocked(payload, payload.split(":", -1));
      }
      duringReload.clear();
      reloading = false;
      loaded = true;
    } finally {
      lock.writeLock().unlock();
    }
  }
}
