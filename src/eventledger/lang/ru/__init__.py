"""Russian: triggers, casualty counts, places, actors and attribution read by lemma.

Russian inflects nouns, adjectives and numerals for case, gender and number ("в Киеве",
"Белгородской области", "семерых"), so every lexicon here is keyed by the lemma that
pymorphy3 (OpenCorpora dictionaries, shipped inside ``pymorphy3-dicts-ru``) gives a word;
the spans still point at the inflected words in the text.
"""
