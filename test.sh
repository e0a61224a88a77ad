#!/usr/bin/env bash
# Runs the whole test suite. First sets up what the tests need and is missing on this
# machine (Debian's Chromium for the browser tests, nginx for the cluster test, PostgreSQL and
# Redis services), saying what it does. Then the web client's unit tests (server/src/test/js, on
# Node.js's built-in runner, no npm install): a failure there stops the script before Maven. Then
# builds and runs every module's tests with Maven.
set -euo pipefail
cd "$(dirname "$0")"

need_root() {
  if [ "$(id -u)" != 0 ]; then
    echo "test.sh: $1 needs root (sudo $0)" >&2
    exit 1
  fi
}

if [ ! -x /usr/bin/chromium ]; then
  echo "test.sh: /usr/bin/chromium is missing; installing Debian's chromium with apt-get (the browser tests drive it)"
  need_root "installing chromium"
  apt-get update -q
  apt_updated=1
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium
fi

if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then
  echo "test.sh: nginx is missing; installing Debian's nginx-light with apt-get (the cluster test runs the README's nginx configuration)"
  need_root "installing nginx"
  [ -n "${apt_updated:-}" ] || apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q nginx-light
fi

# The web client's unit tests need Node.js 20 or newer (its built-in test runner; nothing to install
# from npm). Debian 12 packages an older one, so this says what is missing rather than install it.
node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 20 ]; then
  echo "test.sh: the web client's unit tests need Node.js 20 or newer on the PATH (found: $(node --version 2>/dev/null || echo none))" >&2
  exit 1
fi

if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  echo "test.sh: PostgreSQL is not answering on 127.0.0.1:5432; starting it (the store tests use it)"
  need_root "starting PostgreSQL"
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start
  for _ in $(seq 1 50); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 0.2; done
fi

if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
  echo "test.sh: Redis is not answering on 127.0.0.1:6379; starting it"
  need_root "starting Redis"
  mkdir -p /var/lib/redis /var/log/redis
  redis-server --daemonize yes --bind 127.0.0.1 -::1 --port 6379 --save "" --appendonly no \
    --dir /var/lib/redis --logfile /var/log/redis/ci.log
fi

# Playwright must never download a browser: it drives /usr/bin/chromium.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
ulimit -n 65536 2>/dev/null || true

# The web client's model, changes, time ranges and house rules, without a browser: seconds, so first.
echo "test.sh: the web client's unit tests (node --test server/src/test/js)"
node --test server/src/test/js/

exec mvn -B -ntp verify "$@"
