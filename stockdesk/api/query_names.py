"""Query parameters a route does not take are refused, not ignored.

A web shop that misspells a filter (`?categroy_id=…`) would otherwise get the whole, unfiltered
catalogue back and never know. The check runs once the caller is known (from `deps.caller`), so a
request without a valid token still gets 401 before anything about its query is said.
"""

from __future__ import annotations

from weakref import ref

from fastapi import Request
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from stockdesk.domain.errors import ValidationError
from stockdesk.domain.messages import Message

# By id(route), with a weak reference to the route it was read from: routes are not hashable, and an app
# made again (tests make many) has new routes, one of which may reuse the id of a freed one.
_TAKEN: dict[int, tuple[ref[APIRoute], frozenset[str]]] = {}


def refuse_unknown_query(request: Request) -> None:
    sent = request.query_params
    if not sent:
        return
    route = request.scope.get("route")
    if not isinstance(route, APIRoute):
        return
    known = _TAKEN.get(id(route))
    if known is not None and known[0]() is route:
        taken = known[1]
    else:
        taken = frozenset(_query_names(route.dependant))
        _TAKEN[id(route)] = (ref(route), taken)
    for name in sent:
        if name not in taken:
            accepted = ", ".join(sorted(taken)) or "none"
            raise ValidationError(name, sent[name], Message("api.unknown_query", accepted=accepted))


def _query_names(dependant: Dependant) -> set[str]:
    names = {field.alias for field in dependant.query_params}
    for dependency in dependant.dependencies:
        names |= _query_names(dependency)
    return names
