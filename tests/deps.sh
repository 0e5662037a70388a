#!/bin/sh
# Makes sure the Debian packages named on the command line are installed.
# As root: installs the missing ones (refreshing the package lists if the
# first attempt fails).  Otherwise: prints the exact apt-get line and fails.
missing=""
for pkg in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $pkg"
    fi
done
[ -z "$missing" ] && exit 0
echo "zhibiao: 缺少 Debian 软件包 / missing Debian packages:$missing"
if [ "$(id -u)" -eq 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y --no-install-recommends $missing ||
        { apt-get update && apt-get install -y --no-install-recommends $missing; } || exit 1
else
    echo "请运行 / please run:"
    echo "  sudo apt-get install -y$missing"
    exit 1
fi
