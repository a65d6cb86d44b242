"""The pure core: techniques, routines, planning, the session engine and the clock.

Nothing under this package imports Qt; a test checks that in a fresh interpreter.
"""
