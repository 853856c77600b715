"""The site layer: what the MkDocs hooks in hooks/ call to render pages from catalogs.

Plain modules, testable without MkDocs: :mod:`.views` (a page's units in a language and
what may be shown), :mod:`.pair` (the side-by-side view), :mod:`.listing` (statements by
date, the dashboard), :mod:`.page_parts`, :mod:`.links`, :mod:`.escape`; their interface
words are in :mod:`diptych.ui`.
What the hooks share: :mod:`.build` (what a build reads, once), :mod:`.state` (the
build's state, one object reached one way), :mod:`.order` (the hooks' run order, declared
once) and :mod:`.i18n` (all they rely on in mkdocs-static-i18n).
"""
