from modeltranslation.translator import TranslationOptions, register

from .models import Lab


@register(Lab)
class LabTranslation(TranslationOptions):
    fields = ("name", "tagline", "affiliation", "address", "about", "about_html", "banner_caption")
    required_languages = ()
