"""The site's Markdown renderer, usable outside a MkDocs build.

MkDocs renders pages with Python-Markdown and the extensions ``mkdocs.yml`` lists (plus
its built-in ``toc``, ``tables`` and ``fenced_code``). Whatever judges a translation (the
check, ``diptych review``, the build's refusal) must see the HTML that renderer makes, not
what another parser thinks of the Markdown: a :class:`Renderer` is Python-Markdown
configured from the MkDocs configuration itself, loaded with MkDocs' own schema.

A renderer remembers its conversions (same Markdown, same HTML), so a Russian unit shown
on the side-by-side page of every language is converted once. The memory lives in the
instance, which lives as long as one build or one command.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import markdown

from .errors import ConfigError, RenderError


@dataclass
class Renderer:
    """Python-Markdown with the site's extensions and their settings."""

    extensions: Sequence[Any]
    configs: Mapping[str, Any]
    _made: list[markdown.Markdown] = field(default_factory=list, repr=False)
    _memo: dict[str, str] = field(default_factory=dict, repr=False)

    @classmethod
    def for_mkdocs(cls, config: Any) -> Renderer:
        """The renderer of a loaded MkDocs configuration (inside a build)."""
        return cls(list(config.markdown_extensions), dict(config.mdx_configs))

    @classmethod
    def for_config_file(cls, config_file: Path) -> Renderer:
        """The renderer ``mkdocs build`` would use for ``config_file``: its
        ``markdown_extensions``, read and validated by MkDocs' own loader and schema (so a
        python tag such as ``toc.slugify``'s is resolved as the build resolves it)."""
        from mkdocs.config import base
        from mkdocs.config import config_options as c
        from mkdocs.utils.yaml import yaml_load

        class Markdown(base.Config):  # type: ignore[no-untyped-call]
            # As mkdocs.config.defaults.MkDocsConfig declares them.
            markdown_extensions = c.MarkdownExtensions(
                builtins=["toc", "tables", "fenced_code"], configkey="mdx_configs", default=[]
            )
            mdx_configs = c.Private[dict[str, Any]]()

        hint = "run `mkdocs build` to see the problem in MkDocs' words"
        try:
            with config_file.open(encoding="utf-8") as stream:
                data = yaml_load(stream) or {}
        except Exception as exc:  # YAML and !ENV errors, an unreadable file
            raise ConfigError(f"cannot read it: {exc}", path=config_file, hint=hint) from None
        config = Markdown(config_file_path=str(config_file))
        config.load_dict({"markdown_extensions": data.get("markdown_extensions", [])})
        errors, _ = config.validate()
        if errors:
            message = "; ".join(f"{name}: {error}" for name, error in errors)
            raise ConfigError(message, path=config_file, hint=hint)
        return cls(list(config.markdown_extensions), dict(config.mdx_configs))

    def html(self, text: str) -> str:
        """``text`` (Markdown without front matter) as the site would render it."""
        out = self._memo.get(text)
        if out is None:
            out = self._memo[text] = self._convert(text)
        return out

    def _convert(self, text: str) -> str:
        if not self._made:
            self._made.append(
                markdown.Markdown(extensions=list(self.extensions), extension_configs=self.configs)
            )
        md = self._made[0]
        md.reset()
        try:
            return md.convert(text)
        except RecursionError:
            md.reset()
            raise RenderError(
                "the Markdown is nested too deeply to render",
                hint="flatten the nested lists, quotes or emphasis",
            ) from None
