"""Text into the HTML the site layer writes: one escape for all of it."""

from __future__ import annotations

import html


def e(text: object) -> str:
    """``text`` as HTML text or as a quoted attribute's value: ``&``, ``<``, ``>``, ``"``
    and ``'`` escaped (:func:`html.escape`; MarkupSafe's ``escape`` writes the quotes as
    ``&#34;`` and ``&#39;``, other bytes than the site has always had)."""
    return html.escape(str(text), quote=True)
