package dev.parley.web.passkeys;

import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.util.CborConverter;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.AuthenticationRequest;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.RegistrationRequest;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.data.attestation.authenticator.COSEKey;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.attestation.statement.NoneAttestationStatement;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.data.extension.authenticator.AuthenticationExtensionsAuthenticatorOutputs;
import com.webauthn4j.data.extension.authenticator.RegistrationExtensionAuthenticatorOutput;
import com.webauthn4j.server.ServerProperty;
import dev.parley.domain.Passkey;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The WebAuthn checks, with webauthn4j: a registration's attestation object and client data
 * (challenge, origin, type, rpId hash, user presence, an accepted algorithm), and a sign-in's
 * signature over authenticator data and client data with the stored public key, its challenge,
 * origin, rpId hash and that the signature counter moved forward (an authenticator that keeps none
 * shows 0 every time). Attestation is not asked for ({@code none}): Parley trusts the person who is
 * signed in to choose their authenticator, not a vendor list. Stateless and thread-safe; its
 * callers run it on the passkey pool, never on an event loop (a signature check is ~0.1-1 ms).
 */
public final class Ceremonies {

  /** The algorithms offered, in order: ES256, EdDSA, RS256 (all a browser's platform keys use). */
  public static final List<Long> ALGORITHMS = List.of(-7L, -8L, -257L);

  private static final List<PublicKeyCredentialParameters> PARAMETERS =
      List.of(
          new PublicKeyCredentialParameters(
              PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.ES256),
          new PublicKeyCredentialParameters(
              PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.EdDSA),
          new PublicKeyCredentialParameters(
              PublicKeyCredentialType.PUBLIC_KEY, COSEAlgorithmIdentifier.RS256));

  private final ObjectConverter converter = new ObjectConverter();
  private final CborConverter cbor = converter.getCborConverter();
  private final WebAuthnManager manager = WebAuthnManager.createNonStrictWebAuthnManager(converter);

  /** What a verified registration gives to store. */
  public record Registered(
      byte[] credentialId, byte[] publicKey, long signCount, String transports, String aaguid) {}

  /**
   * Verifies a registration answering {@code challenge} for {@code rp}.
   *
   * @throws RuntimeException (webauthn4j's verification or conversion exceptions) when it fails
   */
  public Registered register(
      RelyingParty rp,
      byte[] challenge,
      byte[] clientDataJSON,
      byte[] attestationObject,
      Set<String> transports) {
    RegistrationRequest request =
        new RegistrationRequest(attestationObject, clientDataJSON, transports);
    RegistrationParameters parameters =
        new RegistrationParameters(server(rp, challenge), PARAMETERS, false, true);
    RegistrationData data = manager.verify(request, parameters);
    AuthenticatorData<RegistrationExtensionAuthenticatorOutput> auth =
        data.getAttestationObject().getAuthenticatorData();
    AttestedCredentialData credential = auth.getAttestedCredentialData();
    if (credential == null) throw new IllegalArgumentException("no credential in the attestation");
    String aaguid =
        credential.getAaguid() == null || AAGUID.ZERO.equals(credential.getAaguid())
            ? null
            : credential.getAaguid().toString();
    String transportList =
        transports == null || transports.isEmpty()
            ? null
            : transports.stream().sorted().limit(8).collect(Collectors.joining(","));
    return new Registered(
        credential.getCredentialId(),
        cbor.writeValueAsBytes(credential.getCOSEKey()),
        auth.getSignCount(),
        transportList,
        aaguid);
  }

  /**
   * Verifies a sign-in with {@code passkey} answering {@code challenge} for {@code rp}; gives the
   * authenticator's new signature counter. A {@code userHandle}, when the authenticator sent one,
   * must be the passkey's user.
   *
   * @throws RuntimeException when it fails
   */
  public long signIn(
      RelyingParty rp,
      byte[] challenge,
      Passkey passkey,
      byte[] credentialId,
      byte[] userHandle,
      byte[] authenticatorData,
      byte[] clientDataJSON,
      byte[] signature) {
    if (userHandle != null
        && userHandle.length > 0
        && !Arrays.equals(userHandle, passkey.userId().getBytes(StandardCharsets.UTF_8)))
      throw new IllegalArgumentException("the user handle is not the passkey's user");
    COSEKey key = cbor.readValue(passkey.publicKey(), COSEKey.class);
    AAGUID aaguid = passkey.aaguid() == null ? AAGUID.ZERO : new AAGUID(passkey.aaguid());
    CredentialRecordImpl record =
        new CredentialRecordImpl(
            new NoneAttestationStatement(),
            null,
            null,
            null,
            passkey.signCount(),
            new AttestedCredentialData(aaguid, credentialId, key),
            new AuthenticationExtensionsAuthenticatorOutputs<>(),
            null,
            null,
            null);
    AuthenticationRequest request =
        new AuthenticationRequest(
            credentialId, userHandle, authenticatorData, clientDataJSON, null, signature);
    AuthenticationParameters parameters =
        new AuthenticationParameters(
            server(rp, challenge), record, List.of(credentialId), false, true);
    AuthenticationData data = manager.verify(request, parameters);
    return data.getAuthenticatorData().getSignCount();
  }

  @SuppressWarnings("deprecation") // the Set<Origin> constructor: the builder is newer than needed
  private static ServerProperty server(RelyingParty rp, byte[] challenge) {
    Set<Origin> origins = rp.origins().stream().map(Origin::new).collect(Collectors.toSet());
    return new ServerProperty(origins, rp.rpId(), new DefaultChallenge(challenge));
  }
}
