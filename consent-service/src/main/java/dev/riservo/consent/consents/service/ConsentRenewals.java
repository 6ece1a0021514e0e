package dev.riservo.consent.consents.service;

import dev.riservo.idempotency.NativeStatements;
import dev.riservo.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rule 10 and issue 15: after a material change of a notice, every consent still in force that was
 * given under an earlier version of that notice needs renewal (the person must hear the new one and
 * consent again). A consent is in force when it is the latest record of its subject and purpose and
 * that record gives consent; erased subjects have no records left.
 */
@ApplicationScoped
public class ConsentRenewals {

  /** A version id, {@code noticeId@version}: the notice whose earlier versions are looked for. */
  private static final Pattern VERSION_ID =
      Pattern.compile("^([a-z0-9][a-z0-9-]{1,63})@([1-9][0-9]{0,8})$");

  /** One consent needing renewal. */
  public record Renewal(
      UUID subjectRef, String purpose, UUID consentId, Instant givenAt, String noticeId) {}

  /** One page of them, and how many there are in all. */
  public record Page(String materialVersion, long total, int page, int size, List<Renewal> items) {}

  private final Pool pool;

  public ConsentRenewals(Pool pool) {
    this.pool = pool;
  }

  /** Consents in force given under versions of the notice numbered below {@code version}. */
  public Uni<Page> needing(String version, int page, int size) {
    Matcher id = VERSION_ID.matcher(version == null ? "" : version);
    if (!id.matches()) {
      throw ProblemException.badRequest(
          "materialVersion", "must be a notice version id, noticeId@version");
    }
    String prefix = id.group(1) + "@";
    int below = Integer.parseInt(id.group(2));
    NativeStatements sql = NativeStatements.on(pool);
    return sql.rows("SELECT count(*) " + IN_FORCE, prefix + "%", below)
        .chain(
            total ->
                sql.rows(
                        "SELECT e.subject_ref, e.purpose_code, e.id, e.occurred_at, e.notice_id "
                            + IN_FORCE
                            + " ORDER BY e.occurred_at, e.id LIMIT $3 OFFSET $4",
                        prefix + "%",
                        below,
                        size,
                        (long) page * size)
                    .map(
                        rows ->
                            new Page(
                                version,
                                ((Number) total.get(0)[0]).longValue(),
                                page,
                                size,
                                rows.stream().map(ConsentRenewals::renewal).toList())));
  }

  /**
   * The records naming an earlier version ($1 the id prefix, $2 the material version's number) that
   * give consent and are their subject and purpose's latest. A notice id that is no version id (a
   * withdrawal keeps what it was sent) has no number and is never listed.
   */
  private static final String IN_FORCE =
      "FROM consent_event e WHERE e.notice_id LIKE $1 AND e.state = 'GIVEN'"
          + " AND substring(e.notice_id from '@([0-9]{1,9})$')::bigint < $2"
          + " AND NOT EXISTS (SELECT 1 FROM consent_event l WHERE l.subject_ref = e.subject_ref"
          + " AND l.purpose_code = e.purpose_code"
          + " AND (l.occurred_at, l.seq) > (e.occurred_at, e.seq))";

  private static Renewal renewal(Object[] row) {
    Object at = row[3];
    return new Renewal(
        (UUID) row[0],
        (String) row[1],
        (UUID) row[2],
        at instanceof OffsetDateTime offset ? offset.toInstant() : (Instant) at,
        (String) row[4]);
  }
}
