package dev.riservo.encryption.keystore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.riservo.encryption.KeyStoreConfigurationException;
import dev.riservo.encryption.KeyStoreUnavailableException;
import dev.riservo.encryption.TamperedValueException;
import dev.riservo.encryption.crypto.AesGcm;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The transit wrapper against the {@link VaultApiDouble}, through the real Vault driver. */
class VaultTransitWrapperTest {

  private static final String TOKEN = "test-root-token";
  private static final String KEY = VaultSettings.DEFAULT_WRAPPING_KEY;
  private static final String CONTEXT = "data-key:1";

  private VaultApiDouble vault;
  private VaultTransitWrapper wrapper;

  @BeforeEach
  void start() {
    vault = new VaultApiDouble(TOKEN).start();
    // A zero version time-to-live, so that the wrapper sees a rotation at once.
    wrapper = wrapper(VaultSettings.of(vault.address(), TOKEN), Duration.ZERO);
    wrapper.check();
  }

  @AfterEach
  void stop() {
    vault.stop();
  }

  @Test
  void wrapsAndUnwrapsAKey() {
    byte[] key = AesGcm.randomBytes(32);

    byte[] wrapped = wrapper.wrap(key, CONTEXT);

    assertTrue(text(wrapped).startsWith("vault:v1:"));
    assertFalse(text(wrapped).contains(Base64.getEncoder().encodeToString(key)));
    assertArrayEquals(key, wrapper.unwrap(wrapped, CONTEXT));
    assertTrue(wrapper.isCurrent(wrapped));
  }

  @Test
  void generatesAKeyWithItsWrappedForm() {
    KeyWrapper.Generated generated = wrapper.generate(CONTEXT);

    assertEquals(32, generated.plaintext().length);
    assertTrue(text(generated.wrapped()).startsWith("vault:v1:"));
    assertArrayEquals(generated.plaintext(), wrapper.unwrap(generated.wrapped(), CONTEXT));
    assertEquals(1, vault.requests("transit/datakey/plaintext/" + KEY));
  }

  @Test
  void reportsATamperedCiphertext() {
    String wrapped = text(wrapper.wrap(AesGcm.randomBytes(32), CONTEXT));
    int at = "vault:v1:".length() + 20;
    char changed = wrapped.charAt(at) == 'A' ? 'B' : 'A';
    byte[] tampered =
        (wrapped.substring(0, at) + changed + wrapped.substring(at + 1))
            .getBytes(StandardCharsets.UTF_8);

    assertThrows(TamperedValueException.class, () -> wrapper.unwrap(tampered, CONTEXT));
    assertThrows(TamperedValueException.class, () -> wrapper.rewrap(tampered, CONTEXT));
    assertThrows(
        TamperedValueException.class,
        () -> wrapper.unwrap("not a ciphertext".getBytes(StandardCharsets.UTF_8), CONTEXT));
    assertThrows(
        TamperedValueException.class,
        () -> wrapper.unwrap("vault:v9:AAAA".getBytes(StandardCharsets.UTF_8), CONTEXT));
  }

  @Test
  void keepsOldKeysReadableAfterARotationUntilRewrapped() {
    byte[] key = AesGcm.randomBytes(32);
    byte[] old = wrapper.wrap(key, CONTEXT);

    assertEquals(204, vault.send("POST", "transit/keys/" + KEY + "/rotate", "{}").status());

    assertFalse(wrapper.isCurrent(old));
    assertArrayEquals(key, wrapper.unwrap(old, CONTEXT));
    byte[] rewrapped = wrapper.rewrap(old, CONTEXT);
    assertTrue(text(rewrapped).startsWith("vault:v2:"));
    assertTrue(wrapper.isCurrent(rewrapped));
    assertArrayEquals(key, wrapper.unwrap(rewrapped, CONTEXT));
    assertTrue(wrapper.isCurrent(wrapper.wrap(key, CONTEXT)));
  }

  @Test
  void readsTheLatestVersionOncePerTimeToLive() {
    VaultTransitWrapper cached =
        wrapper(VaultSettings.of(vault.address(), TOKEN), Duration.ofHours(1));
    byte[] wrapped = wrapper.wrap(AesGcm.randomBytes(32), CONTEXT);
    vault.resetCounters();

    for (int i = 0; i < 100; i++) {
      assertTrue(cached.isCurrent(wrapped));
    }

    assertEquals(1, vault.requests());
    assertEquals(1, vault.requests("transit/keys/" + KEY));
  }

  @Test
  void checkCreatesTheWrappingKeyAndForbidsItsDeletion() {
    JsonNode key = vault.send("GET", "transit/keys/" + KEY, null).body().path("data");
    assertEquals("aes256-gcm96", key.path("type").asText());
    assertFalse(key.path("deletion_allowed").asBoolean(true));
    assertEquals(1, vault.requests("transit/keys/" + KEY + "/config"));

    VaultApiDouble.Response delete = vault.send("DELETE", "transit/keys/" + KEY, null);

    assertEquals(400, delete.status());
    assertEquals(
        "deletion is not allowed for this key", delete.body().path("errors").get(0).asText());
    assertEquals(List.of(1), vault.versions(KEY));
    wrapper.check();
    assertEquals(List.of(1), vault.versions(KEY));
  }

  @Test
  void checkNamesTheTokenSettingWhenVaultRefusesTheToken() {
    VaultTransitWrapper refused =
        wrapper(VaultSettings.of(vault.address(), "not-the-token"), Duration.ZERO);

    KeyStoreConfigurationException e =
        assertThrows(KeyStoreConfigurationException.class, refused::check);

    assertTrue(e.getMessage().contains("riservo.encryption.vault.token"), e.getMessage());
    assertTrue(e.getMessage().contains("RISERVO_VAULT_TOKEN"), e.getMessage());
    assertFalse(e.getMessage().contains("not-the-token"), e.getMessage());
  }

  @Test
  void checkNamesTheAddressSettingWhenVaultIsNotReachable() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    VaultTransitWrapper unreachable =
        wrapper(
            VaultSettings.of(URI.create("http://127.0.0.1:" + closedPort), TOKEN), Duration.ZERO);

    KeyStoreConfigurationException e =
        assertThrows(KeyStoreConfigurationException.class, unreachable::check);

    assertTrue(e.getMessage().contains("riservo.encryption.vault.address"), e.getMessage());
    assertTrue(e.getMessage().contains("127.0.0.1:" + closedPort), e.getMessage());
  }

  @Test
  void checkRefusesAWrappingKeyOfAnotherType() {
    vault.send("POST", "transit/keys/signing-only", "{\"type\":\"ecdsa-p256\"}");
    VaultTransitWrapper misnamed =
        wrapper(
            VaultSettings.of(vault.address(), TOKEN, null, "signing-only", null, null),
            Duration.ZERO);

    KeyStoreConfigurationException e =
        assertThrows(KeyStoreConfigurationException.class, misnamed::check);

    assertTrue(e.getMessage().contains("riservo.encryption.vault.wrapping-key"), e.getMessage());
  }

  @Test
  void reportsAnOutageAsUnavailableWithoutKeyMaterial() {
    byte[] key = AesGcm.randomBytes(32);
    byte[] wrapped = wrapper.wrap(key, CONTEXT);
    vault.setAvailable(false);

    KeyStoreUnavailableException down =
        assertThrows(KeyStoreUnavailableException.class, () -> wrapper.wrap(key, CONTEXT));
    assertThrows(KeyStoreUnavailableException.class, () -> wrapper.unwrap(wrapped, CONTEXT));
    assertTrue(down.getMessage().startsWith("Vault is not reachable"), down.getMessage());
    assertFalse(down.getMessage().contains(Base64.getEncoder().encodeToString(key)));

    vault.setAvailable(true);
    assertArrayEquals(key, wrapper.unwrap(wrapped, CONTEXT));

    vault.stop();
    KeyStoreUnavailableException gone =
        assertThrows(KeyStoreUnavailableException.class, () -> wrapper.unwrap(wrapped, CONTEXT));
    assertEquals("Vault is not reachable", gone.getMessage());
  }

  @Test
  void settingsNameWhatIsMissingAndHideTheToken() {
    KeyStoreConfigurationException noAddress =
        assertThrows(KeyStoreConfigurationException.class, () -> VaultSettings.of(null, TOKEN));
    assertTrue(noAddress.getMessage().contains("riservo.encryption.vault.address"));
    assertTrue(noAddress.getMessage().contains("RISERVO_VAULT_ADDR"));

    KeyStoreConfigurationException noToken =
        assertThrows(
            KeyStoreConfigurationException.class,
            () -> VaultSettings.of(URI.create("http://127.0.0.1:8200"), " "));
    assertTrue(noToken.getMessage().contains("riservo.encryption.vault.token"));
    assertTrue(noToken.getMessage().contains("RISERVO_VAULT_TOKEN"));

    VaultSettings settings = VaultSettings.of(URI.create("http://127.0.0.1:8200"), TOKEN);
    assertEquals("transit", settings.transitMount());
    assertEquals("riservo-data", settings.wrappingKey());
    assertEquals("riservo-receipts", settings.signingKey());
    assertEquals(Duration.ofSeconds(5), settings.timeout());
    assertFalse(settings.toString().contains(TOKEN));
  }

  private static VaultTransitWrapper wrapper(VaultSettings settings, Duration versionTtl) {
    return new VaultTransitWrapper(VaultClient.connect(settings, versionTtl));
  }

  private static String text(byte[] wrapped) {
    return new String(wrapped, StandardCharsets.UTF_8);
  }
}
