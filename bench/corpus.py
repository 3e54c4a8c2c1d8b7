"""Corpus generator: realistic multilingual news articles (id/en/es/fr) with known statements.

Usage::

    .venv/bin/python bench/corpus.py --articles 10000 --out /tmp/corpus-10k.jsonl [--truth /tmp/truth.jsonl]

Writes JSON Lines articles (``url``, ``title``, ``text``, ``published``, ``outlet``, ``language``)
of about 400 words each: a headline, four statement paragraphs — a head of state,
prime minister or foreign minister from the gazetteer's roles, speaking about another state,
in a direct quote or reported speech — and background paragraphs without statements. With
``--truth`` it writes, per article, the statements the templates put in (speaker, state
spoken for, relation, target), so a benchmark can tell how much of it extraction finds.

The templates are written for this benchmark; actors and state names come from the gazetteer
and CLDR (via Babel). Deterministic for a given ``--seed``. Articles are generated one at a
time, so 100k articles take no more memory than one.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

LANGS = ("id", "en", "es", "fr")

TITLES = {
    "en": {"president": "President", "prime minister": "Prime Minister", "foreign minister": "Foreign Minister"},
    "id": {"president": "Presiden", "prime minister": "Perdana Menteri", "foreign minister": "Menteri Luar Negeri"},
    "es": {"president": "el presidente", "prime minister": "el primer ministro", "foreign minister": "el canciller"},
    "fr": {
        "president": "le président",
        "prime minister": "le Premier ministre",
        "foreign minister": "le ministre des Affaires étrangères",
    },
}

# relation → templates; {speaker} is "<title> <name> (of <state>)", {target} a state name,
# {own} the speaker's state. Quotes use each language's usual marks.
STATEMENTS: dict[str, dict[str, list[str]]] = {
    "en": {
        "supports": [
            "{speaker} said {own} fully supports the ceasefire proposal put forward by {target}.",
            "“We stand with {target} and we will back its plan at the United Nations,” {speaker} said.",
        ],
        "criticizes": [
            "“The latest decision by {target} is a serious mistake that endangers the whole region,” {speaker} said.",
            "{speaker} criticised {target} for expanding military drills near the border.",
        ],
        "declines": [
            "{speaker} said {own} rejected the request from {target} to send troops.",
            "“We will not join the coalition led by {target},” {speaker} told reporters.",
        ],
        "demands": [
            "{speaker} urged {target} to release the detained aid workers without delay.",
            "“{target} must withdraw its forces immediately,” {speaker} said.",
        ],
        "agrees": ["{speaker} said {own} had agreed with {target} to reopen the border crossing next month."],
        "threatens": ["{speaker} warned that {own} would respond firmly if {target} crossed the maritime line."],
    },
    "id": {
        "supports": [
            "{speaker} mengatakan {own} mendukung penuh usulan gencatan senjata yang diajukan {target}.",
            "“Kami berdiri bersama {target} dan akan mendukung rencananya di PBB,” kata {speaker}.",
        ],
        "criticizes": [
            "“Keputusan terbaru {target} adalah kesalahan serius yang membahayakan seluruh kawasan,” kata {speaker}.",
            "{speaker} mengkritik {target} karena memperluas latihan militer di dekat perbatasan.",
        ],
        "declines": [
            "{speaker} mengatakan {own} menolak permintaan {target} untuk mengirim pasukan.",
            "“Kami tidak akan bergabung dengan koalisi yang dipimpin {target},” ujar {speaker}.",
        ],
        "demands": [
            "{speaker} mendesak {target} untuk segera membebaskan para pekerja kemanusiaan yang ditahan.",
            "“{target} harus segera menarik pasukannya,” kata {speaker}.",
        ],
        "agrees": ["{speaker} mengatakan {own} telah sepakat dengan {target} untuk membuka kembali perbatasan."],
        "threatens": ["{speaker} memperingatkan bahwa {own} akan merespons tegas jika {target} melanggar batas laut."],
    },
    "es": {
        "supports": [
            "{speaker} afirmó que {own} apoya plenamente la propuesta de alto el fuego presentada por {target}.",
            "«Estamos con {target} y respaldaremos su plan en las Naciones Unidas», dijo {speaker}.",
        ],
        "criticizes": [
            "«La última decisión de {target} es un grave error que pone en peligro a toda la región», dijo {speaker}.",
            "{speaker} criticó a {target} por ampliar sus maniobras militares cerca de la frontera.",
        ],
        "declines": [
            "{speaker} dijo que {own} rechazó la petición de {target} de enviar tropas.",
            "«No nos uniremos a la coalición liderada por {target}», declaró {speaker}.",
        ],
        "demands": [
            "{speaker} instó a {target} a liberar sin demora a los cooperantes detenidos.",
            "«{target} debe retirar sus fuerzas de inmediato», dijo {speaker}.",
        ],
        "agrees": ["{speaker} dijo que {own} acordó con {target} reabrir el paso fronterizo el próximo mes."],
        "threatens": ["{speaker} advirtió que {own} responderá con firmeza si {target} cruza la línea marítima."],
    },
    "fr": {
        "supports": [
            "{speaker} a déclaré que {own} soutient pleinement la proposition de cessez-le-feu de {target}.",
            "« Nous sommes aux côtés de {target} et nous soutiendrons son plan à l'ONU », a dit {speaker}.",
        ],
        "criticizes": [
            "« La dernière décision de {target} est une grave erreur qui met en danger toute la région », a dit {speaker}.",
            "{speaker} a critiqué {target} pour l'extension de ses manœuvres militaires près de la frontière.",
        ],
        "declines": [
            "{speaker} a déclaré que {own} a rejeté la demande de {target} d'envoyer des troupes.",
            "« Nous ne rejoindrons pas la coalition dirigée par {target} », a affirmé {speaker}.",
        ],
        "demands": [
            "{speaker} a exhorté {target} à libérer sans délai les humanitaires détenus.",
            "« {target} doit retirer ses forces immédiatement », a dit {speaker}.",
        ],
        "agrees": ["{speaker} a indiqué que {own} s'est mis d'accord avec {target} pour rouvrir le poste-frontière."],
        "threatens": ["{speaker} a averti que {own} répondrait fermement si {target} franchissait la ligne maritime."],
    },
}

HEADLINES = {
    "en": ["{a} and {b} at odds over border security", "Talks between {a} and {b} enter a new phase",
           "{a} weighs its options as pressure from {b} grows"],
    "id": ["{a} dan {b} berselisih soal keamanan perbatasan", "Perundingan {a} dan {b} memasuki babak baru",
           "{a} menimbang langkah di tengah tekanan {b}"],
    "es": ["{a} y {b}, enfrentados por la seguridad fronteriza", "Las conversaciones entre {a} y {b} entran en una "
           "nueva fase", "{a} sopesa sus opciones ante la presión de {b}"],
    "fr": ["{a} et {b} divisés sur la sécurité des frontières", "Les discussions entre {a} et {b} entrent dans une "
           "nouvelle phase", "{a} pèse ses options face à la pression de {b}"],
}  # fmt: skip

BACKGROUND = {
    "en": [
        "Trade between {a} and {b} has grown steadily over the past decade, driven by energy, farm goods and "
        "machinery, while investment in ports and railways has opened new routes for exporters on both sides.",
        "The dispute dates back several years, when a series of incidents at sea and on the land border led to "
        "the suspension of regular consultations and to a sharp drop in the number of visas issued.",
        "Regional organisations have repeatedly offered to mediate, and several rounds of technical talks took "
        "place last year in neutral capitals, without a lasting agreement on the most sensitive questions.",
        "Markets reacted calmly to the news, with the currencies of both countries little changed in early "
        "trading and shipping insurers keeping their premiums for the region at the levels of last month.",
        "Humanitarian groups working in the area have pointed to shortages of fuel, medicine and clean water, "
        "and to the growing number of families who have left their homes since the start of the year.",
        "Parliamentary elections are due next year in {a}, and the government faces criticism at home over "
        "the cost of living, the state of public hospitals and the pace of reforms promised during the campaign.",
    ],
    "id": [
        "Perdagangan antara {a} dan {b} terus tumbuh dalam satu dekade terakhir, didorong oleh energi, hasil "
        "pertanian dan mesin, sementara investasi di pelabuhan dan jalur kereta membuka rute baru bagi eksportir.",
        "Perselisihan ini bermula beberapa tahun lalu, ketika serangkaian insiden di laut dan di perbatasan "
        "darat menyebabkan konsultasi rutin dihentikan dan jumlah visa yang diterbitkan turun tajam.",
        "Organisasi kawasan berulang kali menawarkan diri menjadi penengah, dan beberapa putaran pembicaraan "
        "teknis digelar tahun lalu di ibu kota netral tanpa kesepakatan yang bertahan lama.",
        "Pasar menanggapi kabar itu dengan tenang, nilai tukar kedua negara nyaris tidak berubah pada awal "
        "perdagangan dan perusahaan asuransi pelayaran mempertahankan premi pada tingkat bulan lalu.",
        "Kelompok kemanusiaan di wilayah itu menyoroti kekurangan bahan bakar, obat-obatan dan air bersih, "
        "serta bertambahnya jumlah keluarga yang meninggalkan rumah mereka sejak awal tahun.",
        "Pemilihan umum legislatif akan digelar tahun depan di {a}, dan pemerintah menghadapi kritik di dalam "
        "negeri soal biaya hidup, kondisi rumah sakit umum dan lambatnya reformasi yang dijanjikan.",
    ],
    "es": [
        "El comercio entre {a} y {b} ha crecido de forma constante en la última década, impulsado por la "
        "energía, los productos agrícolas y la maquinaria, mientras la inversión en puertos abre nuevas rutas.",
        "La disputa se remonta a varios años atrás, cuando una serie de incidentes en el mar y en la frontera "
        "terrestre llevó a suspender las consultas periódicas y a reducir drásticamente los visados.",
        "Las organizaciones regionales han ofrecido en repetidas ocasiones su mediación, y el año pasado hubo "
        "varias rondas de conversaciones técnicas en capitales neutrales, sin un acuerdo duradero.",
        "Los mercados recibieron la noticia con calma: las monedas de ambos países apenas variaron en las "
        "primeras horas y las aseguradoras marítimas mantuvieron sus primas en los niveles del mes pasado.",
        "Los grupos humanitarios que trabajan en la zona señalan la escasez de combustible, medicinas y agua "
        "potable, y el número creciente de familias que han abandonado sus hogares desde principios de año.",
        "En {a} habrá elecciones legislativas el próximo año, y el gobierno afronta críticas internas por el "
        "coste de la vida, el estado de los hospitales públicos y el ritmo de las reformas prometidas.",
    ],
    "fr": [
        "Les échanges entre {a} et {b} ont progressé régulièrement au cours de la dernière décennie, portés par "
        "l'énergie, les produits agricoles et les machines, tandis que les ports ouvrent de nouvelles routes.",
        "Le différend remonte à plusieurs années, lorsqu'une série d'incidents en mer et à la frontière "
        "terrestre a conduit à suspendre les consultations régulières et à réduire fortement les visas.",
        "Les organisations régionales ont proposé à plusieurs reprises leur médiation, et plusieurs cycles de "
        "discussions techniques ont eu lieu l'an dernier dans des capitales neutres, sans accord durable.",
        "Les marchés ont accueilli la nouvelle avec calme : les monnaies des deux pays ont peu varié en début "
        "de séance et les assureurs maritimes ont maintenu leurs primes au niveau du mois dernier.",
        "Les organisations humanitaires présentes dans la zone signalent des pénuries de carburant, de "
        "médicaments et d'eau potable, et un nombre croissant de familles qui ont quitté leur foyer.",
        "Des élections législatives auront lieu l'an prochain en {a}, et le gouvernement est critiqué pour le "
        "coût de la vie, l'état des hôpitaux publics et la lenteur des réformes promises.",
    ],
}

CONTEXT = {
    "en": ["The remarks came ahead of a regional summit planned for the end of the month.",
           "Diplomats from both sides met behind closed doors for more than four hours.",
           "Officials in {b} had not reacted by the time this article was published."],
    "id": ["Pernyataan itu muncul menjelang pertemuan puncak kawasan yang direncanakan akhir bulan ini.",
           "Para diplomat kedua pihak bertemu secara tertutup selama lebih dari empat jam.",
           "Pejabat di {b} belum bereaksi hingga berita ini diturunkan."],
    "es": ["Las declaraciones llegan antes de una cumbre regional prevista para finales de mes.",
           "Diplomáticos de ambas partes se reunieron a puerta cerrada durante más de cuatro horas.",
           "Las autoridades de {b} no habían reaccionado al cierre de esta edición."],
    "fr": ["Ces propos interviennent avant un sommet régional prévu à la fin du mois.",
           "Des diplomates des deux camps se sont réunis à huis clos pendant plus de quatre heures.",
           "Les autorités de {b} n'avaient pas réagi à l'heure où nous publions cet article."],
}  # fmt: skip

OUTLETS = {
    "en": ["Harbour Herald", "Capital Ledger", "Eastern Wire"],
    "id": ["Warta Nusantara", "Kabar Kepulauan", "Suara Pesisir"],
    "es": ["El Correo Austral", "Diario del Istmo", "La Gaceta Andina"],
    "fr": ["Le Courrier du Fleuve", "La Vigie", "L'Écho des Capitales"],
}


@dataclass(frozen=True)
class Speaker:
    person_id: str
    name: str
    title: str
    state_id: str
    iso2: str


class Generator:
    """Builds articles from the gazetteer's current heads of state, prime and foreign ministers."""

    def __init__(self, seed: int = 12) -> None:
        import babel

        from loaders.gazetteer import Gazetteer

        gaz = Gazetteer.default()
        self.rnd = random.Random(seed)
        states = {a.id: a for a in gaz.actors() if a.kind.value == "state" and a.country}
        self.speakers: list[Speaker] = []
        for role in gaz.roles():
            person = gaz.actor(role.person_id)
            state = states.get(role.org_id)
            if role.end is None and role.title in TITLES["en"] and person is not None and state is not None:
                assert state.country is not None
                self.speakers.append(Speaker(person.id, person.name, role.title, state.id, state.country))
        self.states = sorted({s.state_id: s.iso2 for s in self.speakers}.items())
        self.names = {lang: babel.Locale.parse(lang).territories for lang in LANGS}
        self.english = {sid: states[sid].name for sid, _ in self.states}

    def state_name(self, state_id: str, iso2: str, lang: str) -> str:
        return self.english[state_id] if lang == "en" else str(self.names[lang].get(iso2, self.english[state_id]))

    def article(self, n: int) -> tuple[dict[str, Any], list[dict[str, str]]]:
        rnd = self.rnd
        lang = LANGS[n % len(LANGS)]
        outlet = rnd.choice(OUTLETS[lang])
        when = datetime(2025, 1, 1, tzinfo=UTC) + timedelta(minutes=rnd.randrange(60 * 24 * 600))
        speakers = rnd.sample(self.speakers, 3)
        main_target = rnd.choice([s for s in self.states if s[0] not in {sp.state_id for sp in speakers}])
        a = self.state_name(speakers[0].state_id, speakers[0].iso2, lang)
        b = self.state_name(main_target[0], main_target[1], lang)
        paragraphs: list[str] = []
        truth: list[dict[str, str]] = []
        background = rnd.sample(BACKGROUND[lang], len(BACKGROUND[lang]))
        for i, speaker in enumerate([*speakers, speakers[0]]):
            relation = rnd.choice(sorted(STATEMENTS[lang]))
            target_id, target_iso = main_target if i % 2 == 0 else rnd.choice(self.states)
            if target_id == speaker.state_id:
                target_id, target_iso = main_target
            own = self.state_name(speaker.state_id, speaker.iso2, lang)
            title = TITLES[lang][speaker.title]
            who = f"{title} {speaker.name}" if lang != "en" or i else f"{own} {title} {speaker.name}"
            if lang in ("es", "fr") and i == 0:
                who = who[0].upper() + who[1:]
            sentence = rnd.choice(STATEMENTS[lang][relation]).format(
                speaker=who, own=own, target=self.state_name(target_id, target_iso, lang)
            )
            context = rnd.choice(CONTEXT[lang]).format(b=b)
            paragraphs.append(sentence[0].upper() + sentence[1:] + " " + context)
            paragraphs.append(background[i].format(a=a, b=b))
            truth.append(
                {"speaker": speaker.person_id, "on_behalf_of": speaker.state_id, "relation": relation,
                 "target": target_id}
            )  # fmt: skip
        paragraphs.extend(p.format(a=a, b=b) for p in background[4:])
        title = rnd.choice(HEADLINES[lang]).format(a=a, b=b)
        slug = outlet.lower().replace(" ", "-").replace("'", "").replace("é", "e").replace("É", "e")
        record = {
            "url": f"https://{slug}.example/{lang}/{when:%Y/%m/%d}/{n:07d}",
            "title": title,
            "text": "\n\n".join(paragraphs),
            "published": when.isoformat(),
            "outlet": outlet,
            "language": lang,
        }
        return record, truth

    def articles(self, count: int) -> Iterator[tuple[dict[str, Any], list[dict[str, str]]]]:
        for n in range(count):
            yield self.article(n)


def write_corpus(path: Path, count: int, *, seed: int = 12, truth: Path | None = None) -> None:
    """Write ``count`` articles to ``path`` (JSON Lines) and, optionally, the known statements."""
    gen = Generator(seed)
    with path.open("w", encoding="utf-8") as out:
        truth_out = truth.open("w", encoding="utf-8") if truth else None
        try:
            for record, known in gen.articles(count):
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
                if truth_out is not None:
                    truth_out.write(json.dumps({"url": record["url"], "statements": known}) + "\n")
        finally:
            if truth_out is not None:
                truth_out.close()


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--articles", type=int, default=1000)
    p.add_argument("--out", type=Path, required=True)
    p.add_argument("--truth", type=Path)
    p.add_argument("--seed", type=int, default=12)
    args = p.parse_args(argv)
    write_corpus(args.out, args.articles, seed=args.seed, truth=args.truth)
    print(f"wrote {args.articles} articles to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
