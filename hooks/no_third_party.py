"""A page that would make readers' browsers ask another host fails the build (strict)."""

from __future__ import annotations

import logging
from typing import Any

from mkdocs.plugins import event_priority

from diptych.site.order import priority
from diptych.site.remote import remote_requests

log = logging.getLogger("mkdocs.diptych")


@event_priority(priority("no_third_party", "on_post_page"))
def on_post_page(output: str, page: Any, config: Any) -> str:
    for found in remote_requests(output):
        log.warning("%s: a request to another host: %s", page.file.src_uri, found)
    return output
