"""qgraph's namespaces and the IRIs of its data: stable across builds and readable.

>>> clause_iri("gansu-2015", "2-7")
rdflib.term.URIRef('https://w3id.org/qgraph/id/doc/gansu-2015/clause/2-7')
"""
from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, ORG, OWL, PROV, RDF, RDFS, SKOS, XSD

QG = Namespace("https://w3id.org/qgraph/ontology#")
ID = "https://w3id.org/qgraph/id/"
ELI = Namespace("http://data.europa.eu/eli/ontology#")

PREFIXES = {"qg": QG, "eli": ELI, "dcterms": DCTERMS, "skos": SKOS, "org": ORG, "prov": PROV,
            "rdfs": RDFS, "rdf": RDF, "owl": OWL, "xsd": XSD, "id": Namespace(ID)}


def jurisdiction_iri(jurisdiction_id: str) -> URIRef:
    return URIRef(f"{ID}jurisdiction/{jurisdiction_id}")


def government_iri(jurisdiction_id: str) -> URIRef:
    return URIRef(f"{ID}jurisdiction/{jurisdiction_id}/government")


def document_iri(doc_id: str) -> URIRef:
    return URIRef(f"{ID}doc/{doc_id}")


def notice_iri(doc_id: str) -> URIRef:
    return URIRef(f"{ID}doc/{doc_id}/notice")


def clause_iri(doc_id: str, slug: str) -> URIRef:
    return URIRef(f"{ID}doc/{doc_id}/clause/{slug}")
