#!/usr/bin/env bash
# Looks at a built site as a reader would: headless Chromium screenshots of chosen pages at desktop
# (1280 px) and phone (390 px) widths, in light and dark mode, and one page printed to PDF (A4).
#
#   scripts/screenshots.sh [SITE] [OUT] [PAGE...]
#
# SITE defaults to site/, OUT to screenshots/ (git-ignored *.png), PAGE to index.html, the first
# user and item pages, models/index.html and explainers.html. Needs the Debian package `chromium`
# (apt-get install -y chromium); pdftoppm (poppler-utils) also renders the PDF's first pages as PNG.
set -euo pipefail
site="${1:-site}"
out="${2:-screenshots}"
shift $(( $# > 2 ? 2 : $# ))
command -v chromium >/dev/null || { echo "screenshots.sh: chromium is not installed (apt-get install -y chromium)" >&2; exit 2; }
[ -f "$site/index.html" ] || { echo "screenshots.sh: $site/index.html not found; build a site first" >&2; exit 2; }
mkdir -p "$out"
site="$(cd "$site" && pwd)"
pages=("$@")
if [ ${#pages[@]} -eq 0 ]; then
  pages=(index.html models/index.html)
  first_user=$(ls "$site/users" | grep -v '^index.html$' | sort -n | head -1 || true)
  first_item=$(ls "$site/items" | grep -v '^index.html$' | sort -n | head -1 || true)
  [ -n "$first_user" ] && pages+=("users/$first_user")
  [ -n "$first_item" ] && pages+=("items/$first_item")
  [ -f "$site/explainers.html" ] && pages+=(explainers.html)
fi
chrome=(chromium --headless --no-sandbox --disable-gpu --hide-scrollbars)
for page in "${pages[@]}"; do
  name="$(echo "$page" | tr '/' '-' | sed 's/\.html$//')"
  for width in 1280 390; do
    for scheme in light dark; do
      flags=()
      [ "$scheme" = dark ] && flags=(--force-dark-mode --blink-settings=preferredColorScheme=0)
      "${chrome[@]}" "${flags[@]}" --window-size="$width,4000" --screenshot="$out/$name-$width-$scheme.png" \
        "file://$site/$page" >/dev/null 2>&1
      echo "$out/$name-$width-$scheme.png"
    done
  done
done
first="${pages[2]:-${pages[0]}}"
pdf="$out/$(echo "$first" | tr '/' '-' | sed 's/\.html$//')-print.pdf"
"${chrome[@]}" --no-pdf-header-footer --print-to-pdf="$pdf" "file://$site/$first" >/dev/null 2>&1
echo "$pdf"
if command -v pdfinfo >/dev/null; then pdfinfo "$pdf" | grep -E '^Pages' || true; fi
if command -v pdftoppm >/dev/null; then pdftoppm -png -r 50 -f 1 -l 4 "$pdf" "${pdf%.pdf}" && echo "${pdf%.pdf}-*.png"; fi
