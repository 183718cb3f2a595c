"""editions: one Markdown article, many language editions, through gettext.

The pipeline, one module per step, pure functions over one model
(:mod:`editions.model`); files are read and written only at the ends::

    source_text/<doc>.md    --source.parse-->      Article (the source language)
    Article                 --catalog.to_pot-->    locales/<doc>.pot
    locales/<lang>/LC_MESSAGES/<doc>.po --po.read-->   polib catalog
    Article x catalog       --catalog.localize-->  Article (<lang>)
    Article (<lang>)        --render.markdown-->   build/<lang>/<doc>.md
                            --render.html-->       build/<lang>/<doc>.html

Locale facts (direction, native names, plural forms, dates) come from CLDR
through :mod:`editions.localedata`, the only module that imports babel.
Every error is an :class:`editions.errors.EditionsError` carrying a path and a
line; the command line (:mod:`editions.cli`) prints ``path:line: error: ...``.
"""

__version__ = "0.1.0"
