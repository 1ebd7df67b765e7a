from modeltranslation.translator import TranslationOptions, register

from .models import Course, Opening, Project, Software, Talk


@register(Project)
class ProjectTranslation(TranslationOptions):
    fields = ("title", "funder", "programme", "amount", "summary", "summary_html")
    required_languages = ()


@register(Software)
class SoftwareTranslation(TranslationOptions):
    fields = ("tagline", "description", "description_html")
    required_languages = ()


@register(Talk)
class TalkTranslation(TranslationOptions):
    fields = ("title", "event", "place", "abstract", "abstract_html")
    required_languages = ()


@register(Course)
class CourseTranslation(TranslationOptions):
    fields = ("title", "institution", "description", "description_html")
    required_languages = ()


@register(Opening)
class OpeningTranslation(TranslationOptions):
    fields = ("title", "description", "description_html", "how_to_apply", "how_to_apply_html")
    required_languages = ()
