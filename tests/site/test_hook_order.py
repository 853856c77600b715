"""The hooks' run order is the one declared in diptych.site.order, and docs-dev/site.md
shows that declaration.

MkDocs is asked, not the hooks' source: the project's mkdocs.yml is loaded and each
event's handlers are read in the order MkDocs will run them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from diptych.errors import DiptychError
from diptych.site import order
from tests.support.repo import CONFIG, REPO

EVENTS = sorted({step.event for step in order.STEPS})


@pytest.fixture(scope="module")
def config() -> MkDocsConfig:
    return load_config(str(CONFIG))


def _name(method: Callable[..., Any], config: MkDocsConfig) -> tuple[str, bool]:
    """(name, is a hook) of an event handler: a hook's file name without ``.py``, or
    the plugin's name in mkdocs.yml."""
    owner = getattr(method, "__self__", None)
    if owner is None:
        return Path(method.__module__).stem, True
    return next(name for name, plugin in config.plugins.items() if plugin is owner), False


def _declared(event: str) -> list[tuple[str, bool]]:
    return [(s.name, s.is_hook) for s in order.STEPS if s.event == event]


@pytest.mark.parametrize("event", EVENTS)
def test_mkdocs_runs_each_event_in_the_declared_order(config: MkDocsConfig, event: str) -> None:
    """Every hook's handler of the event, and the declared plugins' ones, in MkDocs'
    order. Fails when a priority changes in a hook or in mkdocs-static-i18n, when
    mkdocs.yml lists the hooks in another order, or when a handler is not declared."""
    declared = _declared(event)
    handlers = [_name(method, config) for method in config.plugins.events[event[3:]]]
    ran = [(name, hook) for name, hook in handlers if hook or (name, hook) in declared]
    assert ran == declared


@pytest.mark.parametrize("step", order.STEPS, ids=lambda s: f"{s.name}.{s.event}")
def test_each_handler_has_its_declared_priority(config: MkDocsConfig, step: order.Step) -> None:
    """Fails when a hook's priority drifts from the declaration (one written in the hook
    instead of taken from it), or a plugin's does."""
    owners = {
        (_name(method, config), event): method
        for event, methods in config.plugins.events.items()
        for method in methods
    }
    method = owners[((step.name, step.is_hook), step.event[3:])]
    assert getattr(method, "mkdocs_priority", 0) == step.priority


def test_every_hook_in_mkdocs_yml_declares_its_handlers(config: MkDocsConfig) -> None:
    """Every ``on_*`` function of every hook file is a declared step, and every declared
    step of a hook exists. Fails on a handler added without a declaration."""
    found = {
        (Path(name).stem, attribute)
        for name, module in config["hooks"].items()
        for attribute in vars(module)
        if attribute.startswith("on_")
    }
    declared = {(s.name, s.event) for s in order.STEPS if s.is_hook}
    assert found == declared
    listed = {Path(name).stem for name in config["hooks"]}
    assert listed == {s.name for s in order.STEPS if s.is_hook}


def test_docs_dev_shows_the_declared_order() -> None:
    """Fails when docs-dev/site.md's "Run order" table is not the declaration."""
    text = (REPO / "docs-dev" / "site.md").read_text(encoding="utf-8")
    assert order.markdown_table() in text, "paste order.markdown_table() into docs-dev/site.md"


def test_an_undeclared_handler_is_refused_with_the_hook_named() -> None:
    """Fails when a hook could take a priority that nothing declares."""
    with pytest.raises(DiptychError, match=r"hooks/banner\.py: on_files is not declared"):
        order.priority("banner", "on_files")
