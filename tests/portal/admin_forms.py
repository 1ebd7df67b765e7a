"""Build the POST an admin change form would send, from the form Django rendered."""

import datetime

from django.db.models.fields.files import FieldFile
from django.forms import MultiWidget


def _encode(value):
    if isinstance(value, FieldFile):  # the browser sends nothing for a file it keeps
        return None
    if isinstance(value, bool):
        return "on" if value else None
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [str(item.pk if hasattr(item, "pk") else item) for item in value]
    if hasattr(value, "pk"):
        return str(value.pk)
    return "" if value is None else str(value)


def _add_form(data, form):
    for name, field in form.fields.items():
        value = form[name].value()
        if isinstance(field.widget, MultiWidget):  # a date and a time, sent as name_0 and name_1
            parts = value if isinstance(value, list) else field.widget.decompress(value)
            for index, part in enumerate(parts):
                encoded = _encode(part)
                if encoded is not None:
                    data[f"{form.add_prefix(name)}_{index}"] = encoded
            continue
        value = _encode(value)
        if value is not None:
            data[form.add_prefix(name)] = value


def change_form_data(response) -> dict:
    data = {}
    _add_form(data, response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        _add_form(data, formset.management_form)
        for form in formset.forms:
            _add_form(data, form)
    return data


def change_url(obj) -> str:
    """The admin change page of `obj`."""
    from django.urls import reverse

    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
