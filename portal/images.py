"""Image variants: the sizes pages show, made once from each upload (django-imagekit).

A variant is made when the record holding its upload is saved, once the save commits (`AfterCommit`,
set in settings), and stored beside the uploads under `variants/` in the same storage, named by a hash
of the upload's name and the variant's recipe: a page only builds its URL, it never checks, opens or
generates a file, so the files a request touches do not grow with the page. `manage.py
generateimages` makes any variant that is missing: uploads stored before variants existed, or restored
from a backup (imagekit remembers in the cache which variants exist; with a cache that still says so,
clear it first).

Every variant is drawn at twice the size a page shows it, for sharp images on high-density screens,
and each `<img>` gets the width and height it is shown at, so nothing moves while images arrive:
- *filled* variants have a fixed size (cropped to it): portraits, list thumbnails, cards;
- *fitted* variants keep the upload's proportions and are only ever made smaller; their size is
  worked out from the upload's own width and height, kept on the record by `SizedImageField`.
"""

import logging
from dataclasses import dataclass

from django.db import models, transaction
from django.db.models import signals
from imagekit.models import ImageSpecField
from imagekit.models.fields.utils import ImageSpecFileDescriptor
from imagekit.processors import ResizeToFill, ResizeToFit

FORMAT = "WEBP"
OPTIONS = {"quality": 82, "method": 4}
DENSITY = 2  # variants are drawn at twice the CSS size they are shown at

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Shown:
    """What an `<img>` needs: where the variant is and the CSS size it is shown at."""

    url: str
    width: int | None
    height: int | None


def filled(source: str, width: int, height: int, anchor=(0.5, 0.35)) -> ImageSpecField:
    """A variant of exactly `width`×`height` CSS pixels, cropped about `anchor` (faces sit high)."""
    spec = ImageSpecField(
        source=source,
        processors=[ResizeToFill(width * DENSITY, height * DENSITY, anchor=anchor)],
        format=FORMAT,
        options=OPTIONS,
    )
    spec.shown_size = (width, height)
    return spec


def fitted(source: str, width: int) -> ImageSpecField:
    """A variant at most `width` CSS pixels wide, in the upload's proportions, never enlarged."""
    spec = ImageSpecField(
        source=source,
        processors=[ResizeToFit(width=width * DENSITY, upscale=False)],
        format=FORMAT,
        options=OPTIONS,
    )
    spec.shown_size = (width, None)
    return spec


_variant_names: dict[tuple, str] = {}


def remembered_name(generator) -> str:
    """A variant's file name (settings.IMAGEKIT_SPEC_CACHEFILE_NAMER): imagekit's own
    (`source_name_as_path`: the upload's path, then a hash of the recipe), worked out once per recipe
    and upload in a process. Imagekit hashes the recipe by pickling it each time a URL is asked for:
    the 20 achievement cards of a search took 1.6 ms for their URLs alone, now a look-up. A variant's
    recipe is its field's (a class of its own, with processors, format and options fixed)."""
    from django.conf import settings
    from imagekit.cachefiles.namers import source_name_as_path

    key = (type(generator), getattr(generator.source, "name", None), settings.IMAGEKIT_CACHEFILE_DIR)
    name = _variant_names.get(key)
    if name is None:
        if len(_variant_names) >= 50_000:
            _variant_names.clear()
        name = _variant_names[key] = source_name_as_path(generator)
    return name


class AfterCommit:
    """The cache file strategy (settings.IMAGEKIT_DEFAULT_CACHEFILE_STRATEGY): imagekit's *Optimistic*
    (variants made when their upload is saved, then assumed to exist), but made once the transaction
    that saved the upload commits. A save that is rolled back (a dry run, a refused import, a member's
    proposal kept for review) leaves no file behind; an upload that cannot be read (gone from the
    storage) is logged, and the save stands."""

    def on_source_saved(self, file):
        transaction.on_commit(lambda: self.generate(file))

    def should_verify_existence(self, file):
        return False

    @staticmethod
    def generate(file):
        try:
            file.generate()
        except (OSError, ValueError, SyntaxError) as error:
            logger.warning("image variant %s not made: %s", file.name, error)


def fitted_size(width: int | None, height: int | None, box: int) -> tuple[int | None, int | None]:
    """The CSS size a `fitted(…, box)` variant of a `width`×`height` upload is shown at: the box's
    width, or the upload's own when it is narrower, in the upload's proportions."""
    if not width or not height:
        return None, None
    shown_width = min(width, box)
    return shown_width, round(height * shown_width / width)


def shown(instance, variant: str) -> Shown | None:
    """The variant `variant` of `instance` ready for an `<img>`, or None when there is no upload."""
    spec_field = getattr(type(instance), variant)
    source = getattr(instance, spec_field.source)
    if not source:
        return None
    width, height = spec_field.shown_size
    if height is None:
        field = instance._meta.get_field(spec_field.source)
        width, height = fitted_size(
            getattr(instance, field.width_field or "", None),
            getattr(instance, field.height_field or "", None),
            width,
        )
    return Shown(getattr(instance, variant).url, width, height)


class SizedImageField(models.ImageField):
    """An ImageField that keeps the upload's width and height on the record.

    Django's ImageField reads the image again whenever a record whose size fields are empty is loaded;
    this one reads it only when a file is assigned (an upload, an import, a restore), so a record
    whose file went missing still loads, with its size unknown, and a page never opens an upload.
    """

    def update_dimension_fields(self, instance, force=False, *args, **kwargs):
        if not force:
            return
        try:
            super().update_dimension_fields(instance, *args, force=True, **kwargs)
        except (OSError, ValueError, SyntaxError):  # a missing or unreadable file: size unknown
            self._set_size(instance, None, None)

    def contribute_to_class(self, cls, name, **kwargs):
        super().contribute_to_class(cls, name, **kwargs)
        if not cls._meta.abstract:
            signals.post_init.connect(self._remember_name, sender=cls, weak=False)

    def _remember_name(self, instance, **kwargs):
        value = instance.__dict__.get(self.attname)
        instance.__dict__[f"_{self.attname}_sized_name"] = getattr(value, "name", value)

    def pre_save(self, model_instance, add):
        # Content stored with `FieldFile.save(name, content)` (the demo) or a name put in place
        # directly (a site import) reaches the record without its size: read it once, when the record
        # is saved with a file it was not loaded with.
        file = super().pre_save(model_instance, add)
        remembered = f"_{self.attname}_sized_name"
        sizes = (getattr(model_instance, name) for name in (self.width_field, self.height_field) if name)
        if file and (not all(sizes) or file.name != model_instance.__dict__.get(remembered)):
            try:
                self._set_size(model_instance, file.width, file.height)
            except (OSError, ValueError, SyntaxError):
                self._set_size(model_instance, None, None)
        model_instance.__dict__[remembered] = file.name if file else None
        return file

    def _set_size(self, instance, width, height):
        for name, value in ((self.width_field, width), (self.height_field, height)):
            if name:
                setattr(instance, name, value)


def record_sizes(app_label: str, model_name: str, field_name: str):
    """A data migration's forward step: read the width and height of uploads stored before their
    record kept them (a missing or unreadable file keeps its size unknown)."""
    from django.core.files.images import get_image_dimensions

    def forwards(apps, schema_editor):
        model = apps.get_model(app_label, model_name)
        field = model._meta.get_field(field_name)
        for pk, name in model.objects.exclude(**{field_name: ""}).values_list("pk", field_name).iterator():
            try:
                with field.storage.open(name) as stored:
                    width, height = get_image_dimensions(stored)
            except (OSError, ValueError):
                continue
            if width and height:
                model.objects.filter(pk=pk).update(**{field.width_field: width, field.height_field: height})

    return forwards


def variant_names(model) -> list[str]:
    """The names of a model's image variants."""
    return [
        name
        for klass in model.__mro__
        for name, attribute in vars(klass).items()
        if isinstance(attribute, ImageSpecFileDescriptor)
    ]


def generate_variants(instance) -> None:
    """Make the variants of a record's uploads now: for code that stores an upload without `save()`
    (an `update()`), which the Optimistic strategy does not hear of."""
    for name in variant_names(type(instance)):
        if getattr(instance, getattr(type(instance), name).source):
            getattr(instance, name).generate()
