package dev.parley.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.OlderHashes;
import org.junit.jupiter.api.Test;

/**
 * The hash a new password gets (OWASP's 7 MiB, five-pass Argon2id), and that a hash an older server
 * made with 19 MiB and two passes still signs in and is known to be outdated, so that the next
 * sign-in makes it again.
 */
class Argon2PasswordsTest {
  static final String PASSWORD = "velvet-otter-41-maple";
  static final String TODAY = "$argon2id$v=19$m=7168,t=5,p=1$";

  private final Argon2Passwords passwords = new Argon2Passwords();

  @Test
  void aNewPasswordIsHashedWithSevenMebibytesAndFivePasses() {
    String phc = passwords.hash(PASSWORD);
    assertThat(phc).startsWith(TODAY);
    assertThat(passwords.verify(PASSWORD, phc)).isTrue();
    assertThat(passwords.verify(PASSWORD + "!", phc)).isFalse();
    assertThat(passwords.outdated(phc)).isFalse();
    assertThat(passwords.hash(PASSWORD)).as("a new salt each time").isNotEqualTo(phc);
  }

  @Test
  void aHashMadeWithOlderSettingsStillSignsInAndIsOutdated() {
    String older = OlderHashes.nineteenMebibytes(PASSWORD);
    assertThat(passwords.verify(PASSWORD, older)).isTrue();
    assertThat(passwords.verify(PASSWORD + "!", older)).isFalse();
    assertThat(passwords.outdated(older)).isTrue();
  }

  @Test
  void whatIsNotAnArgon2HashIsNeitherCheckedNorOutdated() {
    for (String odd : new String[] {null, "", "plain", "$argon2id$v=19$m=oops", "$2a$10$abc"}) {
      assertThat(passwords.verify(PASSWORD, odd)).as(odd).isFalse();
      assertThat(passwords.outdated(odd)).as(odd).isFalse();
    }
  }
}
