package dev.riservo.encryption.keystore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.riservo.encryption.KeyStoreConfigurationException;
import dev.riservo.encryption.KeyStoreUnavailableException;
import io.github.jopenlibs.vault.Vault;
import io.github.jopenlibs.vault.VaultConfig;
import io.github.jopenlibs.vault.VaultException;
import io.github.jopenlibs.vault.response.LogicalResponse;
import io.github.jopenlibs.vault.rest.RestResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The vault key store's one connection to Vault, shared by {@link VaultTransitWrapper} and the
 * Vault receipt signer: it owns the driver, knows the transit mount, turns Vault's answers into
 * {@link Reply replies} and its failures into this module's exceptions, and caches each transit
 * key's latest version.
 *
 * <p>Every call blocks on the network (up to {@link VaultSettings#timeout()}): callers keep it off
 * the event loop.
 *
 * <p>The driver is used through {@code logical()} only, with KV engine version 1 so that it sends
 * every path as given (for version 2 it would insert {@code data/} into transit paths). The driver
 * answers 4xx as a response and throws for other failures; both are handled here, in case a later
 * driver version throws for 4xx too.
 */
public final class VaultClient {

  /** How long a transit key's latest version is trusted before it is read again. */
  public static final Duration DEFAULT_VERSION_TTL = Duration.ofSeconds(5);

  /**
   * What Vault answered.
   *
   * @param status the HTTP status
   * @param data the response's {@code data} object; empty when there is none
   * @param errors Vault's error strings; they never echo key material or plaintext
   */
  public record Reply(int status, JsonNode data, List<String> errors) {

    public boolean ok() {
      return status == 200 || status == 204;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern VERSIONED = Pattern.compile("vault:v(\\d{1,9}):.+", Pattern.DOTALL);

  private final VaultSettings settings;
  private final Vault vault;
  private final long versionTtlNanos;
  private final Map<String, CachedVersion> latestVersions = new ConcurrentHashMap<>();

  private record CachedVersion(int version, long readAtNanos) {}

  private VaultClient(VaultSettings settings, Vault vault, Duration versionTtl) {
    this.settings = settings;
    this.vault = vault;
    this.versionTtlNanos = versionTtl.toNanos();
  }

  /** A client for {@code settings}; does not call Vault yet. */
  public static VaultClient connect(VaultSettings settings) {
    return connect(settings, DEFAULT_VERSION_TTL);
  }

  /**
   * A client that re-reads a transit key's latest version at most once per {@code versionTtl}
   * (zero: on every use, which tests rely on to see a rotation at once).
   */
  public static VaultClient connect(VaultSettings settings, Duration versionTtl) {
    // The driver builds a new HttpClient (and its threads) per request unless given one.
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(settings.timeout())
            .build();
    int seconds = (int) Math.max(1, (settings.timeout().toMillis() + 999) / 1000);
    try {
      VaultConfig config =
          new VaultConfig()
              .address(withoutTrailingSlash(settings.address().toString()))
              .token(settings.token())
              .engineVersion(1)
              .openTimeout(seconds)
              .readTimeout(seconds)
              .httpClient(http)
              .build();
      return new VaultClient(settings, Vault.create(config), versionTtl);
    } catch (VaultException e) {
      throw new KeyStoreConfigurationException(
          "the Vault client could not be configured: check riservo.encryption.vault.address"
              + " (RISERVO_VAULT_ADDR)",
          e);
    }
  }

  public VaultSettings settings() {
    return settings;
  }

  /** The path of a transit endpoint, e.g. {@code transit("encrypt", key)}. */
  public String transit(String... segments) {
    return settings.transitMount() + "/" + String.join("/", segments);
  }

  /** A GET of {@code path} (below {@code /v1/}). */
  public Reply get(String path) {
    return call(() -> vault.logical().read(path));
  }

  /** A POST of {@code body} as JSON to {@code path} (below {@code /v1/}). */
  public Reply post(String path, Map<String, Object> body) {
    return call(() -> vault.logical().write(path, body));
  }

  /**
   * The data of a reply that succeeded. A refused token becomes {@link
   * KeyStoreUnavailableException} (it may have expired and be renewed); any other refusal means the
   * request or the transit key is not what this code expects, an {@link IllegalStateException}.
   */
  public JsonNode require(Reply reply, String operation) {
    if (reply.ok()) {
      return reply.data();
    }
    if (reply.status() == 403) {
      throw new KeyStoreUnavailableException(
          "Vault refused the token for " + operation + " (HTTP 403); it may have expired", null);
    }
    throw new IllegalStateException(
        "Vault refused " + operation + ": HTTP " + reply.status() + " " + reply.errors());
  }

  /**
   * The latest version of a transit key, read again once it is older than the client's version
   * time-to-live.
   */
  public int latestVersion(String key) {
    CachedVersion cached = latestVersions.get(key);
    if (cached != null && System.nanoTime() - cached.readAtNanos() < versionTtlNanos) {
      return cached.version();
    }
    return readKey(key).path("latest_version").asInt();
  }

  /** The transit key's description ({@code GET {mount}/keys/{key}}); refreshes its version. */
  public JsonNode readKey(String key) {
    JsonNode data = require(get(transit("keys", key)), "reading transit key " + key);
    int latest = data.path("latest_version").asInt(0);
    if (latest < 1) {
      throw new IllegalStateException("Vault described transit key " + key + " without a version");
    }
    latestVersions.put(key, new CachedVersion(latest, System.nanoTime()));
    return data;
  }

  /**
   * Records that Vault just used {@code version} of {@code key} for new output, which is then its
   * latest version; a cached older version is replaced without asking Vault.
   */
  public void sawVersion(String key, int version) {
    latestVersions.compute(
        key,
        (name, cached) ->
            cached == null || cached.version() < version
                ? new CachedVersion(version, System.nanoTime())
                : cached);
  }

  /**
   * The key version of a transit output ({@code vault:v<N>:...}), or -1 when {@code value} is not
   * in that form.
   */
  public static int versionOf(String value) {
    Matcher matcher = VERSIONED.matcher(value);
    return matcher.matches() ? Integer.parseInt(matcher.group(1)) : -1;
  }

  /**
   * At start-up: proves that Vault answers and accepts the token ({@code GET
   * auth/token/lookup-self}), failing with a message that names the setting to fix.
   */
  public void checkToken() {
    Reply reply = atStartup(() -> get("auth/token/lookup-self"));
    if (reply.status() == 403) {
      throw new KeyStoreConfigurationException(
          "Vault refused the token: set riservo.encryption.vault.token (RISERVO_VAULT_TOKEN) to a"
              + " token with the riservo transit policy");
    }
    if (!reply.ok()) {
      throw new KeyStoreConfigurationException(
          "Vault at "
              + displayAddress()
              + " answered HTTP "
              + reply.status()
              + " to a token lookup: check riservo.encryption.vault.address (RISERVO_VAULT_ADDR)"
              + " and riservo.encryption.vault.token (RISERVO_VAULT_TOKEN)");
    }
  }

  /**
   * At start-up: makes sure transit key {@code key} exists with {@code type}, creating it if
   * missing, and forbids its deletion, so that no one removes by accident a key without which
   * everything it protects is lost. {@code setting} names the setting that chose the key.
   */
  public void ensureKey(String key, String type, String setting) {
    String path = transit("keys", key);
    Reply existing = atStartup(() -> get(path));
    if (existing.status() == 404) {
      requireAtStartup(atStartup(() -> post(path, Map.of("type", type))), "create " + path);
    } else {
      requireAtStartup(existing, "read " + path);
      String actual = existing.data().path("type").asText();
      if (!type.equals(actual)) {
        throw new KeyStoreConfigurationException(
            "transit key "
                + key
                + " is of type "
                + actual
                + ", not "
                + type
                + ": set "
                + setting
                + " to a "
                + type
                + " key, or to a new name for Riservo to create");
      }
    }
    requireAtStartup(
        atStartup(() -> post(path + "/config", Map.of("deletion_allowed", false))),
        "configure " + path);
  }

  /** The address without user information, for messages. */
  public String displayAddress() {
    URI address = settings.address();
    return address.getScheme()
        + "://"
        + address.getHost()
        + (address.getPort() < 0 ? "" : ":" + address.getPort());
  }

  private void requireAtStartup(Reply reply, String operation) {
    if (reply.ok()) {
      return;
    }
    if (reply.status() == 403) {
      throw new KeyStoreConfigurationException(
          "Vault refused to "
              + operation
              + ": set riservo.encryption.vault.token (RISERVO_VAULT_TOKEN) to a token with the"
              + " riservo transit policy");
    }
    throw new KeyStoreConfigurationException(
        "Vault could not "
            + operation
            + " (HTTP "
            + reply.status()
            + " "
            + reply.errors()
            + "): is the transit engine mounted at "
            + settings.transitMount()
            + "? Set riservo.encryption.vault.transit-mount to its path");
  }

  private Reply atStartup(Call call) {
    try {
      return call.run();
    } catch (KeyStoreUnavailableException e) {
      throw new KeyStoreConfigurationException(
          "Vault at "
              + displayAddress()
              + " is not reachable: set riservo.encryption.vault.address (RISERVO_VAULT_ADDR) to"
              + " the address of a running, unsealed Vault",
          e);
    }
  }

  @FunctionalInterface
  private interface Call {
    Reply run();
  }

  @FunctionalInterface
  private interface DriverCall {
    LogicalResponse run() throws VaultException;
  }

  private static Reply call(DriverCall call) {
    try {
      return reply(call.run().getRestResponse());
    } catch (VaultException e) {
      int status = e.getHttpStatusCode();
      if (status >= 400 && status < 500) {
        return new Reply(status, emptyObject(), List.of());
      }
      restoreInterrupt(e);
      if (status == 0) {
        // A connection or timeout failure; the cause names only the exception and the address.
        throw new KeyStoreUnavailableException("Vault is not reachable", e);
      }
      // The driver's message carries the response body; it stays out of ours.
      throw new KeyStoreUnavailableException(
          "Vault is not reachable: it answered HTTP " + status, null);
    }
  }

  private static Reply reply(RestResponse response) {
    byte[] body = response.getBody();
    JsonNode root = null;
    if (body != null && body.length > 0) {
      try {
        root = JSON.readTree(body);
      } catch (IOException e) {
        root = null;
      }
    }
    if (root == null || !root.isObject()) {
      return new Reply(response.getStatus(), emptyObject(), List.of());
    }
    JsonNode data = root.path("data").isObject() ? root.get("data") : emptyObject();
    List<String> errors = new ArrayList<>();
    root.path("errors").forEach(error -> errors.add(error.asText()));
    return new Reply(response.getStatus(), data, List.copyOf(errors));
  }

  private static JsonNode emptyObject() {
    return JsonNodeFactory.instance.objectNode();
  }

  private static void restoreInterrupt(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof InterruptedException) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private static String withoutTrailingSlash(String address) {
    return address.endsWith("/") ? address.substring(0, address.length() - 1) : address;
  }
}
