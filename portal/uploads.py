"""Upload paths: files are stored under generated names, never the name the browser sent."""

import uuid
from pathlib import PurePosixPath

from django.utils.deconstruct import deconstructible

SAFE_SUFFIXES = {".jpg", ".jpeg", ".png", ".gif", ".webp", ".pdf"}


@deconstructible
class GeneratedName:
    def __init__(self, folder: str):
        self.folder = folder

    def __call__(self, instance, filename: str) -> str:
        suffix = PurePosixPath(filename).suffix.lower()
        if suffix not in SAFE_SUFFIXES:
            suffix = ""
        return f"{self.folder}/{uuid.uuid4().hex}{suffix}"

    def __eq__(self, other):
        return isinstance(other, GeneratedName) and other.folder == self.folder
