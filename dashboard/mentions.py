"""Find mentions of the curated people and organizations in article texts.

All aliases of all entities are compiled into one regular expression that runs over a
case- and accent-folded copy of each text; an offset map leads every match back to the
original characters, so ``text[start:end] == mention.text`` always holds.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import accumulate
from operator import itemgetter
from typing import NamedTuple

import pandas as pd

from dashboard.text import locate_all, paragraph_spans, sentence_spans

MENTION_COLUMNS = [
    "article_id",
    "entity_id",
    "entity_type",
    "start",
    "end",
    "text",
    "paragraph",
    "sentence",
]
_INT_COLUMNS = ("start", "end", "paragraph", "sentence")

# Raised whenever the rules change what is found; the mention index on disk is keyed by it
# (and by this module's source), so an index made by an older matcher is never reused.
MATCHER_VERSION = "2026-12-01.surname-evidence"

PERSON = "person"
ORGANIZATION = "organization"

# Translated texts glue a name to the next word ("Barcenaindicated", "Bidenwhere",
# "Beijingwhich"). A name may run into one of these words and nothing else, so "Xinhua" or
# "Tobinx" never count. Kept to function words and the verbs the texts glue on; words such as
# "a", "an" or "s" are left out because "Xi" + "an" is a place and "Trump" + "s" a plural.
RUN_ON_WORDS = frozenset(
    {
        *("in", "the", "where", "whom", "which", "who", "whose", "despite", "indicated"),
        *("said", "says", "stated", "stressed", "added", "noted", "announced", "agreed"),
        *("because", "but", "and", "with", "of", "to", "for", "from", "on", "at", "by"),
        *("as", "is", "was", "has", "had", "have", "will", "would", "that", "this", "then"),
        *("also", "after", "before", "during", "while", "when", "or", "since", "although"),
    }
)

# Title words that may stand right before a shared surname ("Ambassador Salazar"), mapped to
# the word looked for in the candidates' role (a plural title names the singular role).
TITLES: Mapping[str, str] = {
    "president": "president",
    "presidents": "president",
    "vice president": "vice president",
    "ambassador": "ambassador",
    "secretary": "secretary",
    "undersecretary": "undersecretary",
    "minister": "minister",
    "prime minister": "prime minister",
    "foreign minister": "foreign minister",
    "chancellor": "chancellor",
    "deputy": "deputy",
    "director": "director",
    "general": "general",
    "attorney general": "attorney general",
    "senator": "senator",
    "governor": "governor",
    "chief": "chief",
    "leader": "leader",
    "advisor": "advisor",
    "adviser": "adviser",
    "commissioner": "commissioner",
    "admiral": "admiral",
    "dr": "dr",
    "mr": "mr",
    "mrs": "mrs",
    "ms": "ms",
    # Spanish, folded ("el canciller", "la secretaria", "el presidente", "el embajador").
    "presidente": "president",
    "presidenta": "president",
    "expresidente": "president",
    "expresidenta": "president",
    "vicepresidente": "vice president",
    "vicepresidenta": "vice president",
    "canciller": "foreign minister",
    "secretario": "secretary",
    "secretaria": "secretary",
    "subsecretario": "undersecretary",
    "subsecretaria": "undersecretary",
    "embajador": "ambassador",
    "embajadora": "ambassador",
    "ministro": "minister",
    "ministra": "minister",
    "primer ministro": "prime minister",
    "primera ministra": "prime minister",
    "directora": "director",
    "fiscal general": "attorney general",
    "senador": "senator",
    "senadora": "senator",
    "gobernador": "governor",
    "gobernadora": "governor",
    "jefe": "chief",
    "jefa": "chief",
    "asesor": "advisor",
    "asesora": "advisor",
    "comisionado": "commissioner",
    "comisionada": "commissioner",
    "almirante": "admiral",
    "general de division": "general",
    "dra": "dr",
    "sr": "mr",
    "sra": "mrs",
    "srta": "ms",
}

# Ordinary English and Spanish words that are also written as acronyms ("PAN", "SAT", "USA"):
# such an acronym matches only in capitals, never in title case ("el Pan", "he Sat").
ORDINARY_WORDS = frozenset(
    {
        *("ace", "aid", "aids", "aim", "air", "all", "and", "any", "arm", "arms", "art", "ask"),
        *("bad", "ban", "bat", "bed", "big", "bit", "bus", "but", "can", "car", "care", "case"),
        *("cat", "cop", "cut", "dare", "data", "day", "deal", "did", "dot", "due", "ear", "eat"),
        *("end", "era", "eye", "fact", "fair", "fan", "far", "fare", "fast", "fat", "fear"),
        *("fed", "few", "fire", "fit", "fly", "for", "fund", "fun", "gap", "gas", "gate", "get"),
        *("god", "gun", "guy", "had", "has", "hat", "her", "him", "his", "hope", "hot", "how"),
        *("ice", "idea", "ill", "ink", "item", "its", "jet", "job", "key", "kid", "law", "lay"),
        *("led", "leg", "let", "lie", "lift", "lot", "love", "low", "mace", "mad", "made"),
        *("mail", "main", "man", "map", "mask", "may", "men", "met", "mint", "mix", "mob"),
        *("need", "net", "new", "nor", "not", "note", "now", "oak", "odd", "off", "oil", "old"),
        *("one", "oral", "our", "out", "own", "pace", "page", "pair", "pan", "park", "past"),
        *("pay", "peer", "pen", "pet", "pie", "pin", "pit", "plan", "pop", "port", "post", "pot"),
        *("put", "race", "raid", "ran", "rap", "rate", "raw", "real", "red", "rid", "rob"),
        *("rod", "row", "run", "sad", "safe", "sale", "sat", "save", "saw", "say", "sea"),
        *("seal", "see", "send", "set", "she", "ship", "sin", "sit", "site", "six", "sky"),
        *("son", "spy", "star", "sum", "sun", "swat", "tab", "tag", "tan", "tap", "tax", "tea"),
        *("team", "ten", "the", "tie", "tin", "tip", "top", "toy", "try", "two", "unit", "use"),
        *("van", "via", "vote", "war", "was", "wave", "way", "web", "wet", "who", "why", "win"),
        *("won", "word", "work", "yes", "yet", "you"),
        *("ama", "ano", "arte", "aun", "bajo", "base", "cabo", "cada", "cal", "cama", "campo"),
        *("capa", "cara", "casa", "cena", "cine", "clave", "cobre", "con", "cosa", "dar"),
        *("dato", "dia", "don", "dos", "este", "fase", "fin", "fue", "gama", "hoy", "isla"),
        *("lado", "las", "lema", "les", "los", "luz", "mal", "mapa", "mar", "mas", "mes"),
        *("meta", "mil", "mina", "mis", "modo", "mono", "nada", "nave", "nivel", "nos", "nota"),
        *("obra", "ola", "once", "oro", "pais", "par", "paz", "pena", "plata", "poco", "por"),
        *("pozo", "que", "rama", "rango", "rata", "rey", "rio", "roca", "ropa", "rosa", "ruta"),
        *("sal", "san", "sede", "seis", "sello", "ser", "sitio", "sol", "sur", "tal", "tema"),
        *("tio", "tipo", "toma", "tope", "tres", "una", "uno", "usa", "uso", "vale", "vela"),
        *("ver", "vez", "vida", "voz", "zona"),
    }
)

# How each country is named as the qualifier of an institution, folded: "the Ministry of Foreign
# Affairs of China", "Japan's Foreign Ministry", "la Cancillería china". A generic institution
# name qualified by another country than the curated institution's is another institution.
COUNTRY_QUALIFIERS: Mapping[str, tuple[str, ...]] = {
    "MEX": (
        "mexico",
        "united mexican states",
        "estados unidos mexicanos",
        "mexican",
        "mexicano",
        "mexicana",
    ),
    "CHN": ("china", "people's republic of china", "republica popular china", "chinese", "chino"),
    "USA": (
        "united states",
        "united states of america",
        "estados unidos",
        "ee.uu.",
        "eeuu",
        "u.s.",
        "usa",
        "american",
        "estadounidense",
        "norteamericano",
        "norteamericana",
    ),
    "JPN": ("japan", "japon", "japanese", "japones", "japonesa"),
    "CAN": ("canada", "canadian", "canadiense"),
    "PER": ("peru", "peruvian", "peruano", "peruana"),
    "CHL": ("chile", "chilean", "chileno", "chilena"),
    "VEN": ("venezuela", "venezuelan", "venezolano", "venezolana"),
    "COL": ("colombia", "colombian", "colombiano", "colombiana"),
    "IND": ("india", "indian"),
    "KOR": (
        "south korea",
        "korea",
        "corea del sur",
        "corea",
        "south korean",
        "korean",
        "surcoreano",
        "surcoreana",
    ),
    "RUS": ("russia", "russian federation", "rusia", "russian", "ruso", "rusa"),
    "GBR": (
        "united kingdom",
        "great britain",
        "britain",
        "reino unido",
        "british",
        "britanico",
        "britanica",
    ),
    "FRA": ("france", "francia", "french", "frances", "francesa"),
    "DEU": ("germany", "alemania", "german", "aleman", "alemana"),
    "ESP": ("spain", "espana", "spanish", "espanol", "espanola"),
    "BRA": ("brazil", "brasil", "brazilian", "brasileno", "brasilena"),
    "ARG": ("argentina", "argentine", "argentinian", "argentino"),
    "CUB": ("cuba", "cuban", "cubano", "cubana"),
    "GTM": ("guatemala", "guatemalan", "guatemalteco", "guatemalteca"),
    "TWN": ("taiwan", "taiwanese"),
}

# Capitalised words that may stand right before a surname without being another given name:
# words that open a sentence, and nationalities ("Peruvian Castillo"). Titles are added below.
NOT_GIVEN_NAMES = frozenset(
    {
        *("the", "a", "an", "and", "but", "or", "so", "then", "when", "while", "if", "as", "at"),
        *("in", "on", "of", "for", "from", "to", "with", "by", "after", "before", "since", "yet"),
        *("although", "though", "meanwhile", "however", "according", "also", "both", "nor"),
        *("only", "even", "still", "now", "later", "here", "there", "this", "that", "these"),
        *("those", "his", "her", "their", "our", "my", "your", "its", "it", "he", "she", "they"),
        *("we", "you", "former", "late", "ex", "where", "why", "how", "what", "who", "whom"),
        *("el", "la", "los", "las", "un", "una", "y", "e", "o", "pero", "con", "de", "del", "en"),
        *("por", "para", "segun", "sin", "sobre", "tras", "cuando", "mientras", "si", "al"),
        *("que", "como", "ante", "desde", "hasta", "entre", "hacia", "ya", "tambien", "su", "sus"),
        *("este", "esta", "ese", "esa", "aquel", "aquella", "dijo", "afirmo", "senalo", "said"),
        *("democrat", "democratic", "republican", "conservative", "liberal", "populist"),
        *("incumbent", "candidate", "rival", "opponent", "leftist", "rightist"),
        *(word for forms in COUNTRY_QUALIFIERS.values() for form in forms for word in form.split()),
    }
)

# Words after a surname that make it a place ("Ojeda Street", "Calle Ojeda" is caught by the
# capitalised word before it).
PLACE_WORDS = frozenset(
    {
        *("street", "st", "avenue", "ave", "road", "rd", "boulevard", "blvd", "square", "park"),
        *("bridge", "building", "tower", "station", "airport", "stadium", "school", "university"),
        *("calle", "avenida", "av", "plaza", "colonia", "bulevar", "paseo", "calzada", "parque"),
        *("puente", "estadio", "escuela", "universidad", "aeropuerto"),
    }
)

# Typographic variants folded to their ASCII form so "Biden’s" and "Biden's" look alike.
_PUNCTUATION = str.maketrans(
    {
        **dict.fromkeys("’‘‛′ʼ`", "'"),
        **dict.fromkeys("“”„‟″", '"'),
        **dict.fromkeys("\u2010\u2011", "-"),
    }
)
_BLANKS = re.compile(r"\s+")
# Blanks inside an alias may be any run of spaces, but never a line break: a line is a
# paragraph, and a name split across two paragraphs is two fragments, not a mention.
_INLINE_BLANKS = r"[^\S\n\r\u2028\u2029]+"


@dataclass(frozen=True)
class Entity:
    """A person or organization with every surface form the texts use for it."""

    entity_id: str
    entity_type: str
    name: str
    aliases: tuple[str, ...]
    role: str = ""
    country: str = ""


class Mention(NamedTuple):
    """One occurrence of an entity: text[start:end] of the original article is ``text``.

    A named tuple rather than a frozen dataclass: a long article has tens of thousands, and a
    tuple is several times cheaper to make.
    """

    entity_id: str
    entity_type: str
    start: int
    end: int
    text: str


def _strip_marks(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def _fold_char(char: str) -> str:
    # Marks are stripped before and after casefold: "İ".casefold() brings back a combining dot.
    return _strip_marks(_strip_marks(char).casefold()).translate(_PUNCTUATION)


class _FoldTable(dict[int, str]):
    """str.translate table computing each character's folded form once, on first sight."""

    def __missing__(self, codepoint: int) -> str:
        folded = self[codepoint] = _fold_char(chr(codepoint))
        return folded


class _LengthTable(dict[int, str]):
    """str.translate table giving chr(len(folded form)) for each character."""

    def __missing__(self, codepoint: int) -> str:
        length = self[codepoint] = chr(len(_FOLD[codepoint]))
        return length


_FOLD = _FoldTable()
_FOLD_LENGTH = _LengthTable()


def fold(text: str) -> str:
    """Return text without accents, casefolded, with curly quotes made straight."""
    return text.translate(_FOLD)


def folded_text(text: str) -> str:
    """fold(text) as the matcher computes it (the fast path where it applies)."""
    return _FoldedText(text).folded


def alias_key(alias: str) -> str:
    """Return the folded form of an alias with blanks collapsed, as used for matching."""
    return _BLANKS.sub(" ", fold(alias)).strip()


_NON_ASCII = re.compile(r"[^\x00-\x7f]")
# Plain lower() folds every other ASCII character exactly as fold() does (only "`" differs).
_ASCII_UNLIKE_LOWER = tuple(c for c in map(chr, range(128)) if _fold_char(c) != c.lower())
# str.lower() writes a capital sigma as "ς" at the end of a word and as "σ" elsewhere.
_CONTEXT_LOWER = frozenset("\u03a3")


def _fold_by_lowering(text: str, chars: set[str]) -> str | None:
    """fold(text) computed as str.lower() after replacing the few characters that lower()
    folds differently; None when that shortcut would not give fold(text) exactly.

    `chars` holds every non-ASCII character of text. fold() looks up each character in a
    Python mapping; lower() and replace() run in C, which is what makes a long article cheap.
    """
    unlike = [c for c in _ASCII_UNLIKE_LOWER if c in text]
    unlike += [c for c in chars if c in _CONTEXT_LOWER or _FOLD[ord(c)] != c.lower()]
    targets = {c: _FOLD[ord(c)] for c in unlike}
    for folded in targets.values():
        # A replacement must come out of lower() unchanged and must not be replaced again.
        if folded.lower() != folded or any(c in targets for c in folded):
            return None
    for char, folded in targets.items():
        text = text.replace(char, folded)
    return text.lower()


class _FoldedText:
    """A folded copy of a text plus the map from folded offsets back to original ones."""

    def __init__(self, text: str) -> None:
        chars = set(_NON_ASCII.findall(text))
        # Most characters fold to exactly one character ("ó" -> "o", "’" -> "'"), and then
        # offsets are shared. Otherwise ("ß" -> "ss", a combining accent -> "") keep where
        # each original character starts in the folded copy. Every ASCII character folds to
        # one, so only the non-ASCII ones need a look.
        self._starts: array[int] | None = None
        if all(len(_FOLD[ord(c)]) == 1 for c in chars):
            folded = _fold_by_lowering(text, chars)
            self.folded = fold(text) if folded is None else folded
        else:
            self.folded = fold(text)
            lengths = text.translate(_FOLD_LENGTH)
            self._starts = array("q", accumulate(lengths.encode("latin-1"), initial=0))

    @property
    def shares_offsets(self) -> bool:
        """True when every folded offset is the same offset in the original text."""
        return self._starts is None

    def original(self, offset: int) -> int | None:
        """Return the original offset of a folded offset, None if it splits a character."""
        if self._starts is None:
            return offset
        # The last original character starting at or before offset: the one producing the
        # folded character at offset, after any that vanished (combining marks of the previous
        # letter), so a mention keeps the accents written after its last letter.
        index = bisect_right(self._starts, offset) - 1
        return index if self._starts[index] == offset else None


# (start, end, folded start, folded end, alias key, senses) of an alias found in a text.
_Candidate = tuple[int, int, int, int, str, tuple["_Sense", ...]]


@dataclass(frozen=True)
class _Sense:
    """One entity an alias key can stand for, and how its case must look in the text."""

    entity: int
    acronym: bool
    any_case: bool
    title_case: bool = False


def _is_acronym(alias: str) -> bool:
    return any(c.isalpha() for c in alias) and not any(c.islower() for c in alias)


def _title_case_allowed(key: str) -> bool:
    """Tell whether an acronym may also be written in title case ("Semar", "Cofepris"): three
    letters or more, and not an ordinary word ("Pan", "Sat", "Usa")."""
    return len(key) >= 3 and key.isalpha() and key not in ORDINARY_WORDS


def _is_title_case(surface: str) -> bool:
    return surface[:1].isupper() and not any(c.isupper() for c in surface[1:])


def _case_matches(sense: _Sense, surface: str) -> bool:
    if sense.acronym:
        # "SRE", "AIC": only as capitals, so the letters inside ordinary prose never count;
        # Spanish texts write most of them in title case ("la Semar"), allowed where the word
        # is no ordinary word.
        return not any(c.islower() for c in surface) or (
            sense.title_case and _is_title_case(surface)
        )
    # Names are proper nouns ("boric acid" is not Gabriel Boric); only multi-word institution
    # names ("his foreign ministry") are written in lower case by the texts.
    return sense.any_case or any(c.isupper() for c in surface)


def _alias_tree(ordered: Sequence[str]) -> str:
    r"""The alternation of the keys' patterns, tried in the given order, written as a prefix tree.

    `a|b|c` with a hundred aliases makes the regex engine try every alias at every word start;
    as a tree (`x(?:i(?:\s+jinping|...)|...)`) it follows one branch per character. Only aliases
    of which one is a prefix of the other can both match at one place, and in the tree the
    branches of a node keep the order of their first alias, so the same alias wins as with the
    flat alternation.
    """
    rank = {key: index for index, key in enumerate(ordered)}

    def node(keys: list[str], depth: int) -> str:
        branches: dict[str, list[str]] = {}
        alternatives: list[tuple[int, str]] = []
        for key in keys:
            if len(key) == depth:
                alternatives.append((rank[key], ""))  # the key ends here
            else:
                branches.setdefault(key[depth], []).append(key)
        for char, below in branches.items():
            edge = _INLINE_BLANKS if char == " " else re.escape(char)
            alternatives.append((min(rank[k] for k in below), edge + node(below, depth + 1)))
        alternatives.sort()
        if len(alternatives) == 1:
            return alternatives[0][1]
        return "(?:" + "|".join(pattern for _, pattern in alternatives) + ")"

    return node(list(ordered), 0)


def _role_pattern(word: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(word)}(?!\w)")


_TITLES_LONGEST_FIRST = sorted(TITLES, key=lambda t: (-len(t), t))


@cache
def _title_patterns() -> tuple[dict[str, re.Pattern[str]], dict[str, re.Pattern[str]]]:
    """Each title right before a name (longest first) and each role word, compiled on the
    first use rather than at import: a process that reads mentions from the index on disk
    never needs them (about a hundred patterns)."""
    before = {
        title: re.compile(rf"(?<!\w){re.escape(title)}\.?{_INLINE_BLANKS}\Z")
        for title in _TITLES_LONGEST_FIRST
    }
    return before, {word: _role_pattern(word) for word in set(TITLES.values())}


# Any title at all: one search rules out most names, which have no title before them.
_ANY_TITLE_BEFORE = re.compile(
    rf"(?<!\w)(?:{'|'.join(map(re.escape, _TITLES_LONGEST_FIRST))})\.?{_INLINE_BLANKS}\Z"
)
# How far before an alias a title may start: the longest title, its period and some blanks.
_TITLE_WINDOW = max(map(len, TITLES)) + 16


# A position where an alias may start: no word character right before it.
_WORD_START = re.compile(r"(?<!\w)")
_TITLE_WORDS = frozenset(word for title in TITLES for word in title.split())
_NOT_GIVEN = NOT_GIVEN_NAMES | _TITLE_WORDS
# The word right before a surname, past any initials ("Pedro López", "Joseph R. Biden"),
# matched on the reversed text before the name: anchored there, so one attempt rather than a
# search through the window.
_REVERSED_WORD_BEFORE_NAME = re.compile(
    rf"{_INLINE_BLANKS}(?:\.[A-Z]{_INLINE_BLANKS})*(?P<word>[^\W\d_]+)(?![\w'’-])"
)
_WORD_WINDOW = 64


def _alternation(words: Iterable[str]) -> str:
    ordered = sorted(words, key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", _INLINE_BLANKS) for w in ordered)


_PLACE_AFTER = re.compile(rf"{_INLINE_BLANKS}(?:{_alternation(PLACE_WORDS)})(?!\w)")
_COUNTRY_OF_FORM = {form: code for code, forms in COUNTRY_QUALIFIERS.items() for form in forms}
_COUNTRY = rf"(?P<country>{_alternation(_COUNTRY_OF_FORM)})"
_ARTICLE = rf"(?:{_INLINE_BLANKS}(?:the|la|los|las|el))?"
# "... of China", "... de Japón", "... china"; and before: "Japan's ...", "Chinese ...".
_QUALIFIER_AFTER = re.compile(
    rf"{_INLINE_BLANKS}(?:(?:of|de){_ARTICLE}{_INLINE_BLANKS})?{_COUNTRY}(?![\w.])"
)
# Matched on the reversed text before the alias, anchored (see _REVERSED_WORD_BEFORE_NAME).
_REVERSED_QUALIFIER_BEFORE = re.compile(
    rf"{_INLINE_BLANKS}(?:s')?(?P<country>{_alternation(f[::-1] for f in _COUNTRY_OF_FORM)})"
    r"(?![\w.])"
)
_QUALIFIER_WINDOW = max(map(len, _COUNTRY_OF_FORM)) + 16


def _country_named(match: re.Match[str] | None, reversed_text: bool = False) -> str | None:
    if match is None:
        return None
    form = match.group("country")
    return _COUNTRY_OF_FORM[_BLANKS.sub(" ", form[::-1] if reversed_text else form)]


class MentionMatcher:
    """One compiled pattern over every alias of every entity, reused for every text."""

    def __init__(self, entities: Sequence[Entity]) -> None:
        self.entities: tuple[Entity, ...] = tuple(entities)
        senses: dict[str, dict[int, _Sense]] = defaultdict(dict)
        for index, entity in enumerate(self.entities):
            for alias in entity.aliases:
                key = alias_key(alias)
                if not key:
                    continue
                acronym = _is_acronym(alias)
                sense = _Sense(
                    entity=index,
                    acronym=acronym,
                    any_case=entity.entity_type == ORGANIZATION and " " in key,
                    title_case=acronym and _title_case_allowed(key),
                )
                known = senses[key].get(index)
                if known is not None:
                    # "SRE" and "Sre" for one entity: the looser spelling rule applies.
                    sense = _Sense(
                        index,
                        known.acronym and sense.acronym,
                        known.any_case or sense.any_case,
                        known.title_case or sense.title_case,
                    )
                senses[key][index] = sense
        self._senses: dict[str, tuple[_Sense, ...]] = {
            k: tuple(v.values()) for k, v in senses.items()
        }
        self._roles = tuple(fold(entity.role) for entity in self.entities)
        # A person's one-word aliases other than the name ("López", "Castillo") need evidence in
        # the article; the words of the person's longer aliases are not "another given name".
        self._surnames: set[tuple[str, int]] = set()
        self._own_words: list[frozenset[str]] = []
        for index, entity in enumerate(self.entities):
            keys = {alias_key(alias) for alias in entity.aliases} - {""}
            self._own_words.append(frozenset(w for k in keys if " " in k for w in k.split()))
            if entity.entity_type == PERSON:
                # Acronyms ("AMLO") are nicknames of one person, not surnames.
                names = {alias_key(entity.name)}
                names |= {alias_key(a) for a in entity.aliases if _is_acronym(a)}
                self._surnames.update((k, index) for k in keys if " " not in k and k not in names)
        self._pattern = self._compile(self._senses)

    @staticmethod
    def _compile(keys: Iterable[str]) -> re.Pattern[str] | None:
        ordered = sorted(keys, key=lambda k: (-len(k), k))
        if not ordered:
            return None
        aliases = _alias_tree(ordered)
        run_on = "|".join(sorted(RUN_ON_WORDS, key=lambda w: (-len(w), w)))
        # After the alias, looked at but not consumed: a possessive ("Biden's", but not
        # "Xi'an"), one run-on word, or a word end. The match is the alias alone, so the word
        # starts inside it can be tried again (see _aliases_in).
        return re.compile(
            rf"(?<!\w)(?P<alias>{aliases})(?=(?:'s?(?!\w)|(?:{run_on})(?!\w)|(?![\w'])))"
        )

    def _aliases_in(self, folded: str) -> Iterator[re.Match[str]]:
        """The longest alias at every word start of a folded text, overlapping ones included.

        finditer alone skips the word starts inside a match ("manuel lopez obrador" inside
        "andres manuel lopez obrador"); those few are tried one by one. (A lookahead around the
        whole pattern reports them too, but defeats the regex engine's scan for a first
        character and halves the throughput.)
        """
        pattern = self._pattern
        assert pattern is not None
        for match in pattern.finditer(folded):
            yield match
            if match.group().isalnum():
                continue  # one word ("biden", "sre"): no word starts inside it
            start, end = match.span()
            for boundary in _WORD_START.finditer(folded, start + 1, end):
                inner = pattern.match(folded, boundary.start())
                if inner is not None:
                    yield inner

    def find(self, text: str) -> list[Mention]:
        """Return the mentions in text, sorted by start, with no two overlapping."""
        if self._pattern is None:
            return []
        folded = _FoldedText(text)
        shared = folded.shares_offsets
        alias = self._pattern.groupindex["alias"]
        senses_of = self._senses
        # Names recur: which senses fit a (key, surface) is worked out once per text.
        fitting: dict[tuple[str, str], tuple[_Sense, ...]] = {}
        candidates: list[_Candidate] = []
        for match in self._aliases_in(folded.folded):
            f_start, f_end = match.span(alias)
            if shared:
                start, end = f_start, f_end
            else:
                start, end = folded.original(f_start), folded.original(f_end)
                if start is None or end is None:
                    continue  # the alias covers half of a character folding to two ("ß" -> "ss")
            found = match.group(alias)
            # A key has single spaces already; only other blanks need collapsing.
            key = found if found in senses_of else _BLANKS.sub(" ", found)
            surface = text[start:end]
            senses = fitting.get((key, surface))
            if senses is None:
                senses = tuple(s for s in senses_of[key] if _case_matches(s, surface))
                fitting[key, surface] = senses
            if senses:
                candidates.append((start, end, f_start, f_end, key, senses))
        return self._resolve(text, folded.folded, self._longest_first(candidates))

    @staticmethod
    def _longest_first(
        candidates: list[_Candidate],
    ) -> list[_Candidate]:
        """Keep the longest of overlapping candidates (the earliest one on a tie), by start."""
        # Whether a candidate is kept depends only on the candidates it overlaps, so each run of
        # chained overlaps is settled on its own; most candidates overlap nothing and are kept
        # as they are. (One pass over all candidates inserting into one sorted list of taken
        # spans was quadratic in the number of mentions of a long article.)
        kept: list[_Candidate] = []
        group: list[_Candidate] = []
        group_end = 0
        for candidate in sorted(candidates, key=itemgetter(0)):
            if group and candidate[0] >= group_end:
                kept += group if len(group) == 1 else MentionMatcher._settle(group)
                group = []
            group_end = max(group_end, candidate[1]) if group else candidate[1]
            group.append(candidate)
        if group:
            kept += group if len(group) == 1 else MentionMatcher._settle(group)
        return kept

    @staticmethod
    def _settle(
        candidates: list[_Candidate],
    ) -> list[_Candidate]:
        """Keep the longest of overlapping candidates (the earliest one on a tie), by start."""
        kept: list[_Candidate] = []
        taken: list[tuple[int, int]] = []
        for candidate in sorted(candidates, key=lambda c: (-len(c[4]), c[0])):
            start, end = candidate[0], candidate[1]
            at = bisect_right(taken, (start, end))
            if at > 0 and taken[at - 1][1] > start:
                continue
            if at < len(taken) and taken[at][0] < end:
                continue
            taken.insert(at, (start, end))
            kept.append(candidate)
        kept.sort(key=lambda c: c[0])
        return kept

    def _resolve(self, text: str, folded: str, candidates: list[_Candidate]) -> list[Mention]:
        """Give each candidate to one entity; an alias shared by several needs evidence, and so
        does a person's surname alone."""
        owners = [senses[0].entity if len(senses) == 1 else None for *_, senses in candidates]
        # Entities named unambiguously somewhere in this text: evidence for a shared short form.
        named = {owner for owner in owners if owner is not None}
        # Persons named in full, by their own given name or with a matching title here.
        evidenced: set[int] = set()
        kept: list[tuple[int, int, int, bool]] = []
        for (start, end, f_start, f_end, key, senses), owner in zip(
            candidates, owners, strict=True
        ):
            if owner is None:
                sharing = [s.entity for s in senses]
                owner = self._by_title(folded, f_start, sharing)
                if owner is None:
                    evidenced_here = [e for e in sharing if e in named]
                    owner = evidenced_here[0] if len(evidenced_here) == 1 else None
            if owner is None:
                continue  # "González" alone with two González in the article: nobody's
            surname = (key, owner) in self._surnames
            if surname:
                before = self._given_name_before(text, start, owner)
                if before is False or _PLACE_AFTER.match(folded, f_end):
                    continue  # "Carlos Castillo", "Ojeda Street": someone or something else
                if before or self._by_title(folded, f_start, [owner]) is not None:
                    evidenced.add(owner)
            elif self._qualified_by_another_country(folded, f_start, f_end, owner):
                continue  # "the Foreign Ministry of Japan" is not Mexico's
            else:
                evidenced.add(owner)
            kept.append((start, end, owner, surname))
        mentions: list[Mention] = []
        for start, end, owner, surname in kept:
            if surname and owner not in evidenced:
                continue  # "López" in an article that never names López Obrador
            entity = self.entities[owner]
            mentions.append(
                Mention(entity.entity_id, entity.entity_type, start, end, text[start:end])
            )
        return mentions

    def _given_name_before(self, text: str, start: int, owner: int) -> bool | None:
        """True when one of the person's own given names stands right before a surname
        ("Joseph R. Biden"), False when another capitalised given name does ("Pedro López"),
        None otherwise."""
        window_start = max(0, start - _WORD_WINDOW)
        before = text[window_start:start][::-1]
        match = _REVERSED_WORD_BEFORE_NAME.match(before)
        if match is None or (window_start > 0 and match.end() == len(before)):
            return None  # no word, or one the window may have cut
        word = match.group("word")[::-1]
        folded = fold(word)
        if folded in self._own_words[owner]:
            return True
        if word[0].isupper() and not word.isupper() and folded not in _NOT_GIVEN:
            return False
        return None

    def _qualified_by_another_country(
        self, folded: str, f_start: int, f_end: int, owner: int
    ) -> bool:
        """Tell whether an organization's alias is qualified by another country than its own."""
        entity = self.entities[owner]
        if entity.entity_type != ORGANIZATION or not entity.country:
            return False
        window = max(0, f_start - _QUALIFIER_WINDOW)
        before = _REVERSED_QUALIFIER_BEFORE.match(folded[window:f_start][::-1])
        if before is not None and window > 0 and before.end() == f_start - window:
            before = None  # the window may have cut the word
        for country in (
            _country_named(_QUALIFIER_AFTER.match(folded, f_end)),
            _country_named(before, reversed_text=True),
        ):
            if country is not None and country != entity.country:
                return True
        return False

    def _by_title(self, folded: str, f_start: int, sharing: Sequence[int]) -> int | None:
        """Return the one sharing entity whose role has the title written right before."""
        # Searched in place rather than in a slice, so the lookbehind sees a cut-off word.
        window_start = max(0, f_start - _TITLE_WINDOW)
        if not _ANY_TITLE_BEFORE.search(folded, window_start, f_start):
            return None
        # Longest title first: "Prime Minister" decides before "Minister" is tried.
        titles_before, role_words = _title_patterns()
        for title, before in titles_before.items():
            if not before.search(folded, window_start, f_start):
                continue
            word = role_words[TITLES[title]]
            holders = [e for e in sharing if word.search(self._roles[e])]
            if len(holders) == 1:
                return holders[0]
            if holders:
                return None  # the title fits several of them: still ambiguous
        return None


def _cell(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def _aliases(*surface_forms: str) -> tuple[str, ...]:
    """Return the non-empty forms, split on "|", without duplicates, in their order."""
    forms = (form.strip() for group in surface_forms for form in group.split("|"))
    return tuple(dict.fromkeys(form for form in forms if form))


def entities_from_tables(people: pd.DataFrame, organizations: pd.DataFrame) -> list[Entity]:
    """Return one Entity per row of people.csv and organizations.csv.

    The name, the acronym, `aliases` (forms the texts use) and `external_aliases` (forms from
    outside the texts, for added articles; an absent column is empty) are all aliases.
    """
    entities = [
        Entity(
            entity_id=_cell(row["person_id"]),
            entity_type=PERSON,
            name=_cell(row["name"]),
            aliases=_aliases(
                _cell(row["name"]), _cell(row["aliases"]), _cell(row.get("external_aliases"))
            ),
            role=_cell(row["role"]),
            country=_cell(row.get("country")),
        )
        for row in people.to_dict("records")
    ]
    entities += [
        Entity(
            entity_id=_cell(row["org_id"]),
            entity_type=ORGANIZATION,
            name=_cell(row["name"]),
            aliases=_aliases(
                _cell(row["name"]),
                _cell(row["acronym"]),
                _cell(row["aliases"]),
                _cell(row.get("external_aliases")),
            ),
            country=_cell(row.get("country")),
        )
        for row in organizations.to_dict("records")
    ]
    return entities


def mention_rows(
    matcher: MentionMatcher, article_id: str, text: str
) -> list[tuple[str, str, str, int, int, str, int, int]]:
    """The rows of find_mentions for one article, with its paragraph and sentence indexes."""
    mentions = matcher.find(text)
    starts = [mention.start for mention in mentions]
    paragraphs = locate_all(paragraph_spans(text), starts)
    sentences = locate_all(sentence_spans(text), starts)
    return [
        (article_id, m.entity_id, m.entity_type, m.start, m.end, m.text, paragraph, sentence)
        for m, paragraph, sentence in zip(mentions, paragraphs, sentences, strict=True)
    ]


def find_mentions(
    articles: Mapping[str, str], people: pd.DataFrame, organizations: pd.DataFrame
) -> pd.DataFrame:
    """Return every mention in every article.

    Columns: article_id, entity_id, entity_type, start, end, text, paragraph, sentence
    (paragraph and sentence are 0-based indexes from dashboard.text), in article order,
    then by start.
    """
    matcher = MentionMatcher(entities_from_tables(people, organizations))
    rows = [
        row
        for article_id, text in articles.items()
        for row in mention_rows(matcher, article_id, text)
    ]
    frame = pd.DataFrame(rows, columns=MENTION_COLUMNS)
    return frame.astype({column: "int64" for column in _INT_COLUMNS})
