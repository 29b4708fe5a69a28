# Sourced by build.sh, fuzz-build.sh and tsan-build.sh (with $root set): the
# one ccache setup of every build folder, and the number of jobs.
export CCACHE_BASEDIR="$root"
# Hits across clones in other folders (CI builds a fresh clone): the debug
# info then names paths relative to the source, as CCACHE_BASEDIR makes them.
export CCACHE_NOHASHDIR=1
export CCACHE_MAXSIZE=${CCACHE_MAXSIZE:-12G}
jobs=${SECAP_JOBS:-2}
