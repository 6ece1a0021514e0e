package dev.riservo.encryption.keystore;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * A test double of the HashiCorp Vault HTTP API: not Vault; implements only the endpoints Riservo's
 * vault backend uses, with their documented semantics (token lookup, and the transit engine mounted
 * at {@code transit/}: keys, config, rotate, delete, datakey, encrypt, decrypt, rewrap, sign,
 * verify). The cryptography is real: AES-256-GCM keys for {@code aes256-gcm96} and EC P-256 key
 * pairs for {@code ecdsa-p256}, one per key version, so what Riservo stores could be checked by a
 * real verifier.
 *
 * <p>It listens on 127.0.0.1 at a random port, accepts one token, counts requests by path (so a
 * test can prove how often Riservo calls Vault), and can simulate an outage ({@link
 * #setAvailable}), answering 503 as a sealed Vault does.
 */
public final class VaultApiDouble implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String AES = "aes256-gcm96";
  private static final String ECDSA = "ecdsa-p256";
  private static final Pattern CIPHERTEXT = Pattern.compile("vault:v(\\d+):(.*)", Pattern.DOTALL);
  private static final Pattern TRANSIT =
      Pattern.compile(
          "transit/(?:(keys)/([^/]+)(?:/(config|rotate))?"
              + "|(datakey)/(plaintext|wrapped)/([^/]+)"
              + "|(encrypt|decrypt|rewrap|sign|verify)/([^/]+))");

  private final String token;
  private final Map<String, TransitKey> keys = new TreeMap<>();
  private final ConcurrentLinkedQueue<String> requestPaths = new ConcurrentLinkedQueue<>();
  private final Object state = new Object();
  private volatile boolean available = true;
  private volatile HttpServer server;
  private ExecutorService executor;
  private volatile HttpClient client;

  /** What a call answered: the HTTP status and the JSON body (an empty object if none). */
  public record Response(int status, JsonNode body) {}

  /** A double that accepts {@code token} as its root token. */
  public VaultApiDouble(String token) {
    this.token = token;
  }

  public synchronized VaultApiDouble start() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new IllegalStateException("the Vault API double could not listen", e);
    }
    executor = Executors.newFixedThreadPool(4);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
    client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    return this;
  }

  public synchronized void stop() {
    if (server != null) {
      server.stop(0);
      executor.shutdownNow();
      server = null;
    }
  }

  @Override
  public void close() {
    stop();
  }

  /** {@code http://127.0.0.1:<port>}. */
  public URI address() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public String token() {
    return token;
  }

  /** False: every request is answered 503, as a sealed or failing Vault answers. */
  public void setAvailable(boolean available) {
    this.available = available;
  }

  /** Every request received, outages and refusals included. */
  public int requests() {
    return requestPaths.size();
  }

  /**
   * Requests whose path below {@code /v1/} starts with {@code prefix}, e.g. {@code
   * transit/decrypt/}.
   */
  public int requests(String prefix) {
    return (int) requestPaths.stream().filter(path -> path.startsWith(prefix)).count();
  }

  public void resetCounters() {
    requestPaths.clear();
  }

  /**
   * Sends a request with the double's token, as an operator would with the Vault CLI; it is counted
   * like any other. {@code path} is below {@code /v1/}; {@code body} may be null.
   */
  public Response send(String method, String path, String body) {
    return send(method, path, body, token);
  }

  /** Sends a request with {@code requestToken} (null: without a token). */
  public Response send(String method, String path, String body, String requestToken) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(address().resolve("/v1/" + path))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (requestToken != null) {
      request.header("X-Vault-Token", requestToken);
    }
    try {
      HttpResponse<String> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      JsonNode json =
          response.body().isEmpty() ? NODES.objectNode() : JSON.readTree(response.body());
      return new Response(response.statusCode(), json);
    } catch (IOException e) {
      throw new IllegalStateException("the Vault API double did not answer", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  // ---------------------------------------------------------------- HTTP

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      String rawPath = exchange.getRequestURI().getPath();
      String path = rawPath.startsWith("/v1/") ? rawPath.substring(4) : rawPath;
      requestPaths.add(path);
      Answer answer;
      if (!available) {
        answer = Answer.error(503, "Vault is sealed");
      } else if (!token.equals(exchange.getRequestHeaders().getFirst("X-Vault-Token"))) {
        answer = Answer.error(403, "permission denied");
      } else if (!rawPath.startsWith("/v1/")) {
        answer = new Answer(404, errors());
      } else {
        JsonNode request;
        try {
          request = body.length == 0 ? NODES.objectNode() : JSON.readTree(body);
        } catch (IOException e) {
          request = null;
        }
        if (request == null || !request.isObject()) {
          answer = Answer.error(400, "failed to parse JSON input");
        } else {
          synchronized (state) {
            answer = route(exchange.getRequestMethod(), path, request);
          }
        }
      }
      write(exchange, answer);
    }
  }

  private static void write(HttpExchange exchange, Answer answer) throws IOException {
    if (answer.body() == null) {
      exchange.sendResponseHeaders(answer.status(), -1);
      return;
    }
    byte[] bytes = JSON.writeValueAsBytes(answer.body());
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(answer.status(), bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private Answer route(String method, String path, JsonNode request) {
    boolean write = method.equals("POST") || method.equals("PUT");
    if (path.equals("auth/token/lookup-self")) {
      return method.equals("GET") ? lookupSelf() : unsupported();
    }
    Matcher m = TRANSIT.matcher(path);
    if (!m.matches()) {
      return new Answer(404, errors());
    }
    if (m.group(1) != null) {
      String name = m.group(2);
      if (m.group(3) == null) {
        return switch (method) {
          case "GET" -> readKey(name);
          case "POST", "PUT" -> createKey(name, request);
          case "DELETE" -> deleteKey(name);
          default -> unsupported();
        };
      }
      if (!write) {
        return unsupported();
      }
      return m.group(3).equals("config") ? configureKey(name, request) : rotateKey(name);
    }
    if (!write) {
      return unsupported();
    }
    if (m.group(4) != null) {
      return dataKey(m.group(6), m.group(5).equals("plaintext"), request);
    }
    String name = m.group(8);
    return switch (m.group(7)) {
      case "encrypt" -> encrypt(name, request);
      case "decrypt" -> decrypt(name, request);
      case "rewrap" -> rewrap(name, request);
      case "sign" -> sign(name, request);
      default -> verify(name, request);
    };
  }

  // ---------------------------------------------------------------- endpoints

  private Answer lookupSelf() {
    ObjectNode data = NODES.objectNode();
    data.put("id", token);
    data.put("display_name", "root");
    data.putArray("policies").add("root");
    data.put("ttl", 0);
    return Answer.data(data);
  }

  private Answer readKey(String name) {
    TransitKey key = keys.get(name);
    if (key == null) {
      return new Answer(404, errors());
    }
    ObjectNode data = NODES.objectNode();
    data.put("name", name);
    data.put("type", key.type);
    data.put("latest_version", key.latest());
    data.put("min_decryption_version", key.minDecryptionVersion);
    data.put("min_encryption_version", 0);
    data.put("deletion_allowed", key.deletionAllowed);
    data.put("derived", false);
    data.put("exportable", false);
    data.put("supports_encryption", key.type.equals(AES));
    data.put("supports_decryption", key.type.equals(AES));
    data.put("supports_derivation", key.type.equals(AES));
    data.put("supports_signing", key.type.equals(ECDSA));
    ObjectNode versions = data.putObject("keys");
    key.versions.forEach(
        (number, version) -> {
          if (key.type.equals(AES)) {
            versions.put(String.valueOf(number), version.created.getEpochSecond());
          } else {
            ObjectNode entry = versions.putObject(String.valueOf(number));
            entry.put("creation_time", version.created.toString());
            entry.put("name", "P-256");
            entry.put("public_key", pem(version.pair.getPublic().getEncoded()));
          }
        });
    return Answer.data(data);
  }

  private Answer createKey(String name, JsonNode request) {
    String type = request.path("type").asText(AES);
    if (!type.equals(AES) && !type.equals(ECDSA)) {
      return Answer.error(400, "unknown key type: " + type);
    }
    keys.computeIfAbsent(name, absent -> new TransitKey(type));
    return new Answer(204, null);
  }

  private Answer deleteKey(String name) {
    TransitKey key = keys.get(name);
    if (key == null) {
      return new Answer(204, null);
    }
    if (!key.deletionAllowed) {
      return Answer.error(400, "deletion is not allowed for this key");
    }
    keys.remove(name);
    return new Answer(204, null);
  }

  private Answer configureKey(String name, JsonNode request) {
    TransitKey key = keys.get(name);
    if (key == null) {
      return Answer.error(400, "no existing key named " + name + " could be found");
    }
    if (request.has("min_decryption_version")) {
      int min = request.get("min_decryption_version").asInt();
      if (min < 0 || min > key.latest()) {
        return Answer.error(400, "cannot set min decryption version above the latest version");
      }
      key.minDecryptionVersion = Math.max(1, min);
    }
    if (request.has("deletion_allowed")) {
      key.deletionAllowed = request.get("deletion_allowed").asBoolean();
    }
    return new Answer(204, null);
  }

  private Answer rotateKey(String name) {
    TransitKey key = keys.get(name);
    if (key == null) {
      return Answer.error(400, "key not found");
    }
    key.rotate();
    return new Answer(204, null);
  }

  private Answer dataKey(String name, boolean withPlaintext, JsonNode request) {
    TransitKey key = keys.get(name);
    if (key == null) {
      return Answer.error(400, "encryption key not found");
    }
    if (!key.type.equals(AES)) {
      return Answer.error(400, "key type " + key.type + " does not support encryption");
    }
    int bits = request.path("bits").asInt(256);
    if (bits != 128 && bits != 256 && bits != 512) {
      return Answer.error(400, "invalid bits value");
    }
    byte[] fresh = new byte[bits / 8];
    RANDOM.nextBytes(fresh);
    ObjectNode data = NODES.objectNode();
    data.put("ciphertext", key.encrypt(fresh));
    data.put("key_version", key.latest());
    if (withPlaintext) {
      data.put("plaintext", Base64.getEncoder().encodeToString(fresh));
    }
    return Answer.data(data);
  }

  private Answer encrypt(String name, JsonNode request) {
    byte[] plaintext;
    try {
      plaintext = Base64.getDecoder().decode(request.path("plaintext").asText());
    } catch (IllegalArgumentException e) {
      return Answer.error(400, "failed to base64-decode plaintext");
    }
    // Vault's encrypt creates a missing key ("upsert"), as the token's policy allows here.
    TransitKey key = keys.computeIfAbsent(name, absent -> new TransitKey(AES));
    if (!key.type.equals(AES)) {
      return Answer.error(400, "key type " + key.type + " does not support encryption");
    }
    ObjectNode data = NODES.objectNode();
    data.put("ciphertext", key.encrypt(plaintext));
    data.put("key_version", key.latest());
    return Answer.data(data);
  }

  private Answer decrypt(String name, JsonNode request) {
    Object plaintext = decryptOrError(name, request.path("ciphertext").asText());
    if (plaintext instanceof Answer error) {
      return error;
    }
    ObjectNode data = NODES.objectNode();
    data.put("plaintext", Base64.getEncoder().encodeToString((byte[]) plaintext));
    return Answer.data(data);
  }

  private Answer rewrap(String name, JsonNode request) {
    Object plaintext = decryptOrError(name, request.path("ciphertext").asText());
    if (plaintext instanceof Answer error) {
      return error;
    }
    TransitKey key = keys.get(name);
    ObjectNode data = NODES.objectNode();
    data.put("ciphertext", key.encrypt((byte[]) plaintext));
    data.put("key_version", key.latest());
    return Answer.data(data);
  }

  /** The plaintext, or the error answer Vault gives. */
  private Object decryptOrError(String name, String ciphertext) {
    TransitKey key = keys.get(name);
    if (key == null) {
      return Answer.error(400, "encryption key not found");
    }
    if (!key.type.equals(AES)) {
      return Answer.error(400, "key type " + key.type + " does not support decryption");
    }
    Matcher m = CIPHERTEXT.matcher(ciphertext);
    if (!m.matches()) {
      return Answer.error(400, "invalid ciphertext: no prefix");
    }
    int version = Integer.parseInt(m.group(1));
    if (version < key.minDecryptionVersion) {
      return Answer.error(400, "ciphertext or signature version is disallowed by policy (too old)");
    }
    Version keyVersion = key.versions.get(version);
    if (keyVersion == null) {
      return Answer.error(400, "invalid key version");
    }
    byte[] sealed;
    try {
      sealed = Base64.getDecoder().decode(m.group(2));
    } catch (IllegalArgumentException e) {
      return Answer.error(400, "invalid ciphertext: could not decode");
    }
    if (sealed.length < 12 + 16) {
      return Answer.error(400, "invalid ciphertext: too short");
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, keyVersion.aes, new GCMParameterSpec(128, sealed, 0, 12));
      return cipher.doFinal(sealed, 12, sealed.length - 12);
    } catch (AEADBadTagException e) {
      return Answer.error(400, "cipher: message authentication failed");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private Answer sign(String name, JsonNode request) {
    TransitKey key = keys.get(name);
    if (key == null) {
      return Answer.error(400, "signing key not found");
    }
    if (!key.type.equals(ECDSA)) {
      return Answer.error(400, "key type " + key.type + " does not support signing");
    }
    if (!request.path("hash_algorithm").asText("sha2-256").equals("sha2-256")) {
      return Answer.error(400, "unsupported hash algorithm");
    }
    String marshaling = request.path("marshaling_algorithm").asText("asn1");
    if (!marshaling.equals("asn1") && !marshaling.equals("jws")) {
      return Answer.error(400, "invalid marshaling type " + marshaling);
    }
    int version = request.path("key_version").asInt(0);
    if (version == 0) {
      version = key.latest();
    }
    if (version > key.latest()) {
      return Answer.error(
          400, "requested version for signing is higher than the latest key version");
    }
    Version keyVersion = key.versions.get(version);
    if (keyVersion == null || version < key.minDecryptionVersion) {
      return Answer.error(400, "invalid key version");
    }
    byte[] input;
    try {
      input = Base64.getDecoder().decode(request.path("input").asText());
    } catch (IllegalArgumentException e) {
      return Answer.error(400, "unable to decode input as base64");
    }
    byte[] signature;
    try {
      Signature signer = Signature.getInstance(algorithm(marshaling));
      signer.initSign(keyVersion.pair.getPrivate());
      signer.update(input);
      signature = signer.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    ObjectNode data = NODES.objectNode();
    data.put("signature", "vault:v" + version + ":" + encode(signature, marshaling));
    data.put("key_version", version);
    return Answer.data(data);
  }

  private Answer verify(String name, JsonNode request) {
    TransitKey key = keys.get(name);
    if (key == null) {
      return Answer.error(400, "signature verification key not found");
    }
    if (!key.type.equals(ECDSA)) {
      return Answer.error(400, "key type " + key.type + " does not support verification");
    }
    String marshaling = request.path("marshaling_algorithm").asText("asn1");
    Matcher m = CIPHERTEXT.matcher(request.path("signature").asText());
    if (!m.matches()) {
      return Answer.error(400, "invalid signature: no prefix");
    }
    Version keyVersion = key.versions.get(Integer.parseInt(m.group(1)));
    if (keyVersion == null) {
      return Answer.error(400, "invalid key version");
    }
    boolean valid;
    try {
      byte[] input = Base64.getDecoder().decode(request.path("input").asText());
      byte[] signature =
          marshaling.equals("jws")
              ? Base64.getUrlDecoder().decode(m.group(2))
              : Base64.getDecoder().decode(m.group(2));
      Signature verifier = Signature.getInstance(algorithm(marshaling));
      verifier.initVerify(keyVersion.pair.getPublic());
      verifier.update(input);
      valid = verifier.verify(signature);
    } catch (IllegalArgumentException | java.security.SignatureException e) {
      valid = false;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    ObjectNode data = NODES.objectNode();
    data.put("valid", valid);
    return Answer.data(data);
  }

  private Answer unsupported() {
    return Answer.error(405, "unsupported operation");
  }

  // ---------------------------------------------------------------- model

  private record Answer(int status, JsonNode body) {

    static Answer data(ObjectNode data) {
      ObjectNode body = NODES.objectNode();
      body.put("request_id", UUID.randomUUID().toString());
      body.put("lease_id", "");
      body.put("renewable", false);
      body.put("lease_duration", 0);
      body.set("data", data);
      body.putNull("wrap_info");
      body.putNull("warnings");
      body.putNull("auth");
      return new Answer(200, body);
    }

    static Answer error(int status, String message) {
      ObjectNode body = NODES.objectNode();
      body.putArray("errors").add(message);
      return new Answer(status, body);
    }
  }

  private static ObjectNode errors() {
    ObjectNode body = NODES.objectNode();
    body.putArray("errors");
    return body;
  }

  /** One version of a transit key: an AES key or an EC key pair, with its creation time. */
  private record Version(Instant created, SecretKey aes, KeyPair pair) {}

  private static final class TransitKey {
    final String type;
    final TreeMap<Integer, Version> versions = new TreeMap<>();
    int minDecryptionVersion = 1;
    boolean deletionAllowed;

    TransitKey(String type) {
      this.type = type;
      rotate();
    }

    int latest() {
      return versions.lastKey();
    }

    void rotate() {
      int next = versions.isEmpty() ? 1 : latest() + 1;
      Instant now = Instant.now();
      try {
        if (type.equals(AES)) {
          KeyGenerator generator = KeyGenerator.getInstance("AES");
          generator.init(256, RANDOM);
          versions.put(next, new Version(now, generator.generateKey(), null));
        } else {
          KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
          generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
          versions.put(next, new Version(now, null, generator.generateKeyPair()));
        }
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }

    /** {@code vault:v<latest>:base64(nonce || ciphertext || tag)}, as Vault's aes256-gcm96. */
    String encrypt(byte[] plaintext) {
      int version = latest();
      byte[] nonce = new byte[12];
      RANDOM.nextBytes(nonce);
      try {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(
            Cipher.ENCRYPT_MODE, versions.get(version).aes, new GCMParameterSpec(128, nonce));
        byte[] sealed = cipher.doFinal(plaintext);
        byte[] out = new byte[12 + sealed.length];
        System.arraycopy(nonce, 0, out, 0, 12);
        System.arraycopy(sealed, 0, out, 12, sealed.length);
        return "vault:v" + version + ":" + Base64.getEncoder().encodeToString(out);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private static String algorithm(String marshaling) {
    return marshaling.equals("jws") ? "SHA256withECDSAinP1363Format" : "SHA256withECDSA";
  }

  private static String encode(byte[] signature, String marshaling) {
    return marshaling.equals("jws")
        ? Base64.getUrlEncoder().withoutPadding().encodeToString(signature)
        : Base64.getEncoder().encodeToString(signature);
  }

  private static String pem(byte[] subjectPublicKeyInfo) {
    return "-----BEGIN PUBLIC KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(subjectPublicKeyInfo)
        + "\n-----END PUBLIC KEY-----\n";
  }

  /** The versions of a key, for assertions: empty if the key does not exist. */
  public List<Integer> versions(String name) {
    synchronized (state) {
      TransitKey key = keys.get(name);
      return key == null ? List.of() : List.copyOf(key.versions.keySet());
    }
  }
}
