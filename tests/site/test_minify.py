"""The built site's own scripts and stylesheets are minified; Material's and the theme's are
left as they are."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from kookboek.site.minify import minify_assets

REPO = Path(__file__).resolve().parents[2]
THEME_ASSETS = REPO / "theme" / "assets"


def node_program() -> str:
    node = shutil.which("node")
    assert node, "node is missing: .ci/run installs it (npm), as the page checkers need it"
    return node


SCRIPT = """/* A comment the phone never needs. */
(function () {
  "use strict";
  // The regular expression and the string keep their spaces.
  var pattern = /a b+\\/c/g;
  var text = "twee  spaties";
  window.kbMinified = text.replace(pattern, "x") + " / " + (10 / 2);
})();
"""
STYLESHEET = """/* Cook mode. */
.kb-cook  >  .kb-cook__step {
  font-size : 1.6rem ;
  content: "een  twee";
}
"""


def test_minifies_the_sites_own_files_and_leaves_minified_ones(tmp_path: Path) -> None:
    scripts = tmp_path / "assets" / "javascripts"
    styles = tmp_path / "assets" / "stylesheets"
    scripts.mkdir(parents=True)
    styles.mkdir(parents=True)
    (scripts / "kookstand.js").write_text(SCRIPT, encoding="utf-8")
    (styles / "kookstand.css").write_text(STYLESHEET, encoding="utf-8")
    material = "/* keep */ var a = 1;\n"
    (scripts / "bundle.1234.min.js").write_text(material, encoding="utf-8")
    (scripts / "bundle.1234.min.js.map").write_text("{}", encoding="utf-8")

    sizes = minify_assets(tmp_path)

    assert set(sizes) == {"assets/javascripts/kookstand.js", "assets/stylesheets/kookstand.css"}
    script = (scripts / "kookstand.js").read_text(encoding="utf-8")
    assert "comment" not in script and "\n  " not in script
    assert '"twee  spaties"' in script and "/a b+\\/c/g" in script
    assert sizes["assets/javascripts/kookstand.js"] == (len(SCRIPT), len(script))
    style = (styles / "kookstand.css").read_text(encoding="utf-8")
    assert style == '.kb-cook>.kb-cook__step{font-size:1.6rem;content:"een  twee"}'
    assert (scripts / "bundle.1234.min.js").read_text(encoding="utf-8") == material


def test_a_minified_script_still_does_what_it_says(tmp_path: Path) -> None:
    node = node_program()
    scripts = tmp_path / "assets" / "javascripts"
    scripts.mkdir(parents=True)
    (scripts / "kookstand.js").write_text(SCRIPT, encoding="utf-8")
    minify_assets(tmp_path)
    run = subprocess.run(
        [
            node,
            "-e",
            "globalThis.window = globalThis; require(process.argv[1]);"
            " console.log(window.kbMinified)",
            str(scripts / "kookstand.js"),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert run.stdout.strip() == "twee  spaties / 5"


@pytest.mark.parametrize(
    "source", sorted(THEME_ASSETS.glob("javascripts/*.js")), ids=lambda path: path.name
)
def test_every_theme_script_parses_after_minifying(tmp_path: Path, source: Path) -> None:
    node = node_program()
    target = tmp_path / "assets" / "javascripts" / source.name
    target.parent.mkdir(parents=True)
    target.write_bytes(source.read_bytes())
    minify_assets(tmp_path)
    assert target.stat().st_size < source.stat().st_size
    subprocess.run([node, "--check", str(target)], check=True, capture_output=True)
