"""Which language a post is written in, detected offline (py3langid)."""

from functools import cache

#: Below this many letters a guess is no better than the author's language.
MIN_LETTERS = 20
#: Enough text to tell a language; the rest only costs time.
SAMPLE = 2000
#: The detector's normalised probability a guess must reach to be believed.
MIN_CONFIDENCE = 0.8
#: The detector's answer for text without language (ISO 639-2 "no linguistic
#: content": codes, numbers, gibberish), which says nothing about the words around it.
NO_LANGUAGE = "zxx"


@cache
def _identifier():
    # Loading the model takes about a second: once per process, on first use.
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect(text: str, *, fallback: str = "") -> str:
    """Return the code of the language ``text`` is written in: ISO 639-1 where the
    language has one (``de``, ``en``), else ISO 639-3 (``yue``).

    ``fallback`` (the author's language, '' if unknown) is returned when the
    text is too short, the detector is unsure or finds no language in it;
    py3langid's model covers 141 languages and runs offline.
    """
    if sum(char.isalpha() for char in text) < MIN_LETTERS:
        return fallback
    code, confidence = _identifier().classify(text[:SAMPLE])
    return code if confidence >= MIN_CONFIDENCE and code != NO_LANGUAGE else fallback
