#!/usr/bin/env bash
# The sizes in docs/performance.md ("Pages"): the demo's 2021 fact sheet page in English as
# drawn and as gzip sends it, its map figure (the inline SVG between <figure class="map"> and
# its </figure>), and the PDF in each language.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dotnet build src/McscMonitor -c Release -v q -nologo >/dev/null
app=(dotnet src/McscMonitor/bin/Release/net10.0/McscMonitor.dll)
export ConnectionStrings__Mcsc="Data Source=$work/mcsc.db"
"${app[@]}" demo --no-publish >/dev/null
"${app[@]}" factsheet --year 2021 --lang en --format html --out "$work/page.html" >/dev/null
"${app[@]}" factsheet --year 2021 --lang all --format pdf --out "$work/sheet.pdf" >/dev/null
kb() { awk -v b="$1" 'BEGIN { printf "%.0f KB", b / 1024 }'; }
map=$(awk '/<figure class="map"/ { on = 1 } on { n += length($0) + 1 } on && /<\/figure>/ { on = 0 } END { print n }' "$work/page.html")
echo "page (en, 2021): $(kb "$(wc -c < "$work/page.html")") as drawn, $(kb "$(gzip -c "$work/page.html" | wc -c)") gzip'd; map figure $(kb "$map")"
for pdf in "$work"/sheet.*.pdf; do echo "PDF $(basename "$pdf"): $(kb "$(wc -c < "$pdf")")"; done
