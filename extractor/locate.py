"""Stage 3, locate boxes and columns: find the layout's printed labels and derive regions from them.

The pages of one report are stacked into one tall ``Sheet`` so that a box, a list of footnotes or
an owner block that runs over a page break is still one region. Nothing here knows a form: labels,
edges and columns all come from the layout.
"""
from __future__ import annotations

import dataclasses
import statistics
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cached_property
from typing import Iterable, Optional, Sequence

import regex

from .layouts import AnchorSpec, Edge, Layout, Region, TableSpec
from .pages import Link, Page, Rule, Word

# Vertical room between stacked pages, so that nothing of one page touches the next.
PAGE_GAP = 20.0
# A table's header repeated at a page's top (within REPEATED_HEADER_REACH points of it) under a
# title OCR lost is known by this many of its column labels.
REPEATED_HEADER_REACH = 144.0
REPEATED_HEADER_LABELS = 3
# A scanned page lies wherever the paper lay in the scanner, and a page turned straight again
# moves with the turn: the pages of one fax sit up to half an inch apart sideways. Each scanned
# page is set in line with the first by its print's left edge: where all but the leftmost
# LEFT_EDGE_QUANTILE of its words of LEFT_EDGE_LETTERS or more begin (a speck read as a word may
# stand anywhere). A page with fewer such words than LEFT_EDGE_WORDS is left where it lies.
LEFT_EDGE_QUANTILE = 0.02
LEFT_EDGE_LETTERS = 3
LEFT_EDGE_WORDS = 20
# Ink within this much of a word's box (in the line's heights) is the word's own: a glyph's edge,
# an accent, a comma's tail the word box left out.
PRINT_BESIDE_MARGIN = 0.3
# Words closer than this (in font sizes) on one line belong to one phrase.
PHRASE_GAP = 1.2
# Two words further apart than this (in font sizes) are in different cells.
CELL_GAP = 0.5
ESTIMATE = "~"  # before an edge expression of a region: an estimate (see Anchors.estimated)
# OCR'd label words this short must read exactly; longer ones may differ by an edit or two.
FUZZY_MIN_LENGTH = 3
NUMBERED = regex.compile(r"\d{1,2}[a-z]?\.")  # a box number: "4.", "2A." (folded to lower case)
FUZZY_CHARACTERS_PER_ERROR = 3
FUZZY_MAX_ERRORS = 3  # "Derivative" must not pass for "Non-Derivative"
SKIPPABLE_SHARE = 4
SAME_RULE = 2.0  # points between pieces of one rule
ROW_RULE_SHARE = 0.3  # of the page's width, that the rule between two table rows spans at least
SPECK_CONFIDENCE = 0.6
# A check box beside a label of small print is this many times as high as its letters or more (the
# samples' scans: 14 to 15 points against 6 to 8; OCR reads it "U", "0", "O" or "J").
BOX_HEIGHT_OVER_PRINT = 1.6
SPECK_MARKS = ".,:;"
NUMERAL_AND_DASH = regex.compile(r"[i1l|]{1,3}-")  # "II-" as OCR reads it, folded to lower case
CONFUSABLE_GLYPHS = ["d0o", "i1l|"]  # folded to lower case
CHARACTER_WIDTH = 0.6  # a character's width, in font sizes, to allow for a skipped word
MISREAD_CHARACTERS_PER_ERROR = 2  # a label's word OCR misread has at most one wrong in two


@dataclass(frozen=True)
class Box:
    x0: float
    top: float
    x1: float
    bottom: float

    def edge(self, name: str) -> float:
        return {"left": self.x0, "right": self.x1, "top": self.top, "bottom": self.bottom}[name]

    @staticmethod
    def around(items: Iterable[Word]) -> "Box":
        items = list(items)
        return Box(min(w.x0 for w in items), min(w.top for w in items),
                   max(w.x1 for w in items), max(w.bottom for w in items))

    def contains_mid(self, word: Word) -> bool:
        return self.x0 <= word.x_mid < self.x1 and self.top <= word.y_mid < self.bottom


def _moved(item, right: float, down: float):
    """A word, rule or link moved by so many points."""
    return dataclasses.replace(item, x0=item.x0 + right, x1=item.x1 + right, top=item.top + down, bottom=item.bottom + down)


def _left_edge(page: Page) -> Optional[float]:
    """Where the page's print begins on the left (see LEFT_EDGE_QUANTILE); None for too few words."""
    starts = sorted(w.x0 for w in page.words if len(w.text) >= LEFT_EDGE_LETTERS)
    if len(starts) < LEFT_EDGE_WORDS:
        return None
    return starts[int(LEFT_EDGE_QUANTILE * len(starts))]


@dataclass
class Sheet:
    """The pages of one report stacked top to bottom; words, rules and links in sheet coordinates."""
    pages: list[Page]
    width: float
    height: float
    words: list[Word]
    h_rules: list[Rule]
    v_rules: list[Rule]
    links: list[Link]

    offsets: list[float] = dataclasses.field(default_factory=list)  # where each page starts
    shifts: list[float] = dataclasses.field(default_factory=list)  # how far right each page is moved

    @classmethod
    def stack(cls, pages: Sequence[Page]) -> "Sheet":
        words, h_rules, v_rules, links, offsets, shifts = [], [], [], [], [], []
        offset = 0.0
        first_edge = _left_edge(pages[0])
        for page in pages:
            edge = _left_edge(page) if page.method == "ocr" else None
            shift = first_edge - edge if first_edge is not None and edge is not None else 0.0
            offsets.append(offset)
            shifts.append(shift)
            words += [_moved(w, shift, offset) for w in page.words]
            h_rules += [_moved(r, shift, offset) for r in page.h_rules]
            v_rules += [_moved(r, shift, offset) for r in page.v_rules]
            links += [_moved(k, shift, offset) for k in page.links]
            offset += page.height + PAGE_GAP
        width = max(p.width + s for p, s in zip(pages, shifts))
        return cls(list(pages), width, offset, words, h_rules, v_rules, links, offsets, shifts)

    @property
    def fuzzy(self) -> bool:
        """Labels read by OCR may carry a misread letter or two."""
        return any(page.method == "ocr" for page in self.pages)

    def page_at(self, y: float) -> tuple[Page, float, float]:
        """The page a sheet position falls on, where that page starts on the sheet, and how far
        right it was moved to stand in line with the first page."""
        index = max((i for i, start in enumerate(self.offsets) if start <= y), default=0)
        return self.pages[index], self.offsets[index], self.shifts[index]

    def on_page(self, box: Box) -> tuple[Page, Box]:
        """The page the box's top falls on, and the box in that page's coordinates."""
        page, top, shift = self.page_at(box.top)
        return page, Box(box.x0 - shift, box.top - top, box.x1 - shift, box.bottom - top)

    def inked(self, box: Box) -> Optional[bool]:
        """Whether the page image shows print in the box; None where there is no image."""
        page, area = self.on_page(box)
        return None if page.ink is None else page.ink.inked(area.x0, area.top, area.x1, area.bottom)

    def marked(self, box: Box) -> Optional[bool]:
        """Whether the page image shows a mark in the box; None where there is no image."""
        page, area = self.on_page(box)
        return None if page.ink is None else page.ink.marked(area.x0, area.top, area.x1, area.bottom)

    def print_lines(self, box: Box) -> list[tuple[float, float, int]]:
        """The lines of print in the box on a coarse scan's pages: where each ends below and
        right (sheet points), and its page's number; none on other pages."""
        lines = []
        for page, start, shift in zip(self.pages, self.offsets, self.shifts):
            top, bottom = max(box.top, start), min(box.bottom, start + page.height)
            if bottom > top and page.ink is not None and page.coarse:
                lines += [(start + y, x + shift, page.number) for y, x in page.ink.print_lines(
                    max(box.x0 - shift, 0.0), top - start, min(box.x1 - shift, page.width), bottom - start)]
        return lines

    def print_unread(self, box: Box, words: list[Word]) -> bool:
        """Whether the page image of a coarse scan shows print in the box, level with the words'
        lines, that none of the words was read from (a word OCR lost beside them). From a finer
        scan OCR loses few words, and the fields it reads surely are already right (99.9 %)."""
        for line in group_lines(words):
            page, top, shift = self.page_at(min(w.top for w in line))
            if page.ink is None or not page.coarse:
                return False
            read = [(w.x0 - shift, w.top - top, w.x1 - shift, w.bottom - top) for w in words]
            margin = PRINT_BESIDE_MARGIN * statistics.median(w.height for w in line)
            if page.ink.print_beside(box.x0 - shift, min(w.top for w in line) - top, box.x1 - shift,
                                     max(w.bottom for w in line) - top, read, margin):
                return True
        return False

    @cached_property
    def lines(self) -> list[list[Word]]:
        """Words grouped into printed lines, top to bottom, each line left to right."""
        return group_lines(self.words)

    @cached_property
    def _line_of(self) -> dict[int, int]:
        return {id(w): i for i, line in enumerate(self.lines) for w in line}

    @cached_property
    def _by_token(self) -> dict[str, list[Word]]:
        index: dict[str, list[Word]] = defaultdict(list)
        for line in self.lines:
            for word in line:
                index[normalise_token(word.text)].append(word)
        return index

    def line_index(self, word: Word) -> int:
        return self._line_of[id(word)]

    def words_in(self, box: Box) -> list[Word]:
        return [w for w in self.words if box.contains_mid(w)]

    def candidates(self, token: str) -> list[Word]:
        """Words that read as the token, in reading order: exactly, or on OCR pages within a
        small edit distance."""
        if not self.fuzzy:
            return self._by_token.get(token, [])
        if token == "-":  # (normalise_token folds every dash to "-")
            # OCR runs a dash into a Roman numeral before it ("Table II -" read "Table il-")
            return sorted((w for text, words in self._by_token.items()
                           if text == token or NUMERAL_AND_DASH.fullmatch(text) for w in words),
                          key=lambda w: (self.line_index(w), w.x0))
        if len(token) <= FUZZY_MIN_LENGTH:
            # The full stop of a box number ("4.") is a speck OCR may lose or read as a comma; a
            # speck after a short word is read as a mark of it ("FORM 4:").
            spellings = ([token, token[:-1], f"{token[:-1]},"] if NUMBERED.fullmatch(token)
                         else [token, *(token + mark for mark in SPECK_MARKS)] if token[-1:].isalnum()
                         else [token, *_misreadings(token)])
            return sorted((w for s in spellings for w in self._by_token.get(s, [])),
                          key=lambda w: (self.line_index(w), w.x0))
        if token not in self._fuzzy_cache:
            errors = min(FUZZY_MAX_ERRORS, max(1, len(token) // FUZZY_CHARACTERS_PER_ERROR))
            pattern = regex.compile(f"(?:{regex.escape(token)}){{e<={errors}}}")
            # Brackets tell "(Street)" from the word STREET; OCR loses one now and then ("City)").
            found = [w for text, words in self._by_token.items()
                     if abs(len(text) - len(token)) <= errors and (_half_bracketed(text) or not _bracketed(token))
                     and pattern.fullmatch(text) for w in words]
            self._fuzzy_cache[token] = sorted(found, key=lambda w: (self.line_index(w), w.x0))
        return self._fuzzy_cache[token]

    @cached_property
    def _fuzzy_cache(self) -> dict[str, list[Word]]:
        return {}

    def find_all(self, spec: AnchorSpec, within: Optional[Box] = None) -> list[tuple[Box, int]]:
        """Every place the label is printed, in reading order, with how many of its words were
        not found there (misread by OCR); a label may wrap over lines."""
        tokens = [normalise_token(t) for t in spec.text.split()]
        skips = self._skips_allowed(len(tokens), spec.may_miss)
        found = self._matches(spec, tokens, within, skips)
        # OCR may have lost or misread the label's first word (a "**", a "1."), or as many as the
        # layout says it may lose whole ("Table I" of mchx's fax); the rest of the label may then
        # miss what is left of its skips, or what its own length allows
        lost_first = max(1 if skips else 0, spec.may_lose_first if self.fuzzy else 0)
        for lost in range(1, min(lost_first, len(tokens) - 1) + 1):
            rest = skips - lost if lost <= skips else self._skips_allowed(len(tokens) - lost, 0)
            without_first = [(box, skipped + lost) for box, skipped in self._matches(spec, tokens[lost:], within, rest)
                             if not any(_overlaps(box, other) for other, _ in found)]
            found = sorted(found + without_first, key=lambda item: (item[0].top, item[0].x0))
        return found

    def _skips_allowed(self, length: int, may_miss: int) -> int:
        """How many words of a label of this length OCR may have misread past recognition: one in
        SKIPPABLE_SHARE, so none of a label shorter than that ("- Derivative Securities" less a
        word would be found in "Non-Derivative Securities"), unless the layout allows more."""
        return max(length // SKIPPABLE_SHARE, may_miss) if self.fuzzy else 0

    def _matches(self, spec: AnchorSpec, tokens: list[str], within: Optional[Box],
                 skips: int) -> list[tuple[Box, int]]:
        found = []
        for first in self.candidates(tokens[0]):
            if within and not within.contains_mid(first):
                continue
            match, skipped = self._extend(first, tokens[1:], within, skips)
            if match and (not spec.isolated or self._isolated(match)) and (
                    not spec.whole_cell or self._whole_cell(match)):
                found.append((Box.around(match), skipped))
        return found

    def _extend(self, first: Word, tokens: list[str], within: Optional[Box],
                skips: int) -> tuple[Optional[list[Word]], int]:
        """The words that go on from ``first`` to spell the label, skipping up to ``skips``
        words that are not to be found (misread by OCR), and how many were skipped."""
        skips_left = skips
        match = [first]
        skipped_width = 0.0  # room the skipped words take up on the line
        position = 0
        while position < len(tokens):
            prev = match[-1]
            left, right = min(w.x0 for w in match), max(w.x1 for w in match)
            # OCR may run two words of a label together at a hyphen or quote ("Trading-'Symbol").
            spellings = [(tokens[position], 1)] + ([(f"{tokens[position]}-{tokens[position + 1]}", 2)]
                                                   if self.fuzzy and position + 1 < len(tokens) else [])
            found = next(((w, used) for spelling, used in spellings for w in self.candidates(spelling)
                          if (not within or within.contains_mid(w)) and w not in match
                          and self._follows(prev, w, left, right, skipped_width)), None)
            if found is None and self.fuzzy and not any(c.isalnum() for c in tokens[position]):
                position += 1  # OCR passes over a dash between words ("Table I - Non-Derivative")
                continue
            if found is None:
                if skips_left == 0:
                    return None, skips
                skips_left -= 1
                next_token = tokens[position + 1] if position + 1 < len(tokens) else None
                misread = self._misread_word(prev, match, left, right, within, tokens[position], next_token)
                width = len(tokens[position]) * CHARACTER_WIDTH * prev.size
                if misread:  # it may be the first part of the word, the rest lost
                    match.extend(misread)
                    skipped_width = max(0.0, width - (misread[-1].x1 - misread[0].x0))
                else:
                    skipped_width += width + PHRASE_GAP * prev.size
                position += 1
                continue
            skipped_width = 0.0
            match.append(found[0])
            position += found[1]
        return match, skips - skips_left

    def _misread_word(self, prev: Word, match: list[Word], left: float, right: float, within: Optional[Box],
                      token: str, next_token: Optional[str]) -> list[Word]:
        """What OCR read where a word of a label that it misread is printed: the word that goes on
        from ``prev`` unless it is the label's next word, with the pieces OCR split it into
        ("{MonthiDay?/ Year)" for "(Month/Day/Year)"), where it reads like the word (with at most
        one character in MISREAD_CHARACTERS_PER_ERROR wrong). It is part of the label's box."""
        index = self.line_index(prev)
        following = sorted((w for line in self.lines[index:index + 2] for w in line
                            if w not in match and not _speck(w) and (not within or within.contains_mid(w))
                            and self._follows(prev, w, left, right)),
                           key=lambda w: (self.line_index(w), w.x0))
        next_words = set(map(id, self.candidates(next_token))) if following and next_token else set()
        if not following or id(following[0]) in next_words:
            return []
        pieces = [following[0]]
        line = self.lines[self.line_index(pieces[0])]
        for word in line[line.index(pieces[0]) + 1:]:
            if id(word) in next_words or word.x0 - pieces[-1].x1 > CELL_GAP * word.size:
                break
            pieces.append(word)
        # A value printed under its label is no misreading of the label's last word.
        errors = max(1, len(token) // MISREAD_CHARACTERS_PER_ERROR)
        spelled = "".join(normalise_token(w.text) for w in pieces)
        return pieces if regex.fullmatch(f"(?:{regex.escape(token)}){{e<={errors}}}", spelled) else []

    def _follows(self, prev: Word, word: Word, left: float, right: float, skipped_width: float = 0.0) -> bool:
        """Whether ``word`` goes on from ``prev`` in a label: next on the same line, or first
        of a phrase on the line below (a label wrapped in its cell). Lines are judged by how
        the two words overlap, which a slightly skewed scan does not upset."""
        if _level(prev, word):  # (OCR boxes of neighbouring words may overlap)
            return prev.x0 < word.x0 and word.x0 <= prev.x1 + PHRASE_GAP * prev.size + skipped_width
        below = prev.bottom - 0.3 * prev.height < word.top < prev.bottom + 1.2 * prev.height
        return below and left - 4 * prev.size <= word.x0 <= right + prev.size and self._starts_phrase(word)

    def _starts_phrase(self, word: Word) -> bool:
        """No word printed right before it on its line (a wrapped label goes on at a phrase start).
        A glyph or two far taller than the word is no print of its line: a check box OCR read as a
        letter ("U", "0") beside the label it is checked for."""
        gap = CELL_GAP * word.size + 0.5
        return not any(w is not word and word.x0 - gap < w.x1 <= word.x0 + 0.5 and _level(w, word)
                       and not _speck(w) and not _box_read_as_a_letter(w, word) for w in self._near(word))

    def _isolated(self, match: list[Word]) -> bool:
        """No word printed right before or right after the label on its line."""
        last = match[-1]
        gap = CELL_GAP * last.size + 0.5
        crowded_right = any(w is not last and last.x1 - 0.5 <= w.x0 < last.x1 + gap and _level(w, last)
                            for w in self._near(last))
        return self._starts_phrase(match[0]) and not crowded_right

    def _near(self, word: Word) -> list[Word]:
        """The words of the word's line and the lines next to it."""
        index = self.line_index(word)
        return [w for line in self.lines[max(0, index - 1):index + 2] for w in line]

    def _whole_cell(self, match: list[Word]) -> bool:
        """Isolated, and no text in the lines right above or below it (a wrapped longer label);
        a footnote marker raised above a value in the row below does not count."""
        if not self._isolated(match):
            return False
        box = Box.around(match)
        for index in (self.line_index(match[0]) - 1, self.line_index(match[-1]) + 1):
            if 0 <= index < len(self.lines) and any(
                    not w.superscript and w.x0 < box.x1 and w.x1 > box.x0
                    and max(w.top - box.bottom, box.top - w.bottom) < 0.6 * w.height
                    and not self._ruled_apart(box, w) for w in self.lines[index]):
                return False
        return True

    def _ruled_apart(self, box: Box, word: Word) -> bool:
        """Whether a horizontal rule runs between the box and a word above or below it (they are
        in two cells)."""
        top, bottom = (word.bottom, box.top) if word.bottom <= box.top else (box.bottom, word.top)
        x0, x1 = max(box.x0, word.x0), min(box.x1, word.x1)
        return any(r.x0 <= x0 and x1 <= r.x1 and top - 1 <= (r.top + r.bottom) / 2 <= bottom + 1 for r in self.h_rules)


def normalise_token(text: str) -> str:
    """A word as labels are compared: case, quotes, dashes and bracket shapes (which OCR often
    swaps for one another) do not count."""
    return unicodedata.normalize("NFKC", text).casefold().translate(TOKEN_FOLDING)


TOKEN_FOLDING = str.maketrans({"\u2019": None, "\u2018": None, "'": None, "`": None, "\u201c": None,
                               "\u201d": None, '"': None, "\u2013": "-", "\u2014": "-",
                               "{": "(", "[": "(", "}": ")", "]": ")"})


def _misreadings(token: str) -> list[str]:
    """The token with one letter read as a glyph OCR confuses it with ("(D)" as "(0)")."""
    return [token[:i] + other + token[i + 1:] for i, c in enumerate(token)
            for group in CONFUSABLE_GLYPHS if c in group for other in group if other != c]


def _bracketed(token: str) -> bool:
    return token.startswith("(") and token.endswith(")")


def _half_bracketed(token: str) -> bool:
    return token.startswith("(") or token.endswith(")")


def group_lines(words: Iterable[Word]) -> list[list[Word]]:
    """Words that overlap the first word of a line by half their height or more join that line;
    a superscript, or punctuation read as a word of its own (a comma hanging below the line),
    joins the line it overlaps most (it never starts one it could join)."""
    words = list(words)
    lines: list[list[Word]] = []
    for word in sorted((w for w in words if not _attached(w)), key=lambda w: (w.y_mid, w.x0)):
        if lines and _overlap(lines[-1][0], word) >= 0.5 * min(lines[-1][0].height, word.height):
            lines[-1].append(word)
        else:
            lines.append([word])
    for word in (w for w in words if _attached(w)):
        best = max(lines, key=lambda line: _overlap(line[0], word), default=None)
        if best is not None and _overlap(best[0], word) > 0:
            best.append(word)
        else:
            lines.append([word])
    for line in lines:
        line.sort(key=lambda w: w.x0)
    lines.sort(key=lambda line: min(w.top for w in line))
    return lines


def _overlaps(a: Box, b: Box) -> bool:
    return a.x0 < b.x1 and b.x0 < a.x1 and a.top < b.bottom and b.top < a.bottom


def _attached(word: Word) -> bool:
    return word.superscript or not any(c.isalnum() for c in word.text)


def _overlap(a: Word, b: Word) -> float:
    return min(a.bottom, b.bottom) - max(a.top, b.top)


def _speck(word: Word) -> bool:
    """A letter or two that OCR made of a speck or a stroke and was unsure of, or a mark or two
    alone (the dashes of a broken rule read ":")."""
    return len(word.text) <= 2 and (word.confidence < SPECK_CONFIDENCE or not any(c.isalnum() for c in word.text))


def _box_read_as_a_letter(word: Word, beside: Word) -> bool:
    return len(word.text) <= 2 and word.height >= BOX_HEIGHT_OVER_PRINT * beside.height


def _holds(outer: Box, inner: Box) -> bool:
    """Whether ``inner`` lies within ``outer`` (but for half a point each way), a line of print
    (a fuzzy match over two lines, "SEC Form 4" above "FORM 4", is no line that holds it)."""
    return (outer.x0 - 0.5 <= inner.x0 and inner.x1 <= outer.x1 + 0.5
            and outer.top - 0.5 <= inner.top and inner.bottom <= outer.bottom + 0.5
            and outer.bottom - outer.top < 2 * (inner.bottom - inner.top))


def _level(a: Word, b: Word) -> bool:
    """Two words on one printed line: they overlap by half the smaller height or more."""
    return _overlap(a, b) >= 0.5 * min(a.height, b.height)


class Anchors:
    """The layout's labels on one sheet, looked up by name and resolved into region edges."""

    def __init__(self, sheet: Sheet, layout: Layout):
        self.sheet = sheet
        self.layout = layout
        self._cache: dict[str, list[tuple[Box, int]]] = {}
        self.computed: dict[str, Optional[Box]] = {}  # boxes the read stage works out, not labels

    def all(self, name: str) -> list[Box]:
        return [box for box, _ in self._found(name)]

    def _found(self, name: str) -> list[tuple[Box, int]]:
        """Where the label is printed, with how many of its words were not found there."""
        if name not in self._cache:
            spec = self.layout.anchors.get(name)
            if spec is None:
                raise KeyError(f"layout {self.layout.name} has no anchor named {name!r}")
            found = self.sheet.find_all(spec)
            if spec.right_of or spec.same_line_as or spec.below:
                found = [(b, skipped) for b, skipped in found if self._placed(b, spec)]
            if spec.unlike:
                # Where the other label reads there at least as well, this is a misreading of it.
                others = self._found(spec.unlike)
                found = [(b, skipped) for b, skipped in found
                         if not any(b.top < o.bottom and o.top < b.bottom and other_skipped <= skipped
                                    for o, other_skipped in others)]
            if spec.not_within:
                around = self.all(spec.not_within)
                found = [(b, skipped) for b, skipped in found if not any(_holds(o, b) for o in around)]
            self._cache[name] = found
        return self._cache[name]

    def _placed(self, box: Box, spec: AnchorSpec) -> bool:
        if spec.right_of:
            ref = self.first(spec.right_of)
            if ref is None or box.x0 < ref.x1:
                return False
        if spec.same_line_as:
            ref = self.first(spec.same_line_as)
            if ref is None or box.bottom < ref.top or box.top > ref.bottom:
                return False
        if spec.below:
            ref = self.first(spec.below)
            if ref is not None and box.top < ref.bottom:
                return False
        return True

    def first(self, name: str, scope: Optional[tuple[float, float]] = None) -> Optional[Box]:
        """The first occurrence of a label, or of a computed box, inside the vertical scope."""
        if name in self.computed:
            return self.computed[name]
        lo, hi = scope or (float("-inf"), float("inf"))
        return next((b for b in self.all(name) if lo - 3 <= b.top < hi), None)

    def edge(self, edge: Edge, scope: Optional[tuple[float, float]] = None) -> Optional[float]:
        """An edge expression: ``name.edge[+-offset]``, or a list of them of which the first found wins."""
        return self._first_edge(edge, scope)[0]

    def estimated(self, region: Region, scope: Optional[tuple[float, float]] = None) -> bool:
        """Whether an edge of the region is an estimate: the first of its expressions found is
        marked ESTIMATE (where a label OCR lost would stand, from another one's place)."""
        return any(self._first_edge(e, scope)[1] for e in (region.left, region.top, region.right, region.bottom))

    def _first_edge(self, edge: Edge, scope: Optional[tuple[float, float]]) -> tuple[Optional[float], bool]:
        for expression in ([edge] if isinstance(edge, str) else edge):
            value = self._single_edge(expression.removeprefix(ESTIMATE), scope)
            if value is not None:
                return value, expression.startswith(ESTIMATE)
        return None, False

    def _single_edge(self, expression: str, scope: Optional[tuple[float, float]]) -> Optional[float]:
        offset = 0.0
        for sign in "+-":
            head, sep, tail = expression.rpartition(sign)
            if sep and tail.replace(".", "", 1).isdigit() and "." in head:
                expression, offset = head, float(tail) * (1 if sign == "+" else -1)
                break
        name, _, side = expression.partition(".")
        if name == "page":
            return {"left": 0.0, "right": self.sheet.width, "top": scope[0] if scope else 0.0,
                    "bottom": scope[1] if scope else self.sheet.height}[side] + offset
        box = self.first(name, scope)
        return None if box is None else box.edge(side) + offset

    def nearest(self, edges: list[str], below: float) -> float:
        """The topmost of several edges found below a position (where a table or section ends);
        the end of the sheet when none is found."""
        found = [self._single_edge(e, (below, self.sheet.height)) for e in edges]
        return min((e for e in found if e is not None), default=self.sheet.height)

    def region(self, region: Region, scope: Optional[tuple[float, float]] = None) -> Optional[Box]:
        edges = [self.edge(e, scope) for e in (region.left, region.top, region.right, region.bottom)]
        if any(e is None for e in edges):
            return None
        left, top, right, bottom = edges
        return Box(left, top, right, bottom) if right > left and bottom > top else None


@dataclass(frozen=True)
class Column:
    index: int  # position in the layout's column list
    x0: float
    x1: float
    guessed: bool = False  # its label was not found: placed between rules, or next to a column so placed


@dataclass(frozen=True)
class TableSegment:
    """The body of one table on one page: the rows between its header and its end."""
    top: float
    bottom: float
    columns: list[Column]


def locate_table(anchors: Anchors, table: TableSpec, warnings: list[str]) -> list[TableSegment]:
    """One segment for every time the table's title is printed (browsers repeat it on each page)."""
    titles = anchors.all(table.title)
    if not titles:
        return []
    end = anchors.nearest(table.end, below=titles[-1].bottom)
    titles = _with_titles_ocr_lost(anchors.sheet, table, titles, end)
    segments = []
    for i, title in enumerate(titles):
        seg_end = min(end, titles[i + 1].top) if i + 1 < len(titles) else end
        page, page_top, _ = anchors.sheet.page_at(title.top)
        # the header is printed under its title, on the title's page (where a later page's title
        # went unread, its header is not this one's)
        band = Box(0.0, title.bottom, anchors.sheet.width, min(seg_end, page_top + page.height))
        labels = {}
        for index, column in enumerate(table.columns):
            found = anchors.sheet.find_all(column.label, within=band)
            if found:
                labels[index] = found[0][0]
            elif i == 0:
                warnings.append(f"table {table.name}: column '{column.label.text}' not found")
        labels = _in_the_header(labels, {index: table.columns[index].label.text for index in labels})
        if not labels and segments:
            # A repeated header OCR could not read at all (a fax's 5-point labels): the table goes on
            # under it in the columns of the page before, as tall a header below the same title.
            header = segments[-1].top - titles[i - 1].bottom
            segments.append(dataclasses.replace(segments[-1], top=title.bottom + header, bottom=seg_end))
            continue
        if not labels:
            continue
        header_bottom = _below_label_leftovers(anchors.sheet, table, max(b.bottom for b in labels.values()) + 0.5,
                                               seg_end)
        segments.append(TableSegment(header_bottom, seg_end, _columns(anchors.sheet, labels, band, len(table.columns))))
    return segments


def _with_titles_ocr_lost(sheet: Sheet, table: TableSpec, titles: list[Box], end: float) -> list[Box]:
    """The table's titles, and one for each page after the first title's, before the table's end,
    that shows no title but REPEATED_HEADER_LABELS of the table's column labels near its top: a
    browser repeats a table's title and header at the top of each page it runs over, and a fax's
    may lose a word of the title ("Table [I -] Non-Derivative ..."). The title stands from the
    page's top to the labels."""
    found = list(titles)
    for page, top in zip(sheet.pages, sheet.offsets):
        if top <= titles[0].top or top >= end or any(top <= t.top < top + page.height for t in titles):
            continue
        band = Box(0.0, top, sheet.width, min(end, top + REPEATED_HEADER_REACH))
        labels = [hits[0][0] for column in table.columns if (hits := sheet.find_all(column.label, within=band))]
        if len(labels) >= REPEATED_HEADER_LABELS:
            found.append(Box(0.0, top, sheet.width, min(b.top for b in labels) - 0.5))
    return sorted(found, key=lambda box: box.top)


def _below_label_leftovers(sheet: Sheet, table: TableSpec, header_bottom: float, seg_end: float) -> float:
    """Where the header ends, past lines right below the labels found that hold only words of the
    table's labels: the last line of a label OCR did not match ("(I) (Instr. 5)", "(A) or (D)") is
    no table row. A bracketed letter there may be misread ("(1)", "(0)"), other short words need
    not match at all, but one word must."""
    tokens = {normalise_token(t) for column in table.columns for t in column.label.text.split()}
    label_words = {id(w) for token in tokens for w in sheet.candidates(token)}
    has_bracketed_letters = any(len(t) == 3 and _bracketed(t) for t in tokens)

    def of_labels(word: Word) -> bool:
        text = normalise_token(word.text)
        return id(word) in label_words or (has_bracketed_letters and len(text) == 3 and _bracketed(text))

    for line in group_lines(sheet.words_in(Box(float("-inf"), header_bottom, float("inf"), seg_end))):
        height = max(w.height for w in line)
        if min(w.top for w in line) - header_bottom > 1.5 * height or not any(of_labels(w) for w in line) or not all(
                of_labels(w) for w in line if len(w.text) > FUZZY_MIN_LENGTH):
            break
        header_bottom = max(w.bottom for w in line) + 0.5
    return header_bottom


def _in_the_header(labels: dict[int, Box], texts: dict[int, str]) -> dict[int, Box]:
    """The column labels found in a table's header. A one-letter label that OCR missed in the
    header ("V") may be matched by a cell below it: such a label is left out when it starts below
    the last line of every other label. (A longer label found alone on the header's last row is
    kept: that row is the header's.)"""
    kept = dict(labels)
    for index in sorted(kept, key=lambda k: -kept[k].top):
        others = [b.bottom for k, b in kept.items() if k != index]
        if len(texts[index]) == 1 and others and kept[index].top > max(others) + 0.5:
            del kept[index]
    return kept


def _columns(sheet: Sheet, labels: dict[int, Box], band: Box, count: int) -> list[Column]:
    """Column x-ranges: split between neighbouring labels at a printed rule where there is one.
    A column whose label was not read (on a scan) still gets its place between rules, where there
    are rules enough between the labels read around it for it and every other column missing
    beside it (the ones nearest the next label are taken); otherwise its text goes to a neighbour."""
    ordered = sorted(labels.items(), key=lambda item: item[1].x0)
    rules: list[float] = []
    for x in sorted(r.x0 for r in sheet.v_rules if r.bottom > band.top and r.top < band.bottom):
        if not rules or x - rules[-1] > SAME_RULE:  # pieces of one rule, cut at the rows
            rules.append(x)
    columns: list[Column] = []
    start = float("-inf")
    ends = [*ordered, (count, None)]
    for position, (index, label) in enumerate(ordered):
        next_index, next_label = ends[position + 1]
        right_limit = next_label.x0 if next_label else float("inf")
        between = [x for x in rules if label.x0 + 1 <= x <= right_limit]
        missing = list(range(index + 1, next_index))
        takes_in_missing = False  # the text of columns whose label was lost, left unplaced, falls in this one
        if position == 0 and index > 0:
            start = _place_missing(columns, list(range(index)), [x for x in rules if x < label.x0], start)
            takes_in_missing = start == float("-inf")
        if missing and len(between) >= len(missing) + (1 if next_label else 0):
            cuts = between[-(len(missing) + 1):] if next_label else [*between[:len(missing)], float("inf")]
            columns.append(Column(index, start, cuts[0], guessed=takes_in_missing))
            for k, missing_index in enumerate(missing):
                columns.append(Column(missing_index, cuts[k], cuts[k + 1], guessed=True))
            start = cuts[-1]
            continue
        end = (max(between) if between else next_label.x0 - 2) if next_label else float("inf")
        columns.append(Column(index, start, end, guessed=takes_in_missing or bool(missing)))
        start = end
    return columns


def _place_missing(columns: list[Column], missing: list[int], rules: list[float], start: float) -> float:
    """Columns left of the first label read, between the rules there (the rightmost ones: the
    leftmost may be the table's border); returns where the first label's column starts."""
    if len(rules) < len(missing):
        return start
    cuts = [start, *rules[len(rules) - len(missing):]]
    for k, missing_index in enumerate(missing):
        columns.append(Column(missing_index, cuts[k], cuts[k + 1], guessed=True))
    return cuts[-1]


@dataclass
class RowBand:
    """The words of one table row, and the band of the page it holds: between the rules around
    it where they are printed (which takes in print OCR did not read), else around its words."""
    words: list[Word]
    top: float
    bottom: float


def split_rows(sheet: Sheet, segment: TableSegment) -> list[RowBand]:
    """The words of a table body grouped into rows: at printed rules, or else at wide line gaps."""
    body = Box(float("-inf"), segment.top, float("inf"), segment.bottom)
    words = sheet.words_in(body)
    if not words:
        return []
    cuts = _row_rules(sheet, segment)
    if not cuts:
        return [RowBand(row, min(w.top for w in row), max(w.bottom for w in row)) for row in _rows_by_gap(words)]
    rows: dict[int, list[Word]] = defaultdict(list)
    for word in words:
        rows[sum(1 for c in cuts if c < word.y_mid)].append(word)
    edges = [segment.top, *cuts]
    return [RowBand(rows[k], edges[k], cuts[k] if k < len(cuts) else max(w.bottom for w in rows[k]))
            for k in sorted(rows)]


def _row_rules(sheet: Sheet, segment: TableSegment) -> list[float]:
    """Heights of the rules between a table's rows: rules (or a row of pieces, one per cell, as a
    browser prints them) across a good part of the page. A short piece is no row's edge: on a
    scan it may be a blurred run of letters ("Common" read as a line)."""
    mids = sorted(((r.top + r.bottom) / 2, r.x1 - r.x0) for r in sheet.h_rules if segment.top < r.top < segment.bottom)
    levels: list[list[float]] = []  # [height, width the rules at that height span]
    for mid, width in mids:
        if levels and mid - levels[-1][0] <= SAME_RULE:
            levels[-1][1] += width
        else:
            levels.append([mid, width])
    return [round(mid, 1) for mid, width in levels if width >= ROW_RULE_SHARE * sheet.width]


def _rows_by_gap(words: list[Word]) -> list[list[Word]]:
    lines = group_lines(words)
    rows = [list(lines[0])]
    for prev, line in zip(lines, lines[1:]):
        gap = min(w.top for w in line) - max(w.bottom for w in prev)
        height = max(w.height for w in prev)
        if gap > 0.6 * height:
            rows.append([])
        rows[-1].extend(line)
    return rows
