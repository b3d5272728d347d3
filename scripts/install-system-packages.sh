#!/usr/bin/env bash
# The system packages the builds and the tests need, from Debian/Ubuntu's own archive (no
# browser or tool is downloaded from anywhere else). Checks them in one dpkg-query call, so
# `make test` runs it every time; installs what is missing with apt-get when it runs as root
# or may use sudo without a password, and otherwise stops at once with the one command to type.
#
#   python3-venv                                         .venv (./kookboek creates it)
#   libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0   WeasyPrint (the PDFs)
#   fonts-dejavu-core                                    a fallback font for the PDF checks
#   poppler-utils                                        pdftotext/pdftoppm in the PDF tests
#   chromium                                             the browser tests (Playwright drives it)
#   firefox-esr                                          the Firefox tests (WebDriver BiDi)
#   webkit2gtk-driver xvfb                               the WebKit tests (WebKitWebDriver on Xvfb)
#   caddy                                                the form behind HTTPS (deploy/Caddyfile)
#   systemd                                              systemd-analyze checks the service file
#   npm, Java 17+ (default-jre-headless)                 the W3C Nu HTML checker
#
# npm is looked up as a command, not as a package: a Node.js from elsewhere (NodeSource's
# `nodejs` brings its own npm and conflicts with Debian's) is fine.
set -euo pipefail

packages=(python3-venv libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core
          poppler-utils chromium firefox-esr webkit2gtk-driver xvfb caddy systemd)

missing=()
if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "No dpkg-query: not Debian or Ubuntu. Install these yourself (see the README):" >&2
  echo "  ${packages[*]} npm java-17" >&2
  exit 0
fi
installed=" $(dpkg-query -W -f='${Package}=${Status} ' "${packages[@]}" 2>/dev/null || true) "
for package in "${packages[@]}"; do
  [[ $installed == *" $package=install ok installed "* ]] || missing+=("$package")
done
command -v npm >/dev/null 2>&1 || missing+=(npm)
java_major=0
if java_version=$(java -version 2>&1) &&
  [[ $java_version =~ version\ \"(1\.)?([0-9]+) ]]; then
  java_major=${BASH_REMATCH[2]}
fi
[ "$java_major" -ge 17 ] || missing+=(default-jre-headless)

[ ${#missing[@]} -eq 0 ] && exit 0

install_line="apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
  run=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  run=(sudo)
else
  echo "Missing system packages: ${missing[*]}" >&2
  echo "Install them with:" >&2
  echo "  sudo apt-get update && sudo $install_line" >&2
  exit 1
fi
echo "Installing system packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
"${run[@]}" apt-get update -qq
"${run[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
