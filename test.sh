#!/usr/bin/env bash
# All tests, on a fresh machine too: installs what the tests need when it is missing (Debian's
# Chromium and ChromeDriver for the dashboard tests, PostgreSQL 15 server binaries for the
# throwaway clusters of the PostgreSQL tests), then runs `mvn -B verify` (unit tests, the
# architecture rules, the formatter check, the dependency check and the integration tests).
# Extra arguments go to Maven, e.g. ./test.sh -pl gold-marts -am
set -euo pipefail
cd "$(dirname "$0")"

missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v chromedriver >/dev/null || missing+=(chromium-driver)
[[ -x /usr/lib/postgresql/15/bin/initdb ]] || missing+=(postgresql-15)
if (( ${#missing[@]} )); then
  echo "Installing test prerequisites: ${missing[*]}"
  SUDO=""
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null || { echo "Need root or sudo to install ${missing[*]} (apt-get)." >&2; exit 1; }
    SUDO="sudo"
  fi
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}"
fi

exec mvn -B verify "$@"
