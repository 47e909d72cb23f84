"""Which language a post is written in, detected offline (py3langid)."""

from functools import cache

#: Below this many letters a guess is no better than the author's language.
MIN_LETTERS = 20
#: Enough text to tell a language; the rest only costs time.
SAMPLE = 2000
#: The detector's normalised probability a guess must reach to be believed.
MIN_CONFIDENCE = 0.8


@cache
def _identifier():
    # Loading the model takes about a second: once per process, on first use.
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect(text: str, *, fallback: str = "") -> str:
    """Return the ISO 639-1 code of the language ``text`` is written in.

    ``fallback`` (the author's language, '' if unknown) is returned when the
    text is too short or the detector is unsure; py3langid's model covers 97
    languages and runs offline.
    """
    if sum(char.isalpha() for char in text) < MIN_LETTERS:
        return fallback
    code, confidence = _identifier().classify(text[:SAMPLE])
    return code if confidence >= MIN_CONFIDENCE else fallback
