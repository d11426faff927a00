"""The guide's core logic, in plain Python.

Nothing here imports MkDocs: the hooks in ``hooks/`` are thin adapters that call into this
package, so the logic can be tested alone and can outlive the site generator.
"""
