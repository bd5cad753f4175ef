#!/bin/bash
# Vanish's launcher on Linux (bin/vanish of the app image and of the .deb), in place of jpackage's native one: that
# one asks rpm and dpkg at every start which package it belongs to (two `dpkg -S` queries, about 0.4 s on a Debian
# machine, before Java even starts). This starts the image's own runtime with the options and class path that
# jpackage wrote to lib/app/vanish.cfg, as the native launcher does. Plain bash, no other program (it must run with
# an empty PATH). Windows and macOS keep jpackage's launcher.
self=$(readlink -f "$0" 2>/dev/null) || self=$0
[[ $self == */* ]] || self=./$self
# the image's folder as a plain path (the class-data sharing archive names its jars by the path they were dumped from)
image=$(cd "${self%/*}/.." && pwd -P)
APPDIR=$image/lib/app
opts=()
cp=
main=
while IFS= read -r line || [[ -n $line ]]; do
  line=${line%$'\r'}
  case $line in
    java-options=*) opts+=("${line#java-options=}") ;;
    app.classpath=*) cp+=${cp:+:}${line#app.classpath=} ;;
    app.mainclass=*) main=${line#app.mainclass=} ;;
  esac
done < "$APPDIR/vanish.cfg"
opts=("${opts[@]//\$APPDIR/$APPDIR}")
exec "$image/lib/runtime/bin/java" "${opts[@]}" -cp "${cp//\$APPDIR/$APPDIR}" "$main" "$@"
