# Shared helpers for the shell tests: sourced, not run.
relfeed=$1
top=$2
clients=$top/tests/clients
tmp=$(mktemp -d)
trap 'chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
# No test reads or leaves a front-matter cache outside its own directory.
export XDG_CACHE_HOME=$tmp/xdg-cache
fail=0
bad() { echo "FAIL: $*"; fail=1; }
skip() { echo "SKIP: $*"; exit 77; }
# Run a command without the privileges that let root read and write anything,
# so permission tests mean the same for root and for a user.
unprivileged() {
	if [ "$(id -u)" -eq 0 ]; then
		setpriv --inh-caps=-all --bounding-set=-all "$@"
	else
		"$@"
	fi
}
mtime() { stat -c %Y.%y "$1"; }
