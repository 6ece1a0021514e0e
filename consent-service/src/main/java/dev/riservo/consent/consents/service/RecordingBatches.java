package dev.riservo.consent.consents.service;

import dev.riservo.consent.config.ConsentConfig;
import dev.riservo.consent.consents.domain.ConsentState;
import dev.riservo.consent.consents.service.ConsentService.Checked;
import dev.riservo.consent.consents.service.ConsentService.Pending;
import dev.riservo.consent.subjects.repository.DirectSubjectRows;
import dev.riservo.consent.subjects.repository.PrefetchedSubjectRows;
import dev.riservo.consent.subjects.repository.SubjectEntity;
import dev.riservo.consent.subjects.service.SubjectSelector;
import dev.riservo.consent.subjects.service.SubjectService;
import dev.riservo.consent.subjects.service.SubjectService.Lookup;
import dev.riservo.idempotency.IdempotentWrites;
import dev.riservo.idempotency.IdempotentWrites.Claim;
import dev.riservo.idempotency.NativeStatements;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Consents are recorded many to a transaction (group commit). A consent checked ({@link
 * ConsentService#check}) waits here for a transaction; at most {@code
 * riservo.consent.batch.concurrency} transactions run at once, and each takes every consent waiting
 * when it starts, up to {@code riservo.consent.batch.max-size}. Under a light load each consent so
 * runs alone at once; under a heavy one, the statements, round trips and commits of a transaction
 * are shared by all its consents.
 *
 * <p>A transaction takes, in one round trip, the idempotency claims of its consents, the advisory
 * locks of all their identifiers (sorted, as every writer takes them) and every subject they name.
 * Each consent is then resolved and prepared on its own request's context (its changes are kept
 * with its own request), and all are written in one round trip: rows, audit entries, withdrawals
 * announced, answers remembered. A consent refused on the way (404, 409) fails alone and writes
 * nothing; its claim is released. Two consents that share an identifier or an idempotency key never
 * share a transaction: the second waits for the next one. If a transaction fails as a whole, its
 * consents are recorded again one per transaction, so that one bad consent fails only itself.
 */
@ApplicationScoped
public class RecordingBatches {

  private static final Logger LOG = Logger.getLogger(RecordingBatches.class);

  /** The path the idempotency claims name. */
  public static final String PATH = "/v1/consents";

  /** A consent waiting for its transaction, and where its answer goes. */
  private record Item(
      SubjectSelector selector,
      Lookup lookup,
      Checked checked,
      String actor,
      Claim claim,
      Context context,
      UniEmitter<? super Response> answer) {

    List<String> keys() {
      return lookup == null ? List.of() : lookup.keys();
    }
  }

  /**
   * What became of a consent in its transaction: prepared (with its answer), answered before (a
   * replay), or refused.
   */
  private record Outcome(Item item, Pending pending, Response answer, Throwable failure) {}

  private final ConsentService consents;
  private final SubjectService subjects;
  private final IdempotentWrites idempotent;
  private final Pool pool;
  private final int maxSize;
  private final int concurrency;
  private final ArrayDeque<Item> waiting = new ArrayDeque<>();
  private final DistributionSummary sizes;
  private int running;

  public RecordingBatches(
      ConsentService consents,
      SubjectService subjects,
      IdempotentWrites idempotent,
      Pool pool,
      ConsentConfig config,
      MeterRegistry metrics) {
    this.consents = consents;
    this.subjects = subjects;
    this.idempotent = idempotent;
    this.pool = pool;
    this.maxSize = Math.max(1, config.batch().maxSize());
    this.concurrency = Math.max(1, config.batch().concurrency());
    this.sizes =
        DistributionSummary.builder("riservo.consent.transaction.consents")
            .description("Consents recorded per transaction (the first try of each)")
            .register(metrics);
    Gauge.builder("riservo.consent.waiting", this, RecordingBatches::waitingNow)
        .description("Consents checked and waiting for a transaction")
        .register(metrics);
  }

  /**
   * Records one consent: checked at once (422 naming the field, nothing stored), then written in
   * the next transaction. Answers 201 with the record and its receipt, or the first answer to its
   * idempotency claim.
   */
  public Uni<Response> record(
      SubjectSelector selector, ConsentDraft draft, String actor, Claim claim) {
    Context context = Vertx.currentContext();
    return consents
        .check(draft)
        .chain(
            checked -> {
              Lookup lookup = subjects.lookup(selector);
              return Uni.createFrom()
                  .emitter(
                      answer ->
                          enqueue(
                              new Item(selector, lookup, checked, actor, claim, context, answer)));
            });
  }

  private double waitingNow() {
    synchronized (waiting) {
      return waiting.size();
    }
  }

  private void enqueue(Item item) {
    synchronized (waiting) {
      waiting.addLast(item);
    }
    startNext();
  }

  private void startNext() {
    List<Item> batch;
    synchronized (waiting) {
      if (running >= concurrency || waiting.isEmpty()) {
        return;
      }
      batch = takeBatch();
      running++;
    }
    sizes.record(batch.size());
    run(batch)
        .subscribe()
        .with(
            done -> finished(),
            failure -> {
              LOG.errorf(failure, "a batch of %d consents was left unanswered", batch.size());
              batch.forEach(item -> deliver(new Outcome(item, null, null, failure)));
              finished();
            });
  }

  private void finished() {
    synchronized (waiting) {
      running--;
    }
    startNext();
  }

  /**
   * The waiting consents in their order of arrival, up to the size limit; one that shares an
   * identifier or an idempotency key with a consent taken stays for the next transaction.
   */
  private List<Item> takeBatch() {
    List<Item> batch = new ArrayList<>();
    List<Item> later = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    Set<List<String>> claims = new HashSet<>();
    while (!waiting.isEmpty() && batch.size() < maxSize) {
      Item item = waiting.pollFirst();
      List<String> claim =
          item.claim() == null ? null : List.of(item.claim().principal(), item.claim().key());
      if (item.keys().stream().anyMatch(keys::contains)
          || (claim != null && claims.contains(claim))) {
        later.add(item);
        continue;
      }
      keys.addAll(item.keys());
      if (claim != null) {
        claims.add(claim);
      }
      batch.add(item);
    }
    for (int i = later.size() - 1; i >= 0; i--) {
      waiting.addFirst(later.get(i));
    }
    return batch;
  }

  /** One transaction for the batch; answers every consent in it. */
  private Uni<Void> run(List<Item> batch) {
    return pool.withTransaction(connection -> outcomes(connection, batch))
        .onItemOrFailure()
        .transformToUni(
            (outcomes, failure) -> {
              if (failure == null) {
                outcomes.forEach(RecordingBatches::deliver);
                return Uni.createFrom().voidItem();
              }
              if (batch.size() == 1) {
                deliver(new Outcome(batch.get(0), null, null, failure));
                return Uni.createFrom().voidItem();
              }
              LOG.infof(
                  "a transaction of %d consents failed (%s); recording them one by one",
                  batch.size(), failure.getClass().getSimpleName());
              return Multi.createFrom()
                  .iterable(batch)
                  .onItem()
                  .transformToUniAndConcatenate(item -> run(List.of(item)).replaceWith(item))
                  .collect()
                  .asList()
                  .replaceWithVoid();
            });
  }

  private Uni<List<Outcome>> outcomes(SqlConnection connection, List<Item> batch) {
    NativeStatements sql = NativeStatements.on(connection);
    Context transaction = Vertx.currentContext();
    List<Claim> claims = batch.stream().map(Item::claim).filter(Objects::nonNull).toList();
    List<Lookup> lookups = batch.stream().map(Item::lookup).filter(Objects::nonNull).toList();
    // Every lock of the batch in one sorted list (idempotency keys sort first), as every writer
    // takes its locks, so that none waits in a cycle; the reads after them see what the
    // transactions that held them before committed.
    List<String> locks =
        Stream.concat(
                claims.stream().map(IdempotentWrites::lockKey),
                batch.stream().flatMap(item -> item.keys().stream()))
            .sorted()
            .toList();
    DirectSubjectRows subjectRows = new DirectSubjectRows(sql);
    Uni<List<SubjectEntity>> found =
        subjectRows.lockAndFind(
            locks,
            flat(lookups.stream().map(Lookup::phone)),
            flat(lookups.stream().map(Lookup::email)),
            flat(lookups.stream().map(Lookup::customerId)),
            batch.stream()
                .map(item -> item.selector().subjectRef())
                .filter(Objects::nonNull)
                .toList());
    return Uni.combine()
        .all()
        .unis(found, idempotent.answered(sql, claims))
        .asTuple()
        .chain(
            foundAndAnswered -> {
              List<SubjectEntity> subjectsFound = foundAndAnswered.getItem1();
              Map<Claim, Uni<Response>> answered = foundAndAnswered.getItem2();
              List<Uni<Outcome>> each = new ArrayList<>(batch.size());
              for (Item item : batch) {
                Uni<Response> before = item.claim() == null ? null : answered.get(item.claim());
                each.add(before != null ? replayed(item, before) : prepared(item, subjectsFound));
              }
              return Uni.join().all(each).andFailFast();
            })
        .emitOn(on(transaction))
        .call(outcomes -> write(connection, sql, outcomes));
  }

  /** The first answer to a consent's idempotency key (it was recorded before). */
  private static Uni<Outcome> replayed(Item item, Uni<Response> answer) {
    return answer
        .map(replay -> new Outcome(item, null, replay, null))
        .onFailure()
        .recoverWithItem(failure -> new Outcome(item, null, null, failure));
  }

  /**
   * The consent resolved against the subjects found and prepared, on its own request's context: the
   * changes it makes are kept with its own request.
   */
  private Uni<Outcome> prepared(Item item, List<SubjectEntity> found) {
    PrefetchedSubjectRows rows = new PrefetchedSubjectRows(found);
    Checked checked = item.checked();
    return Uni.createFrom()
        .deferred(
            () ->
                subjects
                    .resolve(
                        rows,
                        item.selector(),
                        item.lookup(),
                        checked.draft().state() == ConsentState.GIVEN,
                        item.actor())
                    .chain(
                        subject ->
                            consents.prepare(subject, rows.takeNew(), checked, item.actor())))
        .runSubscriptionOn(on(item.context()))
        .map(pending -> new Outcome(item, pending, created(pending), null))
        .onFailure()
        .recoverWithItem(failure -> new Outcome(item, null, null, failure));
  }

  /** The batch's rows and the first answers to its keys, in one round trip. */
  private Uni<Void> write(SqlConnection connection, NativeStatements sql, List<Outcome> outcomes) {
    List<Pending> pending = new ArrayList<>();
    Map<Claim, Response> answers = new LinkedHashMap<>();
    for (Outcome outcome : outcomes) {
      if (outcome.pending() != null) {
        pending.add(outcome.pending());
        if (outcome.item().claim() != null) {
          answers.put(outcome.item().claim(), outcome.answer());
        }
      }
    }
    return Uni.combine()
        .all()
        .unis(consents.write(connection, pending), idempotent.rememberAll(sql, answers))
        .discardItems();
  }

  private static Response created(Pending pending) {
    ConsentService.Recorded recorded = pending.recorded();
    return Response.created(URI.create("/v1/receipts/" + recorded.receiptId()))
        .entity(recorded)
        .build();
  }

  /** The answer, given on the consent's own request context. */
  private static void deliver(Outcome outcome) {
    UniEmitter<? super Response> answer = outcome.item().answer();
    on(outcome.item().context())
        .execute(
            () -> {
              if (outcome.failure() != null) {
                answer.fail(outcome.failure());
              } else {
                answer.complete(outcome.answer());
              }
            });
  }

  /** Runs tasks on a Vert.x context (in place when there is none). */
  private static Executor on(Context context) {
    return context == null ? Runnable::run : task -> context.runOnContext(ignored -> task.run());
  }

  private static List<String> flat(Stream<List<String>> lists) {
    return lists.flatMap(List::stream).toList();
  }
}
