#!/usr/bin/env bash
# tests/cli/render_report_in_chromium.sh BINARY: the HTML report renders in headless Chromium.
# Scans the demo sites, renders report.html, has Chromium dump the DOM it built and take a
# screenshot, and checks the key elements: the summaries by site, publisher and rule, one block
# per finding, the failing rule with its term, and the evidence link. Skips (exit 0, saying so)
# when Chromium is not installed.
set -euo pipefail
bin="$1"
root="$(cd "$(dirname "$0")/../.." && pwd)"
chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium" ]; then
  echo "skipped: chromium is not installed (scripts/setup installs it)"
  exit 0
fi
work=$(mktemp -d)
trap 'kill ${server_pid:-0} 2>/dev/null || true; rm -rf "$work"' EXIT
"$(dirname "$bin")/../../tests/syndcheck-test-server" --root "$root/fixtures/sites" --port 8765 > "$work/url" &
server_pid=$!
for _ in $(seq 50); do [ -s "$work/url" ] && break; sleep 0.1; done
sed -e "s#\.\./\.\./build/demo#$work#g" -e "s#rules: \.\./\.\./rules#rules: $root/rules#" -e "s#delay: 0.2s#delay: 0s#" \
  "$root/fixtures/sites/scan.yaml" > "$work/scan.yaml"
"$bin" scan --config "$work/scan.yaml" --quiet || [ $? -eq 1 ]
"$bin" report --config "$work/scan.yaml" --format html -o "$work/report.html"
flags=(--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking
       --disable-component-update --disable-sync --user-data-dir="$work/profile")
timeout 120 "$chromium" "${flags[@]}" --dump-dom "file://$work/report.html" > "$work/dom.html" 2>/dev/null
timeout 120 "$chromium" "${flags[@]}" --window-size=1280,2000 --screenshot="$work/report.png" \
  "file://$work/report.html" >/dev/null 2>&1
fail=0
check() { if grep -q "$1" "$work/dom.html"; then echo "ok: $2"; else echo "missing: $2"; fail=1; fi; }
check 'id="by-site"' "summary by site"
check 'id="by-publisher"' "summary by publisher"
check 'id="by-rule"' "summary by broken term"
check 'class="finding violating"' "a violating finding"
check 'class="rule-fail"' "a failing rule row"
check 'not lower than the first paragraph' "the sentence of the terms"
check '\.warc\.gz' "a link to the WARC evidence"
check 'id="violating-findings">7<' "seven violating copies counted"
size=$(stat -c %s "$work/report.png" 2>/dev/null || echo 0)
if [ "$size" -gt 20000 ]; then echo "ok: screenshot $size bytes"; else echo "missing: screenshot ($size bytes)"; fail=1; fi
exit $fail
