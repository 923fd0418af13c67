"""A seeded synthetic corpus: report-like documents in English (~80%) and French (~20%).

Sentences come from templates written for this benchmark, filled with taxonomy entities
(graph_schema/taxonomy/*.yaml) and made-up projects and people; 15-40 words a sentence,
several paragraphs a document, a title line first, like the reports the service ingests.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

EN_TEMPLATES = (
    "With money from {org}, the {project} brought together officials from {region} to talk about {threat}.",
    "{org} and {org2} agreed last year to pool their field teams in {region}, where {threat} has grown since the "
    "border posts were abandoned.",
    "According to {person}, who has led the {org} office in {region} for three years, {threat} now pays for most "
    "of the weapons seen in the area.",
    "The {project}, carried out by {org}, trained forty customs officers and prosecutors on how to recognise "
    "{threat} along the main trade routes.",
    "Local leaders in {region} told the mission that young men are drawn into {threat} because herding and "
    "farming no longer feed their families.",
    "In a joint statement, {org} and {org2} said they would keep supporting communities in {region} despite "
    "the deteriorating security situation.",
    "Seizures reported by {org} suggest that {threat} and {threat2} increasingly follow the same routes through "
    "{region} towards the coast.",
    "The second phase of the {project}, funded by {org}, targets {threat} in {region} and runs until the end "
    "of next year.",
    "{person}, a researcher at {org}, warned that the lack of reliable data makes it hard to measure how far "
    "{threat} has spread.",
    "Several armed groups, including {armed}, are believed to tax the traffic of goods crossing {region}, "
    "drawing revenue from {threat}.",
    "Participants recommended that {org} share its findings with the national authorities and with partners "
    "working in {region}.",
    "The workshop held in {region} in March was organised by {org} with the support of {org2} and attended by "
    "more than sixty people.",
)
FR_TEMPLATES = (
    "Avec le financement de {org}, le {project} a réuni des responsables venus de {region} pour discuter du "
    "{threat}.",
    "{org} et {org2} ont décidé l'an dernier de mettre en commun leurs équipes de terrain dans la région de "
    "{region}, où le {threat} progresse.",
    "Selon {person}, qui dirige le bureau de {org} à {region} depuis trois ans, le {threat} finance désormais une "
    "grande partie des armes en circulation.",
    "Le {project}, mis en œuvre par {org}, a formé une quarantaine de douaniers et de magistrats à la détection "
    "du {threat} le long des grands axes commerciaux.",
    "Les autorités locales de {region} ont expliqué à la mission que les jeunes se tournent vers le {threat} "
    "faute de revenus tirés de l'élevage.",
    "Dans une déclaration commune, {org} et {org2} ont annoncé qu'ils continueraient à soutenir les communautés "
    "de {region} malgré la dégradation de la situation.",
    "L'atelier organisé à {region} au mois de mars par {org}, avec l'appui de {org2}, a rassemblé plus de "
    "soixante participants.",
    "La deuxième phase du {project}, financée par {org}, vise le {threat} dans la région de {region} jusqu'à la "
    "fin de l'année prochaine.",
)
EN_PROJECTS = ("Border Security Programme", "Youth Resilience Initiative", "Community Dialogue Project",
               "Justice Sector Support Programme", "Sahel Drug Prevention Initiative")
FR_PROJECTS = ("Programme d'appui à la sécurité frontalière", "Projet de dialogue communautaire",
               "Programme de prévention des drogues au Sahel")
PEOPLE = ("Amina Traoré", "Moussa Diallo", "Fatoumata Keïta", "Ibrahim Maïga", "Claire Dubois", "Oumar Touré",
          "Hawa Coulibaly", "Jean-Pierre Ouédraogo")
FALLBACK = {
    "org": ["UNODC", "UNICRI", "ECOWAS", "European Union", "UNDP", "INTERPOL"],
    "armed": ["JNIM", "ISGS", "AQIM"],
    "region": ["Mali", "Niger", "Gao", "Timbuktu", "Burkina Faso", "Mopti"],
    "threat_en": ["drug trafficking", "arms trafficking", "terrorism", "money laundering", "kidnapping"],
    "threat_fr": ["trafic de drogue", "trafic d'armes", "terrorisme", "blanchiment d'argent"],
}


def _vocabulary() -> dict[str, list[str]]:
    try:
        from graph_schema.taxonomy import load_taxonomy
    except ImportError:
        return dict(FALLBACK)
    tax = load_taxonomy()
    sahel = {"ML", "NE", "BF", "TD", "MR", "SN", "NG"}
    regions = [r.name for r in tax.regions if r.kind == "place" or r.code in sahel]
    fr_threats = [a for t in tax.threats for a in t.aliases if a.startswith(("trafic", "terror", "blanchiment"))]
    return {
        "org": [a.name for a in tax.actors if a.kind != "armed_group"],
        "armed": [a.name for a in tax.actors if a.kind == "armed_group"] or FALLBACK["armed"],
        "region": regions or FALLBACK["region"],
        "threat_en": [t.name for t in tax.threats] or FALLBACK["threat_en"],
        "threat_fr": fr_threats or FALLBACK["threat_fr"],
    }


@dataclass(frozen=True)
class Document:
    id: str
    language: str
    text: str

    @property
    def words(self) -> int:
        return len(self.text.split())


def _sentence(rng: random.Random, vocab: dict[str, list[str]], french: bool) -> str:
    template = rng.choice(FR_TEMPLATES if french else EN_TEMPLATES)
    orgs = rng.sample(vocab["org"], 2)
    threats = rng.sample(vocab["threat_fr" if french else "threat_en"], 2)
    return template.format(
        org=orgs[0], org2=orgs[1], armed=rng.choice(vocab["armed"]), region=rng.choice(vocab["region"]),
        threat=threats[0], threat2=threats[1], person=rng.choice(PEOPLE),
        project=rng.choice(FR_PROJECTS if french else EN_PROJECTS),
    )


def make_corpus(n: int, seed: int = 3, french_share: float = 0.2) -> list[Document]:
    """``n`` documents, the same for the same seed: 3-6 paragraphs of 2-6 sentences each."""
    rng = random.Random(seed)
    vocab = _vocabulary()
    docs: list[Document] = []
    for i in range(n):
        french = rng.random() < french_share
        title = (f"Rapport de mission n° {i} : sécurité et trafics au Sahel" if french
                 else f"Mission report {i}: security and illicit trade in the Sahel")
        paragraphs = [" ".join(_sentence(rng, vocab, french) for _ in range(rng.randint(2, 6)))
                      for _ in range(rng.randint(3, 6))]
        docs.append(Document(f"bench-{i:05d}", "fr" if french else "en", title + "\n\n" + "\n\n".join(paragraphs)))
    return docs
