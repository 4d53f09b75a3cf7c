"""The Python enums and the ontology's individuals are one vocabulary: a change on either side fails here."""
from __future__ import annotations

from enum import Enum

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from qgraph.model import Change, Comparator, DomainMethod, LeadBasis, PartKind, Role
from qgraph.resources import resource_path
from qgraph.vocab import QG

ENUMS = [(Role, "Role"), (LeadBasis, "LeadBasis"), (Comparator, "Comparator"), (Change, "Change"),
         (PartKind, "ClauseKind"), (DomainMethod, "ClassificationMethod")]


def _individuals(cls: str) -> set[str]:
    graph = Graph().parse(resource_path("ontology", "qgraph.ttl"), format="turtle")
    return {str(s).removeprefix(str(QG)) for s in graph.subjects(RDF.type, URIRef(str(QG) + cls))}


@pytest.mark.parametrize("enum,cls", ENUMS, ids=[cls for _, cls in ENUMS])
def test_vocab_enum_matches_ontology_individuals(enum: type[Enum], cls: str):
    assert {member.value for member in enum} == _individuals(cls)


def test_vocab_leads_are_the_bases_the_ontology_counts():
    graph = Graph().parse(resource_path("ontology", "qgraph.ttl"), format="turtle")
    counted = {str(s).removeprefix(str(QG)) for s, o in graph.subject_objects(URIRef(str(QG) + "countsAsLead"))
               if o.toPython() is True}
    assert {basis.value for basis in LeadBasis if basis.leads} == counted
