#!/usr/bin/env bash
# vanish bench --startup under Xvfb: launch to the first rendered dashboard frame, for target/vanish.jar and the app
# image's launcher (build both first: mvn -Papp package -DskipTests -DskipInstaller).
#   packaging/startup-bench.sh [REPS] [more bench options, e.g. --json]
set -euo pipefail
cd "$(dirname "$0")/.."
reps=${1:-7}; shift || true
[[ -f target/vanish.jar && -x target/app/vanish/bin/vanish ]] \
  || { echo "build first: mvn -Papp package -DskipTests -DskipInstaller" >&2; exit 2; }
command -v Xvfb >/dev/null || { apt-get update -qq >/dev/null; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends xvfb xauth libgtk-3-0 >/dev/null; }
display=:$((60 + RANDOM % 9))
Xvfb "$display" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 & xvfb=$!
trap 'kill $xvfb 2>/dev/null' EXIT
sleep 1
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
DISPLAY=$display java -jar target/vanish.jar bench --startup --reps "$reps" --image target/app/vanish/bin/vanish "$@"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
