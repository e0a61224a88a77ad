#!/bin/bash
# push.sh JAR PEOPLE: Web Push off, then on (half the people with a device subscribed to the bench's
# own push service on https://127.0.0.1:8443, whose certificate keytool makes here and the server
# trusts, and whose inside address it is told to allow: --push-internal 127.0.0.1:8443), one step
# each of PEOPLE with a 90 s hold on a fresh server; results push-off-PEOPLE.* and push-on-PEOPLE.*
# here. Both runs use the same trust store and options, so the server JVMs start alike.
JAR=$1; P=$2; H=$(dirname "$0"); K=$(mktemp -d /tmp/pushkeys.XXXX)
keytool -genkeypair -alias push -keyalg EC -groupname secp256r1 -dname CN=127.0.0.1 -ext SAN=ip:127.0.0.1 \
  -validity 2 -keystore $K/push.p12 -storetype PKCS12 -storepass benchpush -keypass benchpush
keytool -exportcert -alias push -keystore $K/push.p12 -storepass benchpush -file $K/push.cer
keytool -importcert -noprompt -alias push -file $K/push.cer -keystore $K/trust.p12 -storetype PKCS12 -storepass benchpush
export SERVER_ARGS="--push-internal 127.0.0.1:8443"
export SERVER_JAVA_OPTS="-Djavax.net.ssl.trustStore=$K/trust.p12 -Djavax.net.ssl.trustStorePassword=benchpush"
"$H/step.sh" push-off-$P "$JAR" "$P"
"$H/step.sh" push-on-$P "$JAR" "$P" --push-share 0.5 --push-keystore $K/push.p12
rm -rf $K
