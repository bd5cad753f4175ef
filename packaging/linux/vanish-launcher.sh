#!/bin/bash
# Vanish's launcher on Linux (bin/vanish of the app image and of the .deb), in place of jpackage's native one: that
# one asks rpm and dpkg at every start which package it belongs to (two `dpkg -S` queries, about 0.4 s on a Debian
# machine, before Java even starts). This starts the image's own runtime with the options and class path that
# jpackage wrote to lib/app/vanish.cfg, as the native launcher does. Windows and macOS keep jpackage's launcher.
bin=$(dirname "$(readlink -f "$0")")
APPDIR=$(dirname "$bin")/lib/app
cfg="$APPDIR/vanish.cfg"
mapfile -t opts < <(sed -n 's|^java-options=||p' "$cfg")
opts=("${opts[@]//\$APPDIR/$APPDIR}")
cp=$(sed -n 's|^app\.classpath=\$APPDIR|'"$APPDIR"'|p' "$cfg" | paste -sd: -)
main=$(sed -n 's|^app\.mainclass=||p' "$cfg")
exec "$(dirname "$APPDIR")/runtime/bin/java" "${opts[@]}" -cp "$cp" "$main" "$@"
