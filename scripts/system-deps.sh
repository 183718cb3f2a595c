#!/usr/bin/env bash
# Debian packages the tests need: GNU gettext (msgfmt, msgcat check our catalogs).
# Installs only what is missing; needs root (CI runs as root) or sudo.
set -euo pipefail

need=()
command -v msgfmt >/dev/null 2>&1 || need+=(gettext)

if [ ${#need[@]} -eq 0 ]; then
    exit 0
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "installing Debian packages: ${need[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
