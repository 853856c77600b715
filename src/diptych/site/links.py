"""URLs the site makes: translated and side-by-side pages, catalog edit links."""

from __future__ import annotations

import posixpath
from urllib.parse import quote, urljoin, urlsplit

from ..suggestions.form import form_url

# Side-by-side pages live under this folder of each target language: /en/side-by-side/...
PAIR_DIR = "side-by-side"


def page_url(rel_path: str, use_directory_urls: bool = True) -> str:
    """The site-relative URL of a source page (``statements/x.md`` -> ``statements/x/``),
    percent-encoded as MkDocs writes URLs."""
    return quote(page_path(rel_path, use_directory_urls))


def page_path(rel_path: str, use_directory_urls: bool = True) -> str:
    """:func:`page_url` before percent-encoding: the page's folder in the built site."""
    stem = rel_path[:-3] if rel_path.endswith(".md") else rel_path
    if posixpath.basename(stem) in ("index", "README"):
        stem = posixpath.dirname(stem)
        return f"{stem}/" if stem else ""
    return f"{stem}/" if use_directory_urls else f"{stem}.html"


def pair_src_uri(rel_path: str) -> str:
    """The virtual source path of a page's side-by-side view (never a file in docs/)."""
    return f"{PAIR_DIR}/{rel_path}"


def pair_dest_uri(rel_path: str, lang: str) -> str:
    """Where a side-by-side page is written: ``en/side-by-side/statements/x/index.html``."""
    return f"{lang}/{PAIR_DIR}/{page_path(rel_path)}index.html"


def pair_url(rel_path: str, lang: str) -> str:
    return f"{lang}/{PAIR_DIR}/{page_url(rel_path)}"


def translated_url(rel_path: str, lang: str, source: str) -> str:
    url = page_url(rel_path)
    return url if lang == source else f"{lang}/{url}"


def catalog_edit_url(
    repo_url: str | None,
    edit_uri: str | None,
    docs_dir_name: str,
    catalog_rel: str,
    line: int | None,
) -> str | None:
    """A link that opens a catalog on GitHub (or GitLab...) in its editor, at ``line``.

    ``edit_uri`` is MkDocs' setting for editing pages (``edit/main/docs/``); catalogs sit
    beside ``docs/``, so the link is made from it with the docs folder taken off the end.
    """
    if not repo_url:
        return None
    prefix = (edit_uri if edit_uri is not None else "edit/main/docs/").strip("/")
    parts = prefix.split("/") if prefix else []
    if parts and parts[-1] == docs_dir_name.strip("/"):
        parts = parts[:-1]
    base = repo_url.rstrip("/") + "/"
    path = "/".join([*parts, quote(catalog_rel)])
    url = urljoin(base, path)
    return f"{url}#L{line}" if line else url


def suggestion_url(
    repo_url: str | None, lang: str, page: str, msgid: str, shown: str | None
) -> str | None:
    """The issue form that suggests a fix for one unit (:mod:`diptych.suggestions.form`),
    where the repository is on GitHub (None elsewhere: the catalog link stands in)."""
    if not repo_url or not urlsplit(repo_url).netloc.lower().endswith("github.com"):
        return None
    return form_url(repo_url, lang, page, msgid, shown)
