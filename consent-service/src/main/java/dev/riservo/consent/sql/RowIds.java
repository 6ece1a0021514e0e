package dev.riservo.consent.sql;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import java.util.UUID;

/**
 * Ids for rows written at a high rate (subjects, consent events, receipts, dial-check evidence):
 * UUID version 7, whose leading bits are the creation time in milliseconds. Consecutive rows then
 * land on the right-most pages of their primary-key indexes instead of on random ones, which keeps
 * those pages in memory and the write-ahead log small (a random page touched for the first time
 * after a checkpoint costs a whole page image in the log). The creation time they reveal is no
 * secret: every such row carries it anyway.
 */
public final class RowIds {

  private static final TimeBasedEpochGenerator GENERATOR = Generators.timeBasedEpochGenerator();

  private RowIds() {}

  public static UUID next() {
    return GENERATOR.generate();
  }
}
