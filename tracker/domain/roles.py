"""Who may do what: the roles of the workspace and the review states of a figure (DESIGN.md §6).

A *viewer* is anyone on the public pages (no account). An *analyst* enters figures as
proposals and explains flags. A *reviewer* also accepts or rejects other people's proposals
and publishes figures directly. An *admin* also manages accounts and the registries. The
service layer checks these rules on every write (:func:`require`), whatever the caller.

A figure's ``review_status`` is ``proposed`` (stored, awaiting review, never public),
``accepted`` (public) or ``rejected`` (kept with its reason, never public). Nobody reviews
their own proposal.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Role(StrEnum):
    """The roles, from the least to the most trusted."""

    VIEWER = "viewer"
    ANALYST = "analyst"
    REVIEWER = "reviewer"
    ADMIN = "admin"


class Action(StrEnum):
    """What a write can be; each role is allowed a set of them."""

    PROPOSE = "propose"  # enter figures for review
    EXPLAIN = "explain"  # mark a flag explained or open again, with a note
    REVIEW = "review"  # accept or reject another person's proposal
    PUBLISH = "publish"  # enter, revise or retract figures without review
    MANAGE_USERS = "manage_users"
    MANAGE_REGISTRY = "manage_registry"  # sources and episodes


#: Roles that have an account (a viewer has none).
ACCOUNT_ROLES: tuple[str, ...] = (Role.ANALYST, Role.REVIEWER, Role.ADMIN)

ALLOWED: dict[Role, frozenset[Action]] = {
    Role.VIEWER: frozenset(),
    Role.ANALYST: frozenset({Action.PROPOSE, Action.EXPLAIN}),
    Role.REVIEWER: frozenset({Action.PROPOSE, Action.EXPLAIN, Action.REVIEW, Action.PUBLISH}),
    Role.ADMIN: frozenset(Action),
}

PROPOSED = "proposed"
ACCEPTED = "accepted"
REJECTED = "rejected"
#: Sent back to its author with a comment: never current; the author resubmits or withdraws.
RETURNED = "returned"
#: The review states of a figure revision (the ``review_status`` column of figures.csv).
REVIEW_STATES: tuple[str, ...] = (PROPOSED, ACCEPTED, REJECTED, RETURNED)


class PermissionDenied(PermissionError):
    """The actor's role does not allow the action; the message says who, what and why."""


@dataclass(frozen=True)
class Actor:
    """A person acting on the data: their account name and role."""

    name: str
    role: Role

    def may(self, action: Action) -> bool:
        """Whether the role allows the action."""
        return action in ALLOWED[self.role]


def require(actor: Actor, action: Action) -> None:
    """Refuse an action the actor's role does not allow."""
    if not actor.may(action):
        raise PermissionDenied(
            f"{actor.name} is {_article(actor.role)} {actor.role}: "
            f"the {actor.role} role may not {action.value.replace('_', ' ')}"
        )


def require_reviewer_of(actor: Actor, author: str) -> None:
    """A proposal is reviewed by a reviewer or admin who is not its author."""
    require(actor, Action.REVIEW)
    if actor.name == author:
        raise PermissionDenied(
            f"{actor.name} entered this proposal: another reviewer must accept or reject it"
        )


def parse_role(text: str) -> Role:
    """A role of an account from its name (analyst, reviewer or admin)."""
    if text not in ACCOUNT_ROLES:
        raise ValueError(f"unknown role {text!r}: one of {', '.join(ACCOUNT_ROLES)}")
    return Role(text)


def _article(role: Role) -> str:
    return "an" if role.value[0] in "aeiou" else "a"
