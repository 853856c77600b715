"""Machine translation engines, interchangeable behind one interface.

``interface`` holds what the rest of Diptych sees of an engine (:class:`Engine`,
:class:`Translator` and their optional abilities); ``argos`` translates with Argos
Translate packages through CTranslate2, ``packages`` finds and installs those packages
into the project, ``index`` downloads them from the Argos package index, ``runaway``
recognises decoding that ran away, and ``pseudo`` pseudo-localises without a model.
Importing this package imports none of them, and no module here does anything when
imported: an engine's folders are its project's, passed in when it is made.
"""
