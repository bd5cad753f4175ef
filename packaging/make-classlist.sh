#!/usr/bin/env bash
# Writes packaging/vanish.classlist: the classes the app image loads from launch to its first dashboard frame, for
# the class-data sharing archive the app profile builds (pom.xml, step 4). Run it after changes that load other
# classes at start (a stale list costs only speed: classes missing from it load the usual way), then commit it.
#   mvn -Papp package -DskipTests -DskipInstaller && packaging/make-classlist.sh
set -euo pipefail
cd "$(dirname "$0")/.."
app=target/app/vanish/lib/app
[[ -f $app/vanish.cfg ]] || { echo "no $app: build the image with mvn -Papp package -DskipTests" >&2; exit 2; }
command -v Xvfb >/dev/null || { apt-get update -qq >/dev/null; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends xvfb xauth libgtk-3-0 >/dev/null; }
display=:$((80 + RANDOM % 9))
Xvfb "$display" -screen 0 1600x1000x24 -nolisten tcp >/dev/null 2>&1 & xvfb=$!
trap 'kill $xvfb 2>/dev/null' EXIT
sleep 1
# the launcher's own class path, from its configuration, in its order
cp=$(sed -n "s|^app\.classpath=\\\$APPDIR/|$PWD/$app/|p" "$app/vanish.cfg" | paste -sd: -)
DISPLAY=$display VANISH_STARTUP_PROBE=1 target/app/vanish/lib/runtime/bin/java -Xshare:off \
  -XX:DumpLoadedClassList=packaging/vanish.classlist -cp "$cp" org.vanish.app.Launcher 2>&1 | grep -q "first frame" \
  || { echo "the app did not reach its first frame" >&2; exit 1; }
echo "wrote packaging/vanish.classlist ($(wc -l < packaging/vanish.classlist) lines)"
