#!/bin/sh
# Installs the Debian packages that the tests drive for real (X server, window manager, keyring,
# browser), or says exactly what to install when it cannot. Arguments replace the default list.
set -eu

if [ "$#" -gt 0 ]; then
    packages="$*"
else
    packages="xvfb xauth xdotool xclip x11-utils xterm openbox dbus dbus-x11 gnome-keyring chromium
        libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxcb-xinerama0 libxkbcommon-x11-0
        libegl1 libgl1 libnss3 libxcomposite1 libxdamage1 libxtst6 libxkbfile1 libasound2
        fonts-dejavu-core binutils desktop-file-utils xdg-utils file python3-tk"
fi

missing=""
for package in $packages; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $package"
    fi
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
    echo "Installing Debian packages:$missing"
    apt-get update -q
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $missing
    exit 0
fi
echo "These Debian packages are needed and missing. Install them with:" >&2
echo "    sudo apt-get install$missing" >&2
exit 1
