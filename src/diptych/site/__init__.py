"""The site layer: what the MkDocs hooks in hooks/ call to render pages from catalogs.

Plain modules, testable without MkDocs: :mod:`.views` (a page's units in a language and
what may be shown), :mod:`.pair` (the side-by-side view), :mod:`.listing` (statements by
date, the dashboard), :mod:`.page_parts`, :mod:`.links`, :mod:`.strings`, and
:mod:`.build` (the state a build shares between hooks).
"""
