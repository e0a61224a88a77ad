package dev.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The capacity run's push service takes a Web Push delivery over TLS with the bench's own
 * certificate, answers 201 and counts it; the devices subscribe with a real P-256 point.
 */
class PushServiceTest {
  @TempDir Path dir;

  @Test
  void aDeliveryOverTlsIsTakenAndCounted() throws Exception {
    Path keystore = dir.resolve("push.p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "push",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=127.0.0.1",
                "-ext",
                "SAN=ip:127.0.0.1",
                "-validity",
                "2",
                "-keystore",
                keystore.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                "benchpush",
                "-keypass",
                "benchpush")
            .inheritIO()
            .start();
    assertThat(keytool.waitFor()).isZero();
    try (PushService push = new PushService(0, keystore)) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(keystore)) {
        ks.load(in, PushService.PASSWORD);
      }
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("push", ks.getCertificate("push"));
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(null, tmf.getTrustManagers(), null);
      HttpClient http = HttpClient.newBuilder().sslContext(tls).build();
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + push.port() + "/push/7"))
                  .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[300]))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(201);
      assertThat(push.taken()).isEqualTo(1);

      byte[] point = Base64.getUrlDecoder().decode(push.p256dh);
      assertThat(point).hasSize(65);
      assertThat(point[0]).isEqualTo((byte) 4);
      assertThat(Base64.getUrlDecoder().decode(push.auth)).hasSize(16);
      assertThat(push.subscribe(7, "d"))
          .contains("\"endpoint\":\"https://127.0.0.1:" + push.port() + "/push/7\"")
          .contains("\"ref\":\"d\"");
    }
  }
}
