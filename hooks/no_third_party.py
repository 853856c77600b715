"""A page that would make readers' browsers ask another host fails the build (strict)."""

from __future__ import annotations

import logging
from typing import Any

from diptych.site.remote import remote_requests

log = logging.getLogger("mkdocs.diptych")


def on_post_page(output: str, page: Any, config: Any) -> str:
    for found in remote_requests(output):
        log.warning("%s: a request to another host: %s", page.file.src_uri, found)
    return output
