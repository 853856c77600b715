"""The repository's developer tools (not part of the ``diptych`` package).

``tools.testmodels`` builds the miniature Argos packages the tests load
(``.venv/bin/python -m tools.testmodels``); ``translit.py`` holds the rules those
packages learn; ``ci/`` and ``screenshots.py`` are scripts run by path.
"""
