import functools

from .cache import lab_profile


def lab(request):
    return {"lab": lab_profile(request)}


def languages(request):
    """The same page in each language, for the switcher and for hreflang alternates."""
    from django.utils.translation import get_language

    return {"alternates": alternates(request.get_full_path(), get_language())}


@functools.lru_cache(maxsize=2048)
def alternates(path: str, current: str) -> list[dict]:
    """Kept per address (resolving it and reversing it in each language is a good part of a small page's
    time); addresses do not change while the site runs."""
    from django.conf import settings
    from django.urls import translate_url
    from django.utils.translation import get_language_info

    return [
        {
            "code": code,
            "name": get_language_info(code)["name_local"],
            "url": translate_url(path, code),
            "current": code == current,
        }
        for code, _name in settings.LANGUAGES
    ]
