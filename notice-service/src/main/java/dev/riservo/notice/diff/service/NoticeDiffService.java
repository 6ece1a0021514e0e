package dev.riservo.notice.diff.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.flipkart.zjsonpatch.JsonDiff;
import com.github.difflib.DiffUtils;
import com.github.difflib.UnifiedDiffUtils;
import dev.riservo.notice.current.service.CurrentNotices;
import dev.riservo.notice.diff.domain.Materiality;
import dev.riservo.notice.versions.domain.NoticeText;
import dev.riservo.notice.versions.domain.NoticeVersionId;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * What changed from one published version to another: an RFC 6902 patch between their canonical
 * documents (the body left out of it), a unified diff of the bodies, and the materiality hint.
 * Versions are read through {@link CurrentNotices}' memory (they never change).
 */
@ApplicationScoped
public class NoticeDiffService {

  /** The differences from {@code from} to {@code to}. */
  public record NoticeDiff(
      NoticeVersionId from,
      NoticeVersionId to,
      JsonNode patch,
      List<String> bodyDiff,
      Materiality.Hint materiality) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final CurrentNotices notices;

  public NoticeDiffService(CurrentNotices notices) {
    this.notices = notices;
  }

  public Uni<NoticeDiff> diff(NoticeVersionId from, NoticeVersionId to) {
    return notices.text(from).chain(older -> notices.text(to).map(newer -> diff(older, newer)));
  }

  static NoticeDiff diff(NoticeText older, NoticeText newer) {
    JsonNode patch = JsonDiff.asJson(withoutBody(older), withoutBody(newer));
    List<String> paths = new ArrayList<>();
    patch.forEach(
        op -> {
          paths.add(op.path("path").asText());
          if (op.has("from")) {
            paths.add(op.path("from").asText());
          }
        });
    List<String> a = older.content().lines().toList();
    List<String> b = newer.content().lines().toList();
    List<String> unified =
        UnifiedDiffUtils.generateUnifiedDiff(
            older.version().id().toString(),
            newer.version().id().toString(),
            a,
            DiffUtils.diff(a, b),
            3);
    return new NoticeDiff(
        older.version().id(), newer.version().id(), patch, unified, Materiality.of(paths));
  }

  /** The canonical document without its body; a plain-text version's few known fields. */
  private static JsonNode withoutBody(NoticeText text) {
    ObjectNode document;
    if (text.document() != null) {
      try {
        document = (ObjectNode) JSON.readTree(text.document());
      } catch (java.io.IOException e) {
        throw new IllegalStateException("a stored notice document could not be read", e);
      }
    } else {
      document = JSON.createObjectNode();
      document.put("noticeId", text.version().noticeId());
      document.put("language", text.version().language());
      document.put("title", text.version().title());
    }
    document.remove("body");
    return document;
  }
}
