"""cssbuild/: the theme's stylesheets cut to the rules a built site uses (a small site made here;
the real one is compared in Chromium by tests/browser/test_theme_css.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from cssbuild import build

THEME = ".md-used{color:red}.md-unused{color:blue}[hidden]{display:none}.set-by-script{margin:0}\n/*# sourceMappingURL=main.0123abcd.min.css.map*/"
LINK = '<link rel="stylesheet" href="{prefix}assets/stylesheets/main.0123abcd.min.css">'


def make_site(root: Path) -> Path:
    css = root / "assets" / "stylesheets"
    css.mkdir(parents=True)
    (css / "main.0123abcd.min.css").write_text(THEME, encoding="utf-8")
    (css / "main.0123abcd.min.css.map").write_text("{}", encoding="utf-8")
    (css / "screen.css").write_text(".own{color:green}", encoding="utf-8")
    (root / "index.html").write_text(
        f"<html><head>{LINK.format(prefix='')}</head><body><p class=md-used hidden></p></body></html>"
    )
    (root / "trin-1").mkdir()
    (root / "trin-1" / "index.html").write_text(f"<html><head>{LINK.format(prefix='../')}</head><body></body></html>")
    (root / "app.js").write_text('el.classList.add("set-by-script")', encoding="utf-8")
    return root


def test_keeps_what_pages_and_scripts_use_under_a_new_name(tmp_path):
    site = make_site(tmp_path)
    [cut] = build(site)
    assert cut.old == "assets/stylesheets/main.0123abcd.min.css" and cut.new != cut.old
    kept = (site / cut.new).read_text(encoding="utf-8")
    assert ".md-used" in kept and ".set-by-script" in kept and "[hidden]" in kept
    assert ".md-unused" not in kept and "sourceMappingURL" not in kept
    assert not (site / cut.old).exists() and not (site / (cut.old + ".map")).exists()
    name = cut.new.rsplit("/", 1)[1]
    assert f'href="../assets/stylesheets/{name}"' in (site / "trin-1" / "index.html").read_text(encoding="utf-8")
    assert f'href="assets/stylesheets/{name}"' in (site / "index.html").read_text(encoding="utf-8")
    assert (site / "assets" / "stylesheets" / "screen.css").read_text(encoding="utf-8") == ".own{color:green}"


@pytest.mark.parametrize(
    ("link", "message"),
    [
        (  # a theme stylesheet the front page does not link
            '<link rel="stylesheet" href="../assets/stylesheets/other.89abcdef.min.css">',
            r"trin-1/index\.html links \.\./assets/stylesheets/other\.89abcdef\.min\.css",
        ),
        (  # the attributes in another order: the page would keep the removed file
            '<link href="../assets/stylesheets/main.0123abcd.min.css" rel="stylesheet">',
            r"trin-1/index\.html names main\.0123abcd\.min\.css",
        ),
    ],
)
def test_a_page_it_cannot_point_to_the_cut_copy_stops_it_and_nothing_changes(tmp_path, link, message):
    site = make_site(tmp_path)
    (site / "trin-1" / "index.html").write_text(link, encoding="utf-8")
    before = {p: p.read_bytes() for p in site.rglob("*") if p.is_file()}
    with pytest.raises(SystemExit, match=message):
        build(site)
    assert {p: p.read_bytes() for p in site.rglob("*") if p.is_file()} == before


def test_a_folder_that_is_not_a_built_site_is_refused(tmp_path):
    with pytest.raises(SystemExit, match="not a built site"):
        build(tmp_path)
