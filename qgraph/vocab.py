"""qgraph's namespaces, terms and the IRIs of its data: stable across builds and readable.

Triples are pyoxigraph terms (fast to make, serialise and load); :func:`to_rdflib` hands them
to rdflib-based tools such as pySHACL.

>>> clause_iri("x-2015", "2-7")
<NamedNode value=https://w3id.org/qgraph/id/doc/x-2015/clause/2-7>
>>> literal(3)
<Literal value=3 datatype=<NamedNode value=http://www.w3.org/2001/XMLSchema#integer>>
>>> literal("产品质量", lang="zh")
<Literal value=产品质量 language=zh>
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

import pyoxigraph as ox


class Namespace:
    """``QG.Clause`` → the NamedNode ``https://w3id.org/qgraph/ontology#Clause``."""

    def __init__(self, base: str) -> None:
        self.base = base
        self._terms: dict[str, ox.NamedNode] = {}   # made once: a build asks for QG.x millions of times

    def __getattr__(self, name: str) -> ox.NamedNode:
        if name.startswith("__") or name == "_terms":
            raise AttributeError(name)
        term = self[name]
        setattr(self, name, term)   # an attribute from now on: asked again, Python finds it without this call
        return term

    def __getitem__(self, name: str) -> ox.NamedNode:
        term = self._terms.get(name)
        if term is None:
            term = self._terms[name] = ox.NamedNode(self.base + name)
        return term

    def __str__(self) -> str:
        return self.base


ID = "https://w3id.org/qgraph/id/"
QG = Namespace("https://w3id.org/qgraph/ontology#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
ORG = Namespace("http://www.w3.org/ns/org#")
PROV = Namespace("http://www.w3.org/ns/prov#")
RDF = Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
RDFS = Namespace("http://www.w3.org/2000/01/rdf-schema#")
OWL = Namespace("http://www.w3.org/2002/07/owl#")
XSD = Namespace("http://www.w3.org/2001/XMLSchema#")
QB = Namespace("http://purl.org/linked-data/cube#")
DEPARTMENT_TYPE = Namespace("https://w3id.org/qgraph/department-type/")
INDICATOR = Namespace("https://w3id.org/qgraph/indicator/")
TOPIC = Namespace("https://w3id.org/qgraph/topic/")
UNKNOWN_DEPARTMENT_TYPE = DEPARTMENT_TYPE.unknown.value

PREFIXES = {"qg": QG, "eli": ELI, "dcterms": DCTERMS, "skos": SKOS, "org": ORG, "prov": PROV,
            "rdfs": RDFS, "rdf": RDF, "owl": OWL, "xsd": XSD, "qb": QB, "id": Namespace(ID)}

Triple = ox.Triple


def literal(value: object, lang: str | None = None) -> ox.Literal:
    """A literal typed by its Python value: int → xsd:integer, Decimal → xsd:decimal, str plain or @lang."""
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=XSD.boolean)
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=XSD.integer)
    if isinstance(value, Decimal):
        return ox.Literal(format(value, "f"), datatype=XSD.decimal)
    if isinstance(value, dt.date):
        return ox.Literal(value.isoformat(), datatype=XSD.date)
    if lang:
        return ox.Literal(str(value), language=lang)
    return ox.Literal(str(value))


def typed(value: str, datatype: ox.NamedNode) -> ox.Literal:
    """A literal of the given datatype."""
    return ox.Literal(value, datatype=datatype)


def jurisdiction_iri(jurisdiction_id: str) -> ox.NamedNode:
    """``…/id/jurisdiction/ID``."""
    return ox.NamedNode(f"{ID}jurisdiction/{jurisdiction_id}")


def government_iri(jurisdiction_id: str) -> ox.NamedNode:
    """``…/id/jurisdiction/ID/government``."""
    return ox.NamedNode(f"{ID}jurisdiction/{jurisdiction_id}/government")


def document_iri(doc_id: str) -> ox.NamedNode:
    """``…/id/doc/ID``."""
    return ox.NamedNode(f"{ID}doc/{doc_id}")


def notice_iri(doc_id: str) -> ox.NamedNode:
    """``…/id/doc/ID/notice``: the covering notice that issues a document."""
    return ox.NamedNode(f"{ID}doc/{doc_id}/notice")


def clause_iri(doc_id: str, slug: str) -> ox.NamedNode:
    """``…/id/doc/ID/clause/SLUG``."""
    return ox.NamedNode(f"{ID}doc/{doc_id}/clause/{slug}")


def department_iri(jurisdiction_id: str, label: str) -> ox.NamedNode:
    """``…/id/jurisdiction/ID/department/LABEL``."""
    return ox.NamedNode(f"{ID}jurisdiction/{jurisdiction_id}/department/{label}")


def group_iri(jurisdiction_id: str, label: str) -> ox.NamedNode:
    """``…/id/jurisdiction/ID/group/LABEL``: a collective body."""
    return ox.NamedNode(f"{ID}jurisdiction/{jurisdiction_id}/group/{label}")


def assignment_iri(doc_id: str, slug: str, n: int) -> ox.NamedNode:
    """``…/clause/SLUG/assignment/N``: the Nth unit a clause assigns."""
    return ox.NamedNode(f"{ID}doc/{doc_id}/clause/{slug}/assignment/{n}")


def target_iri(doc_id: str, slug: str, n: int) -> ox.NamedNode:
    """``…/clause/SLUG/target/N``: the Nth target of a clause."""
    return ox.NamedNode(f"{ID}doc/{doc_id}/clause/{slug}/target/{n}")


def topic_iri(topic_id: str) -> ox.NamedNode:
    """``https://w3id.org/qgraph/topic/ID``: a topic of the scheme qg:Topics."""
    return TOPIC[topic_id]


def reuse_iri(later_doc: str, earlier_doc: str, n: int) -> ox.NamedNode:
    """``…/id/reuse/LATER/EARLIER/N``: the Nth passage LATER took from EARLIER."""
    return ox.NamedNode(f"{ID}reuse/{later_doc}/{earlier_doc}/{n}")


def observation_iri(dataset: str, key: str) -> ox.NamedNode:
    """``…/id/observation/DATASET/KEY``: an observation of a data set (qb:Observation), KEY naming its
    dimensions' values."""
    return ox.NamedNode(f"{ID}observation/{dataset}/{key}")


def domain_assignment_iri(subject: ox.NamedNode, domain_iri: str) -> ox.NamedNode:
    """``SUBJECT/domain/KEBAB-NAME``: how a clause or target got a domain."""
    local = domain_iri.rsplit("#", 1)[-1]
    kebab = "".join("-" + ch.lower() if ch.isupper() else ch for ch in local).lstrip("-")
    return ox.NamedNode(f"{subject.value}/domain/{kebab}")


def to_rdflib(triples: Iterable[ox.Triple], into=None):
    """The triples as an rdflib Graph (for pySHACL and other rdflib tools)."""
    import rdflib  # lazy: start-up time

    graph = into if into is not None else rdflib.Graph()
    data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    if data:
        graph.parse(data=data.decode("utf-8"), format="nt")
    return graph
