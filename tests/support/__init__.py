"""What the tests share, in the manner of MkDocs' ``tests/base.py``: helpers that make
tiny projects and look at what Diptych and MkDocs make of them. Imported one way,
``from tests.support.<module> import …`` (the repository's root is on pytest's path);
fixtures stay in the conftest.py files and are thin over these.

- ``repo``: the repository's own files tests read (root, mkdocs.yml, fixture models);
- ``project``: mini projects (one mkdocs.yml template) and :class:`Project`, the
  command-line tests' project with the real ``diptych`` run on it;
- ``pages``: the sample pages and their translations;
- ``catalogs``: catalogs in any state, made the way Diptych and a person make them;
- ``cli``: running the real command line in-process;
- ``site``: building a project (:class:`Built`) and serving a built site;
- ``html``: reading built pages;
- ``external``: tools outside Python (Chromium, the Nu Html Checker, axe-core);
- ``github``: a fake GitHub API and the recorded ``issues`` event;
- ``files``: a project's files, compared before and after a run.
"""
