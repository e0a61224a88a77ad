package dev.parley.web.passkeys;

import dev.parley.domain.Passkey;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The JSON of the passkey endpoints: the options a browser passes to {@code
 * navigator.credentials.create/get} (the shapes of WebAuthn's {@code
 * PublicKeyCredentialCreationOptionsJSON} and {@code PublicKeyCredentialRequestOptionsJSON}, binary
 * fields as base64url), the passkeys a user lists, and the reading of what the browser answered.
 */
public final class PasskeyJson {
  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final Base64.Decoder B64 = Base64.getUrlDecoder();

  /** How long the browser may take, in ms: the challenge's lifetime. */
  static final long TIMEOUT = Challenges.TTL_MILLIS;

  private PasskeyJson() {}

  /**
   * Options for {@code navigator.credentials.create}: a discoverable credential, no attestation.
   */
  public static byte[] creationOptions(
      RelyingParty rp, Challenges.Issued c, String userId, String nick, List<Passkey> existing) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("challenge", Challenges.encode(c.bytes()));
    o.putObject("rp").put("id", rp.rpId()).put("name", "Parley");
    o.putObject("user")
        .put("id", encode(userId.getBytes(StandardCharsets.UTF_8)))
        .put("name", nick)
        .put("displayName", nick);
    ArrayNode params = o.putArray("pubKeyCredParams");
    for (long alg : Ceremonies.ALGORITHMS)
      params.addObject().put("type", "public-key").put("alg", alg);
    o.put("timeout", TIMEOUT);
    ArrayNode exclude = o.putArray("excludeCredentials");
    for (Passkey p : existing) exclude.addObject().put("type", "public-key").put("id", p.id());
    o.putObject("authenticatorSelection")
        .put("residentKey", "required")
        .put("requireResidentKey", true)
        .put("userVerification", "preferred");
    o.put("attestation", "none");
    return MAPPER.writeValueAsBytes(o);
  }

  /**
   * Options for {@code navigator.credentials.get}: with {@code allowed} empty, any passkey the
   * authenticator holds for this site (discoverable, "usernameless").
   */
  public static byte[] requestOptions(RelyingParty rp, Challenges.Issued c, List<Passkey> allowed) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("challenge", Challenges.encode(c.bytes()));
    o.put("rpId", rp.rpId());
    o.put("timeout", TIMEOUT);
    o.put("userVerification", "preferred");
    ArrayNode allow = o.putArray("allowCredentials");
    for (Passkey p : allowed) {
      ObjectNode d = allow.addObject().put("type", "public-key").put("id", p.id());
      if (p.transports() != null) {
        ArrayNode t = d.putArray("transports");
        for (String s : p.transports().split(",")) t.add(s);
      }
    }
    return MAPPER.writeValueAsBytes(o);
  }

  /** A passkey as its owner sees it: never its key. */
  public static ObjectNode view(Passkey p) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("id", p.id()).put("name", p.name()).put("created", p.created());
    if (p.lastUsed() > 0) o.put("lastUsed", p.lastUsed());
    return o;
  }

  public static byte[] list(List<Passkey> passkeys) {
    ObjectNode o = MAPPER.createObjectNode();
    ArrayNode a = o.putArray("passkeys");
    for (Passkey p : passkeys) a.add(view(p));
    return MAPPER.writeValueAsBytes(o);
  }

  public static byte[] write(ObjectNode node) {
    return MAPPER.writeValueAsBytes(node);
  }

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** A request body as an object; {@link IllegalArgumentException} when it is not one. */
  public static JsonNode read(byte[] body) {
    JsonNode node;
    try {
      node = body.length == 0 ? MAPPER.createObjectNode() : MAPPER.readTree(body);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("The body is not JSON.");
    }
    if (node == null || !node.isObject())
      throw new IllegalArgumentException("The body is a JSON object.");
    return node;
  }

  /** A text field, or null when absent. */
  public static String text(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    if (v == null || v.isNull()) return null;
    if (!v.isString()) throw new IllegalArgumentException("Field '" + field + "' is a string.");
    return v.asString();
  }

  /** A base64url field's bytes; {@link IllegalArgumentException} when absent or not base64url. */
  public static byte[] bytes(JsonNode node, String field) {
    String s = text(node, field);
    if (s == null) throw new IllegalArgumentException("Field '" + field + "' is required.");
    try {
      return B64.decode(s.replace('+', '-').replace('/', '_').replace("=", ""));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Field '" + field + "' is not base64url.");
    }
  }

  /** The challenge that a {@code clientDataJSON} answers (base64url), or null. */
  public static String challengeOf(byte[] clientDataJSON) {
    try {
      JsonNode n = MAPPER.readTree(clientDataJSON);
      JsonNode c = n == null ? null : n.get("challenge");
      return c == null || !c.isString() ? null : c.asString();
    } catch (RuntimeException e) {
      return null;
    }
  }

  public static String encode(byte[] bytes) {
    return Challenges.encode(bytes);
  }
}
