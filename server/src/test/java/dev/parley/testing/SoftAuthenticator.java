package dev.parley.testing;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A WebAuthn authenticator in plain Java, for tests that talk to the passkey endpoints as a browser
 * would: it makes a real EC P-256 key pair, answers {@code navigator.credentials.create} with an
 * attestation object ({@code fmt: none}, the COSE key in CBOR written by hand) and {@code get} with
 * an ECDSA signature over authenticator data and the client data's hash. Nothing is stubbed: the
 * server verifies what this makes with the same checks it applies to a browser's. Knobs let a test
 * lie: another origin, a counter that goes back, another key signing.
 */
public final class SoftAuthenticator {
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private final KeyPair keys;
  private final byte[] credentialId = new byte[16];
  private long counter;

  /** What {@link #create} or {@link #get} put in the client data's origin; null: the server's. */
  public String origin;

  /** The user handle (user id bytes) the last registration was for. */
  private byte[] userHandle;

  public SoftAuthenticator() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      keys = g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    new SecureRandom().nextBytes(credentialId);
  }

  public String credentialId() {
    return B64.encodeToString(credentialId);
  }

  public void counter(long value) {
    counter = value;
  }

  /**
   * The browser's {@code PublicKeyCredential} (as JSON) answering creation {@code options}, made
   * for a page at {@code pageOrigin}.
   */
  public ObjectNode create(JsonNode options, String pageOrigin) {
    String rpId = options.path("rp").path("id").asString();
    userHandle = Base64.getUrlDecoder().decode(options.path("user").path("id").asString());
    byte[] clientData =
        clientData("webauthn.create", options.path("challenge").asString(), pageOrigin);
    ByteArrayOutputStream auth = new ByteArrayOutputStream();
    auth.writeBytes(sha256(rpId.getBytes(StandardCharsets.UTF_8)));
    auth.write(0x45); // UP, UV, AT
    auth.writeBytes(ByteBuffer.allocate(4).putInt((int) counter).array());
    auth.writeBytes(new byte[16]); // AAGUID: none
    auth.writeBytes(new byte[] {0, (byte) credentialId.length});
    auth.writeBytes(credentialId);
    auth.writeBytes(coseKey());
    ByteArrayOutputStream att = new ByteArrayOutputStream();
    att.write(0xa3); // map of 3
    text(att, "fmt");
    text(att, "none");
    text(att, "attStmt");
    att.write(0xa0); // {}
    text(att, "authData");
    bytes(att, auth.toByteArray());
    ObjectNode credential =
        Json.obj("id", credentialId(), "rawId", credentialId(), "type", "public-key");
    ObjectNode response = credential.putObject("response");
    response.put("clientDataJSON", B64.encodeToString(clientData));
    response.put("attestationObject", B64.encodeToString(att.toByteArray()));
    response.putArray("transports").add("internal");
    return credential;
  }

  /** The browser's answer to request {@code options}, signed with this authenticator's key. */
  public ObjectNode get(JsonNode options, String pageOrigin) {
    return get(options, pageOrigin, keys);
  }

  /** As {@link #get}, but signed with {@code signer}'s private key (a forgery). */
  public ObjectNode get(JsonNode options, String pageOrigin, KeyPair signer) {
    counter++;
    byte[] clientData =
        clientData("webauthn.get", options.path("challenge").asString(), pageOrigin);
    ByteArrayOutputStream auth = new ByteArrayOutputStream();
    auth.writeBytes(sha256(options.path("rpId").asString().getBytes(StandardCharsets.UTF_8)));
    auth.write(0x05); // UP, UV
    auth.writeBytes(ByteBuffer.allocate(4).putInt((int) counter).array());
    byte[] authData = auth.toByteArray();
    byte[] signature;
    try {
      Signature s = Signature.getInstance("SHA256withECDSA");
      s.initSign(signer.getPrivate());
      s.update(authData);
      s.update(sha256(clientData));
      signature = s.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
    ObjectNode credential =
        Json.obj("id", credentialId(), "rawId", credentialId(), "type", "public-key");
    ObjectNode response = credential.putObject("response");
    response.put("clientDataJSON", B64.encodeToString(clientData));
    response.put("authenticatorData", B64.encodeToString(authData));
    response.put("signature", B64.encodeToString(signature));
    if (userHandle != null) response.put("userHandle", B64.encodeToString(userHandle));
    return credential;
  }

  /** Another key pair, for forgeries. */
  public static KeyPair otherKeys() {
    return new SoftAuthenticator().keys;
  }

  private byte[] clientData(String type, String challenge, String pageOrigin) {
    String json =
        "{\"type\":\""
            + type
            + "\",\"challenge\":\""
            + challenge
            + "\",\"origin\":\""
            + (origin != null ? origin : pageOrigin)
            + "\",\"crossOrigin\":false}";
    return json.getBytes(StandardCharsets.UTF_8);
  }

  /** {1: 2 (EC2), 3: -7 (ES256), -1: 1 (P-256), -2: x, -3: y} in CBOR. */
  private byte[] coseKey() {
    ECPublicKey pub = (ECPublicKey) keys.getPublic();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0xa5);
    out.write(0x01);
    out.write(0x02);
    out.write(0x03);
    out.write(0x26); // -7
    out.write(0x20); // -1
    out.write(0x01);
    out.write(0x21); // -2
    bytes(out, fixed(pub.getW().getAffineX()));
    out.write(0x22); // -3
    bytes(out, fixed(pub.getW().getAffineY()));
    return out.toByteArray();
  }

  private static byte[] fixed(BigInteger n) {
    byte[] raw = n.toByteArray();
    byte[] out = new byte[32];
    int len = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - len, out, 32 - len, len);
    return out;
  }

  private static void text(ByteArrayOutputStream out, String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.write(0x60 | b.length); // short strings only
    out.writeBytes(b);
  }

  private static void bytes(ByteArrayOutputStream out, byte[] b) {
    if (b.length < 24) {
      out.write(0x40 | b.length);
    } else if (b.length < 256) {
      out.write(0x58);
      out.write(b.length);
    } else {
      out.write(0x59);
      out.write(b.length >> 8);
      out.write(b.length & 0xff);
    }
    out.writeBytes(b);
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
