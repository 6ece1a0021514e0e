package dev.riservo.encryption.keystore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import dev.riservo.encryption.signing.Jws;
import dev.riservo.encryption.signing.VaultReceiptSigner;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Receipts signed by Vault's transit engine (the {@link VaultApiDouble}), verified by nimbus. */
class VaultReceiptSignerTest {

  private static final String TOKEN = "test-root-token";
  private static final String KEY = VaultSettings.DEFAULT_SIGNING_KEY;
  private static final String PAYLOAD = "{\"x\":1}";

  private VaultApiDouble vault;
  private VaultReceiptSigner signer;

  @BeforeEach
  void start() {
    vault = new VaultApiDouble(TOKEN).start();
    // A zero version time-to-live, so that the signer sees a rotation at once.
    signer =
        new VaultReceiptSigner(
            VaultClient.connect(VaultSettings.of(vault.address(), TOKEN), Duration.ZERO));
    signer.check();
  }

  @AfterEach
  void stop() {
    vault.stop();
  }

  @Test
  void signsReceiptsThatAJoseLibraryVerifies() throws Exception {
    String receipt = Jws.sign(signer, PAYLOAD, "JWT");

    JWSObject jws = JWSObject.parse(receipt);
    assertEquals(JWSAlgorithm.ES256, jws.getHeader().getAlgorithm());
    assertEquals(KEY + "-v1", jws.getHeader().getKeyID());
    assertEquals(PAYLOAD, jws.getPayload().toString());
    assertTrue(jws.verify(new ECDSAVerifier(publicKey(jws.getHeader().getKeyID()))));
    assertTrue(vaultVerifies(receipt, 1));
  }

  @Test
  void keepsOldReceiptsVerifiableAfterARotation() throws Exception {
    String before = Jws.sign(signer, PAYLOAD, "JWT");

    assertEquals(204, vault.send("POST", "transit/keys/" + KEY + "/rotate", "{}").status());
    String after = Jws.sign(signer, PAYLOAD, "JWT");

    assertEquals(KEY + "-v2", signer.keyId());
    JWKSet jwks = JWKSet.parse(Jws.jwks(signer));
    assertEquals(
        List.of(KEY + "-v1", KEY + "-v2"), jwks.getKeys().stream().map(k -> k.getKeyID()).toList());
    JWSObject old = JWSObject.parse(before);
    JWSObject current = JWSObject.parse(after);
    assertEquals(KEY + "-v1", old.getHeader().getKeyID());
    assertEquals(KEY + "-v2", current.getHeader().getKeyID());
    assertTrue(old.verify(new ECDSAVerifier(publicKey(KEY + "-v1"))));
    assertTrue(current.verify(new ECDSAVerifier(publicKey(KEY + "-v2"))));
    assertFalse(old.verify(new ECDSAVerifier(publicKey(KEY + "-v2"))));
  }

  @Test
  void signsWithTheVersionTheHeaderNames() throws Exception {
    vault.send("POST", "transit/keys/" + KEY + "/rotate", "{}");
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String signingInput =
        b64.encodeToString(
                ("{\"alg\":\"ES256\",\"kid\":\"" + KEY + "-v1\"}").getBytes(StandardCharsets.UTF_8))
            + "."
            + b64.encodeToString(PAYLOAD.getBytes(StandardCharsets.UTF_8));

    String receipt =
        signingInput
            + "."
            + b64.encodeToString(signer.sign(signingInput.getBytes(StandardCharsets.US_ASCII)));

    assertTrue(JWSObject.parse(receipt).verify(new ECDSAVerifier(publicKey(KEY + "-v1"))));
  }

  @Test
  void checkCreatesTheSigningKeyAndForbidsItsDeletion() {
    JsonNode key = vault.send("GET", "transit/keys/" + KEY, null).body().path("data");
    assertEquals("ecdsa-p256", key.path("type").asText());
    assertFalse(key.path("deletion_allowed").asBoolean(true));

    assertEquals(400, vault.send("DELETE", "transit/keys/" + KEY, null).status());
    assertEquals(List.of(1), vault.versions(KEY));
    assertEquals("ES256", signer.algorithm());
  }

  private ECKey publicKey(String kid) throws Exception {
    ECKey key = (ECKey) JWKSet.parse(Jws.jwks(signer)).getKeyByKeyId(kid);
    assertNotNull(key, kid);
    return key;
  }

  /** Vault's own verify endpoint accepts the receipt's signature as that version's. */
  private boolean vaultVerifies(String receipt, int version) {
    int lastDot = receipt.lastIndexOf('.');
    String input =
        Base64.getEncoder()
            .encodeToString(receipt.substring(0, lastDot).getBytes(StandardCharsets.US_ASCII));
    String body =
        "{\"input\":\""
            + input
            + "\",\"signature\":\"vault:v"
            + version
            + ":"
            + receipt.substring(lastDot + 1)
            + "\",\"marshaling_algorithm\":\"jws\"}";
    return vault
        .send("POST", "transit/verify/" + KEY, body)
        .body()
        .path("data")
        .path("valid")
        .asBoolean();
  }
}
