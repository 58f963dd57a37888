"""Coding for languages other than English, one package per language.

Each package reads its language's words with its own lexicons and morphology, and hands
its mentions to the language-neutral parts of :mod:`eventledger.code` (merging candidates
into events, dates, places and claims of an event), so every event record has the same shape
and the same grounding whatever the language of the article.
"""
