"""Path converters of the site's addresses."""

from django.urls import register_converter


class YearConverter:
    """A year as an address gives it: 1 to 9999, the years a date can hold, without leading zeros
    (`/news/0/` and `/news/10000/` are no page, 404, rather than a date that cannot be made)."""

    regex = "[1-9][0-9]{0,3}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(int(value))


register_converter(YearConverter, "year")
