"""The web manifest: what a phone needs to put the site on its home screen, with its name,
its icons and its colours, opening like an app (and, with the service worker, offline).

Addresses are relative to the manifest at the site root, so a site under a sub-path works.
"""

from __future__ import annotations

import json

from kookboek.images.app_icons import MANIFEST_ICONS, MASKABLE_ICON, MASKABLE_SIZE

MANIFEST_PATH = "manifest.webmanifest"
APP_FLAG = "kookboek_app"  # in config.extra: True when the manifest and icons were made
ICONS_DIR = "assets/images"
THEME_COLOUR = "#b23a22"  # the header's tomato red (kookboek.css --kb-tomato)
BACKGROUND_COLOUR = "#fdf6ea"  # the pages' cream
SHORT_NAME_LENGTH = 12  # what a home screen shows under an icon without cutting it off


def short_name(site_name: str, chosen: str = "") -> str:
    """The name under the icon: the one chosen in mkdocs.yml (``korte_naam``), else the
    site's name when it fits, else "Kookboek"."""
    if chosen.strip():
        return chosen.strip()
    return site_name if len(site_name) <= SHORT_NAME_LENGTH else "Kookboek"


def web_manifest(site_name: str, description: str, chosen_short_name: str = "") -> str:
    manifest = {
        "name": site_name,
        "short_name": short_name(site_name, chosen_short_name),
        "description": description,
        "lang": "nl-BE",
        "dir": "ltr",
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "theme_color": THEME_COLOUR,
        "background_color": BACKGROUND_COLOUR,
        "icons": [
            *(
                {"src": f"{ICONS_DIR}/{name}", "sizes": f"{size}x{size}", "type": "image/png"}
                for name, size in MANIFEST_ICONS.items()
            ),
            {
                "src": f"{ICONS_DIR}/{MASKABLE_ICON}",
                "sizes": f"{MASKABLE_SIZE}x{MASKABLE_SIZE}",
                "type": "image/png",
                "purpose": "maskable",
            },
        ],
    }
    return json.dumps(manifest, ensure_ascii=False, indent=2) + "\n"
