#!/usr/bin/env bash
# Runs every test of Portal: unit, component, integration and end-to-end (Chromium).
# Installs what the tests need from Debian's packages when it is missing.
set -euo pipefail
cd "$(dirname "$0")"

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
if [ ${#need[@]} -gt 0 ]; then
  echo "Installing test dependencies: ${need[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" fonts-liberation >/dev/null
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
dotnet test Portal.sln "$@" 2>&1 | tee "$log" || status=$?

# dotnet test prints one summary per test assembly; add them up into one line.
passed=$(grep -Eo 'Passed: +[0-9]+,' "$log" | awk '{ sum += $2 } END { print sum + 0 }')
failed=$(grep -Eo 'Failed: +[0-9]+,' "$log" | awk '{ sum += $2 } END { print sum + 0 }')
echo "$passed passed, $failed failed"
exit $status
