from modeltranslation.translator import TranslationOptions, register

from .models import Honor, Person, ResearchArea


@register(ResearchArea)
class ResearchAreaTranslation(TranslationOptions):
    fields = ("name", "description", "description_html")
    required_languages = ()


@register(Person)
class PersonTranslation(TranslationOptions):
    fields = ("name", "title", "bio", "bio_html", "current_position")
    required_languages = ()


@register(Honor)
class HonorTranslation(TranslationOptions):
    fields = ("title",)
    required_languages = ()
