#!/usr/bin/env bash
# Runs the demo, then photographs the evaluation report it wrote in headless Chromium, so a person can look
# at the page as a reader sees it. Needs Debian's `chromium` (installed here when missing and run as root).
# Usage: scripts/report-screenshot.sh [out.png]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out="${1:-target/evaluation-report.png}"
if ! command -v chromium >/dev/null; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
log=$(mktemp)
mvn -q -Pdemo -DskipTests package | tee "$log"
report=$(sed -n 's/^Wrote the champion.s evaluation report to //p' "$log" | tail -1)
[ -f "$report" ] || { echo "the demo wrote no report" >&2; exit 1; }
mkdir -p "$(dirname "$out")"
# --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1000,4600 \
  --screenshot="$(realpath -m "$out")" "file://$report" 2>/dev/null
echo "screenshot of $report: $out"
