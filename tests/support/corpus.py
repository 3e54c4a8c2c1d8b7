"""A small hand-built multi-article corpus for API and analytics tests.

Four articles in four languages from four outlets, with actors across spellings
("Türkiye"/"Turki"/"Turkey", "Erdoğan"/"Erdogan"), persons speaking for states, reported
speech and quotes, a conditional statement, a stance flip (Azerbaijan declines, later
supports the Gaza force) and cooperative and conflictual relations, so that every filter
and endpoint has something to find independently of extraction quality. The texts are
written for these tests.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from graph.model import (
    Actor,
    ActorKind,
    Article,
    IngestBatch,
    Relation,
    Role,
    Span,
    Statement,
    Target,
    TargetRole,
)
from graph.relations import codes_for

A = ActorKind

ACTORS: dict[str, Actor] = {
    a.id: a
    for a in [
        Actor(id="azerbaijan", name="Azerbaijan", kind=A.state, qid="Q227", country="AZ",
              aliases=["Azerbaïdjan", "Republic of Azerbaijan", "أذربيجان"]),
        Actor(id="ilham-aliyev", name="Ilham Aliyev", kind=A.person, qid="Q42772", country="AZ",
              aliases=["Aliyev", "İlham Əliyev"]),
        Actor(id="turkey", name="Türkiye", kind=A.state, qid="Q43", country="TR",
              aliases=["Turkey", "Turki", "Turquie", "تركيا"]),
        Actor(id="recep-tayyip-erdogan", name="Recep Tayyip Erdoğan", kind=A.person, qid="Q39723", country="TR",
              aliases=["Erdoğan", "Erdogan", "Recep Tayyip Erdogan"]),
        Actor(id="united-states", name="United States", kind=A.state, qid="Q30", country="US",
              aliases=["US", "USA", "Amerika Serikat", "États-Unis"]),
        Actor(id="donald-trump", name="Donald Trump", kind=A.person, qid="Q22686", country="US",
              aliases=["Trump"]),
        Actor(id="israel", name="Israel", kind=A.state, qid="Q801", country="IL", aliases=["Israël", "إسرائيل"]),
        Actor(id="hamas", name="Hamas", kind=A.armed_group, qid="Q38799", aliases=["Islamic Resistance Movement"]),
        Actor(id="indonesia", name="Indonesia", kind=A.state, qid="Q252", country="ID", aliases=["Indonésie"]),
        Actor(id="pakistan", name="Pakistan", kind=A.state, qid="Q843", country="PK"),
        Actor(id="egypt", name="Egypt", kind=A.state, qid="Q79", country="EG", aliases=["Égypte", "مصر"]),
        Actor(id="nato", name="NATO", kind=A.organization, qid="Q7184", aliases=["OTAN"]),
        Actor(id="gaza-international-stabilization-force", name="Gaza International Stabilization Force",
              kind=A.initiative,
              aliases=["ISF", "Gaza force", "Gaza stabilization force", "pasukan stabilisasi internasional"]),
        Actor(id="gaza-strip", name="Gaza Strip", kind=A.place, aliases=["Gaza", "Jalur Gaza"]),
        Actor(id="isna", name="ISNA", kind=A.media, aliases=["Iranian Students' News Agency"]),
        Actor(id="bloomberg", name="Bloomberg News", kind=A.media, aliases=["Bloomberg"]),
        Actor(id="pars-today", name="Pars Today", kind=A.media),
        Actor(id="example-wire", name="Example Wire", kind=A.media),
        Actor(id="le-monde-exemple", name="Le Monde Exemple", kind=A.media),
        Actor(id="sada-example", name="Sada Example", kind=A.media),
    ]
}  # fmt: skip

ROLES = [
    Role(person_id="ilham-aliyev", org_id="azerbaijan", title="president", start=date(2003, 10, 31)),
    Role(person_id="recep-tayyip-erdogan", org_id="turkey", title="president", start=date(2014, 8, 28)),
    Role(person_id="donald-trump", org_id="united-states", title="president", start=date(2025, 1, 20)),
]


@dataclass
class S:
    """A statement to place in an article: its sentence and the parts to find in it."""

    sentence: str
    content: str
    relation: Relation
    speaker_mention: str
    speaker: str | None
    on_behalf: str | None
    targets: list[str] = field(default_factory=list)
    mentioned: list[str] = field(default_factory=list)
    direct: bool = False
    day: date | None = None
    via: str | None = None
    cameo: str | None = None
    conditions: list[str] = field(default_factory=list)
    confidence: float = 0.8


def _span(text: str, part: str, start: int = 0) -> Span:
    i = text.index(part, start)
    return Span(start=i, end=i + len(part), text=part)


def make_batch(
    *,
    url: str,
    outlet: str,
    outlet_id: str,
    title: str,
    language: str,
    published: datetime,
    items: list[S],
) -> IngestBatch:
    """An IngestBatch whose statement offsets index into the joined sentences."""
    text = title + "\n\n" + " ".join(s.sentence for s in items)
    article = Article(
        id=Article.make_id(url, text),
        url=url,
        outlet=outlet,
        outlet_id=outlet_id,
        title=title,
        language=language,
        published_at=published,
        text=text,
        source=url,
    )
    statements: list[Statement] = []
    used: set[str] = {outlet_id}
    cursor = len(title) + 2
    for s in items:
        sent = _span(text, s.sentence, cursor)
        cursor = sent.end
        content = _span(text, s.content, sent.start)
        speaker = _span(text, s.speaker_mention, sent.start) if s.speaker_mention in s.sentence else None
        codes = codes_for(s.relation, s.cameo)
        targets = [Target(actor_id=t, role=TargetRole.target) for t in s.targets]
        targets += [Target(actor_id=t, role=TargetRole.mentioned) for t in s.mentioned]
        for ident in (s.speaker, s.on_behalf, s.via, *s.targets, *s.mentioned):
            if ident:
                used.add(ident)
        statements.append(
            Statement(
                id=Statement.make_id(article.id, content.start, content.end),
                article_id=article.id,
                speaker_id=s.speaker,
                speaker_mention=s.speaker_mention,
                speaker_span=speaker,
                on_behalf_of_id=s.on_behalf,
                relation=s.relation,
                cameo=codes.cameo,
                plover=codes.plover,
                quad_class=codes.quad_class,
                goldstein=codes.goldstein,
                targets=targets,
                content=s.content,
                content_span=content,
                direct=s.direct,
                conditions=s.conditions,
                date=s.day or published.date(),
                date_source="text" if s.day else "article",
                via_id=s.via,
                sentence=s.sentence,
                sentence_span=sent,
                language=language,
                confidence=s.confidence,
            )
        )
    actors = [ACTORS[i] for i in sorted(used)]
    roles = [r for r in ROLES if r.person_id in used]
    return IngestBatch(article=article, actors=actors, roles=roles, statements=statements)


R = Relation


def corpus() -> list[IngestBatch]:
    """The four test articles, oldest first."""
    a1 = make_batch(
        url="https://example.org/id/aliyev-gaza",
        outlet="Pars Today",
        outlet_id="pars-today",
        title="Aliyev: Azerbaijan tidak akan mengirim pasukan ke Gaza",
        language="id",
        published=datetime(2026, 1, 6, 5, 24, tzinfo=UTC),
        items=[
            S(
                'Menurut ISNA, Aliyev berkata: "Kami tidak akan berpartisipasi dalam pasukan stabilisasi '
                'internasional di Gaza."',
                "Kami tidak akan berpartisipasi dalam pasukan stabilisasi internasional di Gaza.",
                R.declines,
                "Aliyev",
                "ilham-aliyev",
                "azerbaijan",
                ["gaza-international-stabilization-force"],
                ["gaza-strip"],
                direct=True,
                via="isna",
                cameo="1224",
                confidence=0.92,
            ),
            S(
                "Aliyev mengatakan Azerbaijan telah berhubungan dengan pemerintahan Trump mengenai pasukan itu.",
                "Azerbaijan telah berhubungan dengan pemerintahan Trump mengenai pasukan itu",
                R.consults,
                "Aliyev",
                "ilham-aliyev",
                "azerbaijan",
                ["united-states"],
                ["gaza-international-stabilization-force"],
                via="isna",
                confidence=0.7,
            ),
            S(
                "Sebuah sumber pemerintah mengatakan pada November bahwa Azerbaijan tidak akan mengirim pasukan "
                "kecuali gencatan senjata penuh antara Israel dan Hamas.",
                "Azerbaijan tidak akan mengirim pasukan kecuali gencatan senjata penuh antara Israel dan Hamas",
                R.declines,
                "Sebuah sumber pemerintah",
                None,
                "azerbaijan",
                ["gaza-international-stabilization-force"],
                ["israel", "hamas"],
                day=date(2025, 11, 20),
                cameo="1224",
                conditions=["gencatan senjata penuh antara Israel dan Hamas"],
                confidence=0.6,
            ),
            S(
                'Erdoğan mengatakan kepada Bloomberg: "Turki adalah pemain kunci dalam misi ini."',
                "Turki adalah pemain kunci dalam misi ini.",
                R.claims_role,
                "Erdoğan",
                "recep-tayyip-erdogan",
                "turkey",
                ["gaza-international-stabilization-force"],
                ["nato"],
                direct=True,
                day=date(2026, 1, 5),
                via="bloomberg",
                confidence=0.88,
            ),
        ],
    )
    a2 = make_batch(
        url="https://example.org/en/isf-contributors",
        outlet="Example Wire",
        outlet_id="example-wire",
        title="Indonesia ready to join Gaza force as Israel rejects Turkish role",
        language="en",
        published=datetime(2026, 1, 10, 9, 0, tzinfo=UTC),
        items=[
            S(
                "Indonesia said it is ready to send troops to the International Stabilization Force.",
                "it is ready to send troops to the International Stabilization Force",
                R.commits,
                "Indonesia",
                None,
                "indonesia",
                ["gaza-international-stabilization-force"],
                confidence=0.85,
            ),
            S(
                'An Israeli official said: "There will be no Turkish soldiers in Gaza."',
                "There will be no Turkish soldiers in Gaza.",
                R.declines,
                "An Israeli official",
                None,
                "israel",
                ["turkey"],
                ["gaza-strip"],
                direct=True,
                confidence=0.75,
            ),
            S(
                "Trump praised the Gaza force as a historic step.",
                "the Gaza force as a historic step",
                R.supports,
                "Trump",
                "donald-trump",
                "united-states",
                ["gaza-international-stabilization-force"],
                confidence=0.9,
            ),
            S(
                "Washington urged Egypt to host the force's training, a US statement said.",
                "Egypt to host the force's training",
                R.appeals,
                "Washington",
                None,
                "united-states",
                ["egypt"],
                ["gaza-international-stabilization-force"],
                confidence=0.65,
            ),
        ],
    )
    a3 = make_batch(
        url="https://example.org/fr/erdogan-israel",
        outlet="Le Monde Exemple",
        outlet_id="le-monde-exemple",
        title="Erdogan accuse Israël, le Pakistan pose ses conditions",
        language="fr",
        published=datetime(2026, 2, 3, 12, 0, tzinfo=UTC),
        items=[
            S(
                "Erdogan a accusé Israël de violer le cessez-le-feu à Gaza.",
                "Israël de violer le cessez-le-feu à Gaza",
                R.accuses,
                "Erdogan",
                "recep-tayyip-erdogan",
                "turkey",
                ["israel"],
                ["gaza-strip"],
                confidence=0.9,
            ),
            S(
                "Le Pakistan participera à la force de stabilisation si le mandat vient de l'ONU.",
                "participera à la force de stabilisation si le mandat vient de l'ONU",
                R.commits,
                "Le Pakistan",
                None,
                "pakistan",
                ["gaza-international-stabilization-force"],
                conditions=["le mandat vient de l'ONU"],
                confidence=0.8,
            ),
            S(
                "Plus tard, Aliyev a salué la force internationale de stabilisation, selon ISNA.",
                "la force internationale de stabilisation",
                R.supports,
                "Aliyev",
                "ilham-aliyev",
                "azerbaijan",
                ["gaza-international-stabilization-force"],
                day=date(2026, 2, 20),
                via="isna",
                confidence=0.55,
            ),
        ],
    )
    a4 = make_batch(
        url="https://example.org/ar/egypt-mediation",
        outlet="Sada Example",
        outlet_id="sada-example",
        title="مصر تدعو إسرائيل وحماس إلى التهدئة",
        language="ar",
        published=datetime(2026, 3, 1, 8, 0, tzinfo=UTC),
        items=[
            S(
                "دعت مصر إسرائيل وحماس إلى الالتزام بوقف إطلاق النار.",
                "إسرائيل وحماس إلى الالتزام بوقف إطلاق النار",
                R.appeals,
                "مصر",
                None,
                "egypt",
                ["israel", "hamas"],
                confidence=0.8,
            ),
            S(
                "وهددت حماس إسرائيل بالرد على أي خرق.",
                "إسرائيل بالرد على أي خرق",
                R.threatens,
                "حماس",
                None,
                "hamas",
                ["israel"],
                confidence=0.7,
            ),
            S(
                "وأجرت مصر محادثات مع تركيا بشأن القوة الدولية.",
                "محادثات مع تركيا بشأن القوة الدولية",
                R.consults,
                "مصر",
                None,
                "egypt",
                ["turkey"],
                ["gaza-international-stabilization-force"],
                confidence=0.75,
            ),
        ],
    )
    return [a1, a2, a3, a4]


def load(store: object) -> list[IngestBatch]:
    """Ingest the corpus into a store; returns the batches."""
    batches = corpus()
    for batch in batches:
        store.ingest(batch)  # type: ignore[attr-defined]
    return batches


STATEMENTS = sum(len(b.statements) for b in corpus())
