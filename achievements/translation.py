from modeltranslation.translator import TranslationOptions, register

from .models import Achievement, AchievementFigure, AchievementLink


@register(Achievement)
class AchievementTranslation(TranslationOptions):
    fields = ("title", "summary", "summary_html", "body", "body_html")
    required_languages = ()


@register(AchievementLink)
class AchievementLinkTranslation(TranslationOptions):
    fields = ("label",)
    required_languages = ()


@register(AchievementFigure)
class AchievementFigureTranslation(TranslationOptions):
    fields = ("caption", "alt_text")
    required_languages = ()
