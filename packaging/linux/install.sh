#!/bin/sh
# Installs ChatKit Desktop for the current user, without root, from the unpacked tarball:
#   the app             ~/.local/opt/chatkit-desktop/
#   the command         ~/.local/bin/chatkit-desktop
#   the menu entry      ~/.local/share/applications/chatkit-desktop.desktop
#   the icons           ~/.local/share/icons/hicolor/*/apps/chatkit-desktop.*
# Running it again replaces an earlier version. `./install.sh --uninstall` removes all of
# these; conversations, settings and the API key in the keyring stay where they are.
set -eu

usage="usage: ./install.sh [--uninstall]"
here=$(cd "$(dirname "$0")" && pwd)
data_home=${XDG_DATA_HOME:-$HOME/.local/share}
app_dir=$HOME/.local/opt/chatkit-desktop
bin_dir=$HOME/.local/bin
entry=$data_home/applications/chatkit-desktop.desktop
icons=$data_home/icons/hicolor

refresh_menus() {
    # The desktop picks the changes up by itself too; these only make it quicker.
    if command -v update-desktop-database >/dev/null 2>&1; then
        update-desktop-database -q "$data_home/applications" || true
    fi
    if command -v gtk-update-icon-cache >/dev/null 2>&1 && [ -f "$icons/index.theme" ]; then
        gtk-update-icon-cache -q -t "$icons" || true
    fi
}

uninstall() {
    rm -rf "$app_dir"
    rm -f "$bin_dir/chatkit-desktop" "$entry"
    find "$icons" -path "*/apps/chatkit-desktop.*" -exec rm -f {} + 2>/dev/null || true
    refresh_menus
    echo "ChatKit Desktop is uninstalled. Your conversations and settings are kept."
}

install() {
    case $app_dir in
        # The menu entry's Exec line cannot carry these without escaping.
        *[\"\`\$\\%]*)
            echo "install.sh: cannot install into $app_dir: the path has \" \` \$ \\ or %" >&2
            exit 1 ;;
    esac
    mkdir -p "$(dirname "$app_dir")" "$bin_dir" "$(dirname "$entry")"
    # Copied beside the old version, then swapped in, so a failed copy leaves that one working.
    rm -rf "$app_dir.new"
    cp -R "$here/chatkit-desktop" "$app_dir.new"
    rm -rf "$app_dir"
    mv "$app_dir.new" "$app_dir"
    ln -sf "$app_dir/chatkit-desktop" "$bin_dir/chatkit-desktop"
    sed_path=$(printf '%s' "$app_dir" | sed 's/[|&]/\\&/g')
    sed "s|^Exec=.*|Exec=\"$sed_path/chatkit-desktop\"|" \
        "$here/share/applications/chatkit-desktop.desktop" > "$entry"
    (cd "$here/share/icons/hicolor" && find . -type f) | while read -r icon; do
        mkdir -p "$(dirname "$icons/$icon")"
        cp "$here/share/icons/hicolor/$icon" "$icons/$icon"
    done
    refresh_menus
    echo "ChatKit Desktop is installed: start it from your applications menu, or run"
    echo "    $bin_dir/chatkit-desktop"
    case ":$PATH:" in
        *":$bin_dir:"*) ;;
        *) echo "($bin_dir is not on your PATH: add it to run \`chatkit-desktop\` by name.)" ;;
    esac
}

case ${1:-} in
    "") install ;;
    --uninstall) uninstall ;;
    -h | --help) echo "$usage" ;;
    *) echo "$usage" >&2; exit 2 ;;
esac
