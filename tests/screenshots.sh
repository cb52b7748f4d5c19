#!/usr/bin/env bash
# Screenshots of the bundled edition's site for a reviewer to look at: a
# letter page and the person index, taken by headless Chromium.
# Not run by `cargo test`. Needs Debian's `chromium` (apt-get install chromium).
#
# Usage: tests/screenshots.sh [OUT_DIR]    (default: target/screenshots)
set -euo pipefail
cd "$(dirname "$0")/.."

out="${1:-target/screenshots}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
site="$out/site"
rm -rf "$site"

browser="$(command -v chromium || command -v chromium-browser || true)"
if [ -z "$browser" ]; then
  echo "chromium is not installed (apt-get install chromium)" >&2
  exit 2
fi

cargo run --quiet --release -- export html editions/thorburn/letters \
  --register editions/thorburn/register.xml \
  --title "Letters of Michael Thorburn" --out-dir "$site"

shoot() { # PAGE PNG HEIGHT
  "$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars \
    --window-size=1000,"$3" --screenshot="$out/$2" "file://$site/$1" >/dev/null 2>&1
  echo "$out/$2"
}

shoot thorburn-to-kim-jong-il-2003-07-26.html letter.png 1800
shoot persons.html persons.png 1100
shoot index.html letters.png 700
