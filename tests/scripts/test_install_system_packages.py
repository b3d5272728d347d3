"""scripts/install-system-packages.sh, which `make test` and .ci/run call first: quiet when all is
there, apt-get for what is missing as root (or with password-less sudo), else one exact line.

The machine's own packages are never touched: dpkg-query, id, java, npm, sudo and apt-get are
stand-ins on a PATH of their own, and apt-get only writes down how it was called.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from project_paths import REPO

SCRIPT = REPO / "scripts" / "install-system-packages.sh"
PACKAGES = [
    "python3-venv", "libpango-1.0-0", "libpangoft2-1.0-0", "libharfbuzz-subset0",
    "fonts-dejavu-core", "poppler-utils", "chromium", "firefox-esr", "webkit2gtk-driver", "xvfb",
    "caddy", "systemd",
]  # fmt: skip

# dpkg-query -W -f='${Package}=${Status} ' NAME...: one entry per package it knows, an error
# on stderr (and exit 1) for the others, as the real one does.
DPKG_QUERY = r"""#!/bin/bash
shift 2
status=0
for name in "$@"; do
  case " $INSTALLED " in
    *" $name "*) printf '%s=install ok installed ' "$name" ;;
    *) case " $REMOVED " in
         *" $name "*) printf '%s=deinstall ok config-files ' "$name" ;;
         *) echo "dpkg-query: no packages found matching $name" >&2; status=1 ;;
       esac ;;
  esac
done
exit $status
"""
APT_GET = '#!/bin/bash\necho "apt-get $*" >> "$LOG"\n'
ID = '#!/bin/bash\necho "$FAKE_UID"\n'
NPM = "#!/bin/bash\nexit 0\n"
SUDO = '#!/bin/bash\n[ "$*" = "-n true" ] && exit 0\necho "sudo:" >> "$LOG"\nexec "$@"\n'


def java(version: str) -> str:
    return f"#!/bin/bash\necho 'openjdk version \"{version}\" 2025-04-15' >&2\n"


def run(
    tmp_path: Path,
    *,
    uid: int,
    installed: list[str],
    removed: tuple[str, ...] = (),
    npm: bool = True,
    java_version: str | None = "17.0.15",
    sudo: bool = False,
) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    stubs = tmp_path / "bin"
    stubs.mkdir(parents=True)
    commands = {"dpkg-query": DPKG_QUERY, "apt-get": APT_GET, "id": ID}
    if npm:
        commands["npm"] = NPM
    if java_version:
        commands["java"] = java(java_version)
    if sudo:
        commands["sudo"] = SUDO
    for name, text in commands.items():
        (stubs / name).write_text(text, encoding="utf-8")
        (stubs / name).chmod(0o755)
    log = tmp_path / "apt-get.log"
    env = {
        "PATH": str(stubs),
        "INSTALLED": " ".join(installed),
        "REMOVED": " ".join(removed),
        "FAKE_UID": str(uid),
        "LOG": str(log),
    }
    done = subprocess.run(
        ["/bin/bash", str(SCRIPT)], env=env, capture_output=True, text=True, timeout=30
    )
    calls = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
    return done, calls


@pytest.mark.parametrize("uid", [0, 1000])
def test_nothing_to_do_when_everything_is_there(tmp_path: Path, uid: int) -> None:
    done, calls = run(tmp_path, uid=uid, installed=PACKAGES)
    assert (done.returncode, done.stdout, done.stderr, calls) == (0, "", "", [])


def test_as_root_apt_get_installs_exactly_what_is_missing(tmp_path: Path) -> None:
    missing = {"caddy", "firefox-esr", "webkit2gtk-driver"}
    done, calls = run(
        tmp_path,
        uid=0,
        installed=[p for p in PACKAGES if p not in missing],
        npm=False,
        java_version="11.0.2",
    )
    assert done.returncode == 0, done.stderr
    assert calls == [
        "apt-get update -qq",
        "apt-get install -y -qq --no-install-recommends "
        "firefox-esr webkit2gtk-driver caddy npm default-jre-headless",
    ]
    assert done.stdout == (
        "Installing system packages: firefox-esr webkit2gtk-driver caddy npm default-jre-headless\n"
    )


def test_with_password_less_sudo_it_installs_through_sudo(tmp_path: Path) -> None:
    done, calls = run(tmp_path, uid=1000, installed=[p for p in PACKAGES if p != "xvfb"], sudo=True)
    assert done.returncode == 0, done.stderr
    assert calls == [
        "sudo:",
        "apt-get update -qq",
        "sudo:",
        "apt-get install -y -qq --no-install-recommends xvfb",
    ]


def test_without_root_it_stops_at_once_with_the_one_install_line(tmp_path: Path) -> None:
    done, calls = run(
        tmp_path,
        uid=1000,
        installed=[p for p in PACKAGES if p not in ("caddy", "chromium")],
        removed=("caddy",),  # removed, its configuration kept: not installed
        java_version=None,
    )
    assert done.returncode == 1
    assert calls == []
    assert done.stdout == ""
    assert done.stderr.splitlines() == [
        "Missing system packages: chromium caddy default-jre-headless",
        "Install them with:",
        "  sudo apt-get update && sudo apt-get install -y --no-install-recommends "
        "chromium caddy default-jre-headless",
    ]


def test_java_1_8_is_too_old_and_java_21_is_fine(tmp_path: Path) -> None:
    old, _ = run(tmp_path / "old", uid=1000, installed=PACKAGES, java_version="1.8.0_392")
    assert "Missing system packages: default-jre-headless" in old.stderr
    new, _ = run(tmp_path / "new", uid=1000, installed=PACKAGES, java_version="21.0.4")
    assert (new.returncode, new.stderr) == (0, "")


def test_make_test_and_ci_run_it_first() -> None:
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    assert "\ntest: system-packages " in makefile
    assert "\nsystem-packages:\n\t@scripts/install-system-packages.sh\n" in makefile
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert ci.index("scripts/install-system-packages.sh") < ci.index("./kookboek check")
    assert "apt-get" not in ci  # one list of packages: the script's
    assert SCRIPT.stat().st_mode & 0o111
