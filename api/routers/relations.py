"""``GET /relations``: the relation vocabulary with its CAMEO/PLOVER codes and stance."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel

from graph.relations import Stance, codes_for, vocabulary

router = APIRouter(tags=["relations"])


class RelationEntry(BaseModel):
    relation: str
    cameo: str
    cameo_name: str
    plover: str
    quad_class: int
    goldstein: float
    stance: Stance
    description: str


class RelationList(BaseModel):
    items: list[RelationEntry]


@router.get(
    "/relations",
    summary="Relation vocabulary with CAMEO, PLOVER, QuadClass, Goldstein and stance",
    responses={200: {"content": {"application/json": {"example": {"items": [
        {"relation": "declines", "cameo": "120", "cameo_name": "Reject", "plover": "REJECT", "quad_class": 3,
         "goldstein": -4.0, "stance": "oppose", "description": "Refuses, rejects or declines …"}]}}}}},
)  # fmt: skip
def list_relations() -> RelationList:
    items = []
    for rel, info in vocabulary().items():
        codes = codes_for(rel)
        items.append(
            RelationEntry(
                relation=rel.value,
                cameo=codes.cameo,
                cameo_name=codes.cameo_name,
                plover=codes.plover,
                quad_class=codes.quad_class,
                goldstein=codes.goldstein,
                stance=info.stance,
                description=info.description,
            )
        )
    return RelationList(items=items)
