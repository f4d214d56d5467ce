"""The source of a figure whose own sentence names none: resolved over the whole article.

News copy names its source once and then goes on ("The Observatory said 32 air strikes hit
nine towns. About 100 civilians have been killed since 19 June."). A figure whose sentence
has no attribution of its own (no source named, no reporting verb; see
:func:`tracker.extract.attribution.source_of`) takes, in this order:

1. the attribution nearest before it within its paragraph (a line of the text) — unless the
   text's title says it is a registered source's own report ("Syria: Flash Update No. 3",
   "تحديث عاجل"): then that source, an agency mentioned nearby not taking its figures;
2. else the publisher, when it is a registered source: its own report speaks in its own
   voice, and "reports confirm" in an OCHA update are OCHA's;
3. else the one registered source the article gives for other figures of the same metric
   (a wire story names the monitor beside one death toll and gives another in its lead:
   both are the monitor's; the displacement figure beside the refugee agency is not);
4. else, when its sentence reports speech without naming a registered speaker ("the report
   said", "وأضافت أن", "reports confirm"), the article's dominant attribution: the source it
   names most often (the first named, on a tie). A sentence that reports nothing is the
   article's own voice: a lead such as "More than 270,000 people are trapped" is not the
   source of a quote further down (on the development set, carrying the dominant source to
   such sentences was wrong more often than right);
5. else ``unattributed``.

A source named elsewhere speaks for a figure only where it spoke: rules 1, 3 and 4 take an
attribution only when the figure's place and the places of the attribution's sentence are
the same, one inside the other, or either is not named. A number about another crisis
given as background ("Eastern Ghouta, where more than 1,000 civilians died") is not carried
to a source that spoke of Dar'a. An attribution to a name the registry lacks counts too: the
figure then gets no source, and the reason names whose words they are.

Finally, an organisation named without its office (``un``: "the UN has received reports")
in a report its office publishes (OCHA's) is that office (``data/extract/source_parts.csv``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from tracker.domain.places import PlaceIndex

NEXT_LINES = 2  # the next paragraph, a blank line between them


@dataclass(frozen=True)
class Attribution:
    """A source named in the text: registry id ('' for a name the registry lacks), the
    paragraph and folded offset where it is named, the places and metrics its sentence
    names."""

    source: str
    paragraph: int
    offset: int
    name: str
    places: tuple[str, ...] = ()
    metrics: tuple[str, ...] = ()


@dataclass
class ArticleSources:
    """Every attribution of an article, in text order, and the publisher fallback."""

    attributions: list[Attribution] = field(default_factory=list)
    publisher_source: str | None = None
    publisher_reason: str = ""
    #: the text is the publisher's own report by its title (a report series): its figures
    #: are the publisher's unless their own sentence names another source
    own_report: bool = False

    def resolve(
        self,
        paragraph: int,
        offset: int,
        figure: tuple[str | None, str | None],
        places: PlaceIndex,
        *,
        reported_speech: bool,
    ) -> tuple[str, str]:
        """The source of a figure at ``offset`` in ``paragraph`` with ``figure`` = (its
        place, its metric), and the reason (see the module's rules)."""
        location, metric = figure
        speaking = [a for a in self.attributions if _same_story(a, location, places)]
        before = [a for a in speaking if a.paragraph == paragraph and a.offset < offset]
        if self.own_report and self.publisher_source:
            return self.publisher_source, f"no source in its sentence; {self.publisher_reason}"
        if before:
            near = before[-1]
            return near.source, _say(near, "named before it in its paragraph")
        if self.publisher_source:
            return self.publisher_source, f"no source named; {self.publisher_reason}"
        registered = [a for a in speaking if a.source]
        same = [a for a in registered if metric and metric in a.metrics]
        if same and len({a.source for a in same}) == 1:
            return same[0].source, _say(same[0], f"the source of the article's other {metric}")
        if registered and reported_speech:
            counts = Counter(a.source for a in registered)
            top = max(counts.values())
            best = next(a for a in registered if counts[a.source] == top)
            times = "once" if top == 1 else f"{top} times"
            return best.source, _say(best, f"the source the article names most ({times})")
        skipped = len(self.attributions) - len(speaking)
        if skipped:
            return "unattributed", (
                "no source named for this place (the article's sources speak of other "
                "places) → unattributed"
            )
        return "unattributed", "no source named → unattributed"

    def monitor(
        self, paragraph: int, offset: int, monitors: frozenset[str]
    ) -> tuple[str, str] | None:
        """The registered monitor a described one ("a war monitor said") is: the one the text
        names next after the figure (the next registered attribution, within the next
        paragraph or two lines), else the last monitor it named before; None when it names
        none."""
        named = [a for a in self.attributions if a.source in monitors]
        where = (paragraph, offset)
        later = [a for a in self.attributions if a.source and (a.paragraph, a.offset) > where]
        if later and later[0].source in monitors and later[0].paragraph - paragraph <= NEXT_LINES:
            return later[0].source, f"{later[0].name} (named after it) → {later[0].source}"
        before = [a for a in named if (a.paragraph, a.offset) < where]
        if before:
            return before[-1].source, f"{before[-1].name} (named before it) → {before[-1].source}"
        return None

    def narrow(
        self, source: str | None, parts: dict[str, str], where: tuple[int, int]
    ) -> tuple[str, str] | None:
        """The publisher's office for its organisation named whole ("the UN" in an OCHA
        update → un-ocha); else the office its paragraph named before the figure at ``where``
        (paragraph, offset): "OCHA said in its latest update that …" owns its paragraph,
        a later "the UN" there is that office; None when nothing narrows."""
        own = self.publisher_source
        if own and source and parts.get(own) == source:
            return own, f"{source} in a report of its office {own} ({self.publisher_reason})"
        paragraph, offset = where
        offices = [
            a
            for a in self.attributions
            if a.paragraph == paragraph and a.offset < offset and parts.get(a.source) == source
        ]
        if source and offices:
            office = offices[0]
            return office.source, f"{source} in a paragraph {office.name} opened → {office.source}"
        return None


def _same_story(a: Attribution, location: str | None, places: PlaceIndex) -> bool:
    if not location or not a.places:
        return True
    return any(places.within(location, p) or places.within(p, location) for p in a.places)


def _say(a: Attribution, how: str) -> str:
    if not a.source:
        return f"no source in its sentence; '{a.name}' ({how}) is not in the source registry"
    return f"no source in its sentence; {a.name} ({how}) → {a.source}"
