#!/usr/bin/env bash
# The CPU bound of a hostile import (docs/security.md): 1.69 million rows of unknown
# municipality names, the file that once held the import gate for over two minutes. Prints the
# wall time of the refused import and of `--help` (the start-up both pay), from the same run.
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
{ echo "municipality,date,status"; seq 1 1690000 | awk '{ print "Nowhere-" $1 ",2021-05-05,held" }'; } > "$work/meetings.csv"
dotnet build src/McscMonitor -c Release -v q -nologo >/dev/null
app=(dotnet src/McscMonitor/bin/Release/net10.0/McscMonitor.dll)
export ConnectionStrings__Mcsc="Data Source=$work/mcsc.db"
"${app[@]}" import examples/import >/dev/null
seconds() { local start end; start=$(date +%s.%N); "$@" >/dev/null 2>&1 || true; end=$(date +%s.%N); awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }'; }
help=$(seconds "${app[@]}" --help)
import=$(seconds "${app[@]}" import "$work/meetings.csv")
echo "file: $(du -h "$work/meetings.csv" | cut -f1), $(($(wc -l < "$work/meetings.csv") - 1)) rows"
echo "refused import: ${import} s; --help: ${help} s"
"${app[@]}" import "$work/meetings.csv" 2>&1 | tail -2 || true
