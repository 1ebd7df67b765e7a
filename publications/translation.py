from modeltranslation.translator import TranslationOptions, register

from .models import Award, Collection, CollectionEntry, Publication


@register(Publication)
class PublicationTranslation(TranslationOptions):
    fields = ("title", "abstract", "abstract_html", "note", "teaser_caption")
    required_languages = ()


@register(Award)
class AwardTranslation(TranslationOptions):
    fields = ("label",)
    required_languages = ()


@register(Collection)
class CollectionTranslation(TranslationOptions):
    fields = ("title", "description", "description_html")
    required_languages = ()


@register(CollectionEntry)
class CollectionEntryTranslation(TranslationOptions):
    fields = ("comment", "comment_html")
    required_languages = ()
