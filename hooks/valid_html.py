"""Every page leaves the build as valid HTML (see diptych.site.html_fixes)."""

from __future__ import annotations

from typing import Any

from mkdocs.plugins import event_priority

from diptych.site.html_fixes import valid_html
from diptych.site.order import priority


@event_priority(priority("valid_html", "on_post_page"))
def on_post_page(output: str, page: Any, config: Any) -> str:
    return valid_html(output)


@event_priority(priority("valid_html", "on_post_template"))
def on_post_template(output_content: str, template_name: str, config: Any) -> str:
    return valid_html(output_content) if template_name.endswith(".html") else output_content
