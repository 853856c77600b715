"""A reader's fix, from the site's "Suggest a fix" link to a pull request.

The link opens a GitHub issue form (:mod:`.form`) prefilled with the language, the page,
the unit and the translation the reader saw; the reader types the new text. A workflow
runs ``diptych suggest`` on the issue's event: :mod:`.apply` puts the text into the
catalog by the rules of ``diptych review``, :mod:`.publish` commits it on a branch with
the volunteer credited and opens (or updates) the pull request through :mod:`diptych.github`,
and the issue gets a comment with the pull request's link or, in plain words, why not.
"""
