"""Tài khoản: the administrator creates, edits, deactivates accounts and resets passwords."""

import streamlit as st

from core import auth, texts
from screens import admin_views
from web.ui import db, grid, multiselect, require

admin = require("manage_users")


def _attempt(action, success: str) -> None:
    """Run an account change; say what happened, or why it was refused."""
    try:
        action()
    except auth.AuthError as refusal:
        st.error(str(refusal))
    else:
        st.success(success)


st.title(texts.USERS_TITLE)
st.caption(texts.USERS_CAPTION)
# Accounts change without a data load (a sign-in, another administrator): read on every run, never cached.
units = admin_views.unit_options(db())
found = units
if admin_views.needs_search(units):  # outside the forms: a search redraws the pickers' options
    search = st.text_input(
        texts.USERS_UNIT_SEARCH, key="unit_search", max_chars=100, placeholder=texts.USERS_UNIT_SEARCH_PLACEHOLDER
    )
    found = admin_views.unit_choices(units, search)
    st.caption(admin_views.units_found_text(units, search, found))

with st.expander(texts.USERS_ADD_TITLE, icon=":material/person_add:"), st.form("add_user", clear_on_submit=False):
    username = st.text_input(texts.USERS_USERNAME, max_chars=40, key="new_username")
    full_name = st.text_input(texts.USERS_FULL_NAME, max_chars=100, key="new_full_name")
    role = st.selectbox(texts.USERS_ROLE, auth.ROLES, format_func=texts.ROLE_LABELS.get, key="new_role")
    unit_codes = multiselect(
        texts.USERS_UNITS,
        admin_views.offered_units(units, found, st.session_state.get("new_units", ())),  # the picks stay
        format_func=units.get,
        key="new_units",
        placeholder=texts.CHOOSE_UNITS,
    )
    password = st.text_input(texts.USERS_PASSWORD, type="password", key="new_password")
    again = st.text_input(texts.USERS_PASSWORD_AGAIN, type="password", key="new_password_again")
    if st.form_submit_button(texts.USERS_ADD_BUTTON, type="primary"):
        if password != again:
            st.error(texts.USERS_PASSWORDS_DIFFER)
        else:
            _attempt(
                lambda: auth.create_user(db(), admin.username, username, full_name, role, password, unit_codes),
                texts.USERS_ADDED.format(username=username.strip().casefold()),
            )

view = admin_views.users_page(db())  # after the form above: an account it created is listed
grid(view.table, hide_index=True, width="stretch")

st.subheader(texts.USERS_EDIT_TITLE)
chosen = st.selectbox(texts.USERS_SELECT, list(view.accounts), key="edit_user")
account = view.accounts[chosen]
units_key = f"units_{chosen}"  # a key of its own: a new search keeps what is picked (the options change)
with st.form(f"edit_{chosen}"):
    full_name = st.text_input(texts.USERS_FULL_NAME, value=account.full_name, max_chars=100)
    role = st.selectbox(
        texts.USERS_ROLE, auth.ROLES, index=auth.ROLES.index(account.role), format_func=texts.ROLE_LABELS.get
    )
    unit_codes = multiselect(
        texts.USERS_UNITS,
        admin_views.offered_units(units, found, [*account.unit_codes, *st.session_state.get(units_key, ())]),
        default=[c for c in account.unit_codes if c in units],
        format_func=units.get,
        key=units_key,
        placeholder=texts.CHOOSE_UNITS,
    )
    if st.form_submit_button(texts.USERS_SAVE_BUTTON, type="primary"):
        _attempt(
            lambda: auth.update_user(db(), admin.username, chosen, full_name, role, unit_codes),
            texts.USERS_SAVED.format(username=chosen),
        )

with st.form(f"password_{chosen}", clear_on_submit=True):
    password = st.text_input(texts.USERS_NEW_PASSWORD, type="password")
    again = st.text_input(texts.USERS_PASSWORD_AGAIN, type="password")
    if st.form_submit_button(texts.USERS_SET_PASSWORD_BUTTON):
        if password != again:
            st.error(texts.USERS_PASSWORDS_DIFFER)
        else:
            _attempt(
                lambda: auth.set_password(db(), admin.username, chosen, password),
                texts.USERS_PASSWORD_SET.format(username=chosen),
            )

if chosen == admin.username:
    st.caption(texts.USERS_NOT_SELF)
elif account.is_active:
    if st.button(texts.USERS_DEACTIVATE_BUTTON, key="deactivate", icon=":material/block:"):
        _attempt(
            lambda: auth.set_active(db(), admin.username, chosen, False),
            texts.USERS_DEACTIVATED.format(username=chosen),
        )
elif st.button(texts.USERS_ACTIVATE_BUTTON, key="activate", icon=":material/check_circle:"):
    _attempt(lambda: auth.set_active(db(), admin.username, chosen, True), texts.USERS_ACTIVATED.format(username=chosen))
