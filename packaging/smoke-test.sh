#!/usr/bin/env bash
# Shows that the app image runs on a machine without Java: its launcher, with JAVA_HOME unset and no java on the
# PATH, under Xvfb. Checks `vanish --version`, `vanish analyze`, and that the app opens the default dashboard and
# draws it (the launcher's StartupProbe reports the first rendered frame), and that nothing is written into the
# image. Build the image first: mvn -Papp package -DskipTests
#   packaging/smoke-test.sh [SCREENSHOT.png]     with a file name, also keeps the app open WAIT seconds (default
#                                                20) and screenshots it
# Installs Xvfb (and ImageMagick for the screenshot) with apt-get if they are missing.
set -euo pipefail
cd "$(dirname "$0")/.."
image=target/app/vanish
launcher=$image/bin/vanish
[[ -x $launcher ]] || { echo "no $launcher: build it with mvn -Papp package -DskipTests" >&2; exit 2; }
shot=${1:-}
need=()
command -v Xvfb >/dev/null || need+=(xvfb xauth)
[[ -z $shot ]] || { command -v import >/dev/null && import -version 2>/dev/null | grep -q ImageMagick; } || need+=(imagemagick)
dpkg -s libgtk-3-0 >/dev/null 2>&1 || need+=(libgtk-3-0)
if ((${#need[@]})); then
  apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

work=$(mktemp -d)
display=:$((70 + RANDOM % 9))
Xvfb "$display" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 & xvfb=$!
trap 'kill $xvfb 2>/dev/null; rm -rf "$work"' EXIT
sleep 1
mkdir -p "$work/empty-path" "$work/home"
touch "$work/before"
# a machine with no Java: no JAVA_HOME, a PATH where no java is found, a fresh home
run() { env -i HOME="$work/home" PATH="$work/empty-path" DISPLAY="$display" "$@"; }
if run /bin/bash -c 'command -v java' >/dev/null 2>&1; then echo "java is still on the PATH" >&2; exit 1; fi

echo "== vanish --version"
run "$launcher" --version | tee "$work/version.txt"
grep -q "^vanish [0-9]" "$work/version.txt"

echo "== vanish analyze presets/default.json --live --json report.json"
run "$launcher" analyze "$PWD/presets/default.json" --live --json "$work/report.json"
grep -q '"log10GradNorm"' "$work/report.json" && echo "report: $(wc -c < "$work/report.json") bytes"

echo "== the app: first rendered frame of the default dashboard"
start=$(date +%s%N)
run /usr/bin/env VANISH_STARTUP_PROBE=1 "$launcher" 2>"$work/app.log" >/dev/null || true
if ! grep -q "vanish-startup: first frame" "$work/app.log"; then
  echo "the app did not show the dashboard; its output:" >&2; tail -30 "$work/app.log" >&2; exit 1
fi
echo "first frame after $(( ($(date +%s%N) - start) / 1000000 )) ms"

if [[ -n $shot ]]; then
  run "$launcher" >"$work/app-shot.log" 2>&1 & app=$!
  sleep "${WAIT:-20}"
  kill -0 $app 2>/dev/null || { echo "the app exited early:" >&2; tail -30 "$work/app-shot.log" >&2; exit 1; }
  DISPLAY=$display import -window root "$shot"
  kill $app
  echo "wrote $shot"
fi

changed=$(find "$image" -newer "$work/before" | head -5)
[[ -z $changed ]] || { echo "the app wrote into its image: $changed" >&2; exit 1; }
echo "nothing written into $image; files in the fresh home: $(cd "$work/home" && find . -type f | tr '\n' ' ')"
echo "smoke test passed"
