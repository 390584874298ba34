# Sourced by the scripts: points JAVA_HOME at a JDK of version 21 or newer.
# JAVA_HOME wins when it is one; otherwise the newest JDK under /usr/lib/jvm.

jdk_version() { # prints the feature version of the JDK at $1, or nothing
  local release="$1/release"
  [[ -x "$1/bin/javac" && -f $release ]] || return 0
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release"
}

find_jdk() {
  local v
  if [[ -n ${JAVA_HOME:-} ]]; then
    v=$(jdk_version "$JAVA_HOME")
    if [[ -n $v && $v -ge 21 ]]; then export JAVA_HOME; return 0; fi
  fi
  local best="" best_v=0 dir
  for dir in /usr/lib/jvm/*; do
    [[ -d $dir && ! -L $dir ]] || continue
    v=$(jdk_version "$dir")
    if [[ -n $v && $v -gt $best_v ]]; then best=$dir; best_v=$v; fi
  done
  if [[ $best_v -lt 21 ]]; then
    echo "Guildhall needs a JDK 21 or newer. Set JAVA_HOME to one, or install one under /usr/lib/jvm" >&2
    echo "(on Debian: apt-get install openjdk-21-jdk, or a Temurin 21/25 package)." >&2
    return 1
  fi
  export JAVA_HOME=$best
}

find_jdk || exit 1
export PATH="$JAVA_HOME/bin:$PATH"
