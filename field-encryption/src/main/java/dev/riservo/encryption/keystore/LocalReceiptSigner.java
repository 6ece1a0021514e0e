package dev.riservo.encryption.keystore;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.riservo.encryption.signing.Es256;
import dev.riservo.encryption.signing.Jws;
import dev.riservo.encryption.signing.ReceiptSigner;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The local key store's receipt signer: an ECDSA P-256 key pair (ES256) whose private key is kept
 * wrapped in the key database, created on first use and shared by every replica.
 */
public final class LocalReceiptSigner implements ReceiptSigner {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final KeyDatabase database;
  private final KeyWrapper wrapper;
  private volatile Active active;

  private record Active(String kid, Es256 signer) {}

  public LocalReceiptSigner(KeyDatabase database, KeyWrapper wrapper) {
    this.database = database;
    this.wrapper = wrapper;
  }

  @Override
  public String algorithm() {
    return "ES256";
  }

  @Override
  public String keyId() {
    return active().kid();
  }

  @Override
  public boolean inProcess() {
    return true;
  }

  @Override
  public byte[] sign(byte[] signingInput) {
    return active().signer().sign(signingInput);
  }

  @Override
  public List<Map<String, Object>> publicJwks() {
    active();
    List<Map<String, Object>> jwks = new ArrayList<>();
    for (String json : database.signingPublicJwks()) {
      try {
        jwks.add(JSON.readValue(json, new TypeReference<Map<String, Object>>() {}));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("a stored public JWK is not JSON", e);
      }
    }
    return jwks;
  }

  /** Creates the key pair if the key database has none yet. */
  void ensureKey() {
    active();
  }

  private Active active() {
    Active current = active;
    if (current != null) {
      return current;
    }
    synchronized (this) {
      if (active == null) {
        if (database.activeSigningKey().isEmpty()) {
          create();
        }
        String kid = database.activeSigningKey().orElseThrow()[0];
        byte[] pkcs8 =
            wrapper.unwrap(
                database.signingPrivateKey(kid), EnvelopeKeyStore.signingKeyContext(kid));
        try {
          PrivateKey key =
              KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
          active = new Active(kid, new Es256((ECPrivateKey) key));
        } catch (GeneralSecurityException e) {
          throw new IllegalStateException("the stored signing key cannot be read", e);
        }
      }
      return active;
    }
  }

  private void create() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair pair = generator.generateKeyPair();
      String kid = "local-" + UUID.randomUUID();
      String publicJwk = JSON.writeValueAsString(Jws.ecJwk((ECPublicKey) pair.getPublic(), kid));
      byte[] wrapped =
          wrapper.wrap(pair.getPrivate().getEncoded(), EnvelopeKeyStore.signingKeyContext(kid));
      database.insertSigningKey(kid, publicJwk, wrapped);
    } catch (GeneralSecurityException | JsonProcessingException e) {
      throw new IllegalStateException("a signing key could not be created", e);
    }
  }
}
