"""Who may do what with case files in the back office.

Cases belong to no edition, but each has a text per edition: administrators do everything;
editors (of any edition) view, add and change cases and restore their revisions, and change
the text of the editions they edit; contributors only view; staff without a role see nothing.
"""

from __future__ import annotations

from vestnik.editorial import roles


def can_view_cases(user) -> bool:
    return roles.has_any_role(user)


def can_edit_cases(user) -> bool:
    return roles.is_administrator(user) or roles.Role.EDITOR in roles.roles_of(user).values()


def can_delete_cases(user) -> bool:
    return roles.is_administrator(user)


def can_edit_case_text(user, edition_id: int | None) -> bool:
    """The case's title and summary in one edition: editors of that edition."""
    return edition_id is not None and roles.is_editor(user, edition_id)


def can_change_lists(user) -> bool:
    """Courts and subjects: everyone with a role sees them, administrators change them."""
    return roles.is_administrator(user)


def editions_edited_by(user) -> set[int] | None:
    """Edition ids whose case texts `user` may change; None means every edition."""
    if roles.is_administrator(user):
        return None
    return {ed for ed, role in roles.roles_of(user).items() if role == roles.Role.EDITOR}
