package dev.riservo.notice.current.service;

import dev.riservo.notice.catalog.domain.Channel;
import dev.riservo.notice.catalog.repository.NoticeEntity;
import dev.riservo.notice.catalog.repository.NoticeRepository;
import dev.riservo.notice.config.NoticeConfig;
import dev.riservo.notice.current.domain.InForce;
import dev.riservo.notice.current.domain.Timeline;
import dev.riservo.notice.refusal.domain.Refusal;
import dev.riservo.notice.versions.domain.NoticeText;
import dev.riservo.notice.versions.domain.NoticeVersionId;
import dev.riservo.notice.versions.repository.NoticeVersionEntity;
import dev.riservo.notice.versions.repository.NoticeVersionRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The version in force, answered from memory. Published versions never change, so each one's text
 * is kept once read; each notice's list of versions ({@link Timeline}) is read again only for
 * questions about instants after it was read, at most once per {@code current.refresh} (a version
 * published on another replica takes effect no sooner than the propagation delay after it was
 * published, longer than that interval). A publish on this replica drops the notice's list at once.
 */
@ApplicationScoped
public class CurrentNotices {

  /** The answer: the version, the language asked for, whether it is the fallback's, until when. */
  public record Current(
      NoticeText text, String languageRequested, boolean fallback, Instant validUntil) {}

  private static final int MAX_NOTICES = 10_000;
  private static final int MAX_TEXTS = 2_000;

  private final NoticeRepository notices;
  private final NoticeVersionRepository versions;
  private final NoticeConfig config;
  private final Clock clock;
  private final Map<String, Timeline> timelines = new ConcurrentHashMap<>();
  private final Map<NoticeVersionId, NoticeText> texts = new ConcurrentHashMap<>();

  public CurrentNotices(
      NoticeRepository notices, NoticeVersionRepository versions, NoticeConfig config) {
    this.notices = notices;
    this.versions = versions;
    this.config = config;
    this.clock = Clock.systemUTC();
  }

  /** The version of the notice in force at {@code at} in {@code language} (or the fallback). */
  public Uni<Current> current(String noticeId, String language, Channel channel, Instant at) {
    return timeline(noticeId, at)
        .chain(
            timeline -> {
              if (channel != null
                  && (timeline.definition() == null
                      || timeline.definition().channel() != channel)) {
                throw Refusal.notFound("A version of the notice for that channel");
              }
              InForce.Selection selection =
                  InForce.at(timeline.versions(), language, timeline.fallbackLanguage(), at)
                      .orElseThrow(
                          () ->
                              Refusal.notFound(
                                  "A version of the notice in force at that instant in that"
                                      + " language (or its fallback language)"));
              return text(selection.version().id())
                  .map(
                      text ->
                          new Current(
                              text, language, selection.fallback(), selection.validUntil()));
            });
  }

  /** A published version with its text; a refusal if there is none. Kept once read. */
  public Uni<NoticeText> text(NoticeVersionId id) {
    NoticeText known = texts.get(id);
    if (known != null) {
      return Uni.createFrom().item(known);
    }
    return versions
        .version(id.noticeId(), id.version())
        .map(
            entity -> {
              if (entity == null) {
                throw Refusal.notFound("The notice version");
              }
              return remember(entity);
            });
  }

  /** A published version that has taken effect by now: what anyone may read. */
  public Uni<NoticeText> effective(NoticeVersionId id) {
    return text(id)
        .map(
            text -> {
              if (text.version().inForceFrom().isAfter(clock.instant())) {
                throw Refusal.notFound("The notice version");
              }
              return text;
            });
  }

  /** Forget the notice's list of versions (a version of it was just published here). */
  public void invalidate(String noticeId) {
    timelines.remove(noticeId);
  }

  public Instant now() {
    return clock.instant();
  }

  private Uni<Timeline> timeline(String noticeId, Instant at) {
    Timeline known = timelines.get(noticeId);
    if (known != null && known.answers(at, clock.instant(), config.current().refresh())) {
      return Uni.createFrom().item(known);
    }
    Instant loadedAt = clock.instant();
    return notices
        .findById(noticeId)
        .chain(
            notice -> {
              if (notice == null) {
                throw Refusal.notFound("The notice");
              }
              return versions
                  .history(noticeId)
                  .map(list -> new Timeline(definition(notice), list, loadedAt));
            })
        .invoke(
            timeline -> {
              if (timelines.size() >= MAX_NOTICES) {
                timelines.clear();
              }
              timelines.merge(
                  noticeId,
                  timeline,
                  (old, fresh) -> fresh.loadedAt().isAfter(old.loadedAt()) ? fresh : old);
            });
  }

  private static dev.riservo.notice.catalog.domain.NoticeDefinition definition(NoticeEntity n) {
    return n.defined() ? n.toDomain() : null;
  }

  private NoticeText remember(NoticeVersionEntity entity) {
    NoticeText text = entity.toText();
    if (texts.size() >= MAX_TEXTS) {
      texts.clear();
    }
    texts.put(text.version().id(), text);
    return text;
  }
}
