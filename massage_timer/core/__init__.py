"""The pure core: techniques, routines, planning, the session engine and the clock.

Also the editor's model, the routine writer, routine ids, the safe file reader and the
one translation system (``i18n``, gettext). Nothing under this package imports Qt or
anything beyond the standard library and tomli_w; tests/test_layout.py checks every module.
"""
