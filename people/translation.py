from modeltranslation.translator import TranslationOptions, register

from .models import Honor, Membership, Person, ResearchArea


@register(ResearchArea)
class ResearchAreaTranslation(TranslationOptions):
    fields = ("name", "description", "description_html")
    required_languages = ()


@register(Person)
class PersonTranslation(TranslationOptions):
    fields = ("name", "title", "bio", "bio_html")
    required_languages = ()


@register(Honor)
class HonorTranslation(TranslationOptions):
    fields = ("title", "awarding_body", "note")
    required_languages = ()


@register(Membership)
class MembershipTranslation(TranslationOptions):
    fields = ("destination",)
    required_languages = ()
