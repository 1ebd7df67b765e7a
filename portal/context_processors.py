from .models import Lab


def lab(request):
    return {"lab": Lab.for_request(request)}


def languages(request):
    """The same page in each language, for the switcher and for hreflang alternates."""
    from django.conf import settings
    from django.urls import translate_url
    from django.utils.translation import get_language, get_language_info

    current = get_language()
    path = request.get_full_path()
    alternates = []
    for code, _name in settings.LANGUAGES:
        alternates.append(
            {
                "code": code,
                "name": get_language_info(code)["name_local"],
                "url": translate_url(path, code),
                "current": code == current,
            }
        )
    return {"alternates": alternates}
