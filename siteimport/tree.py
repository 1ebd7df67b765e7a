"""A site's files, read from a folder or a zip archive without trusting either.

Nothing is extracted to disk: files are read into memory one at a time, each under a size limit. A
site that tries to reach outside itself (a `..` or absolute path, a symbolic link leaving the folder),
an archive that would unpack to far more than it weighs (a zip bomb), or a file too large to be a
page, photo or paper is refused whole, before anything is written.
"""

import io
import os
import stat
import zipfile
from pathlib import Path, PurePosixPath

from django.conf import settings

from portal.encoding import decode
from portal.imports import ImportFailed

# Text and media files a site import reads; anything else in the tree is never opened.
TEXT_SUFFIXES = {".md", ".markdown", ".yaml", ".yml", ".toml", ".bib", ".html"}


def limits() -> dict:
    return {
        "file": settings.SITE_IMPORT_MAX_FILE_BYTES,
        "total": settings.SITE_IMPORT_MAX_BYTES,
        "files": settings.SITE_IMPORT_MAX_FILES,
        "ratio": 100,  # uncompressed / compressed, beyond which a zip member is a bomb
    }


class SiteTree:
    """Relative POSIX paths -> bytes, read lazily. `paths` holds every regular file of the site."""

    def __init__(self, paths: dict[str, int], reader, close=None):
        self.sizes = paths  # path -> size in bytes
        self._read = reader
        self._close = close
        self.read_bytes = 0

    def close(self) -> None:
        if self._close:
            self._close()

    @property
    def paths(self):
        return self.sizes.keys()

    def exists(self, path: str) -> bool:
        return path in self.sizes

    def read(self, path: str) -> bytes:
        limit = limits()
        if self.sizes[path] > limit["file"]:
            raise ImportFailed([(path, too_large(self.sizes[path], limit["file"]))])
        data = self._read(path)
        if len(data) > limit["file"]:
            raise ImportFailed([(path, too_large(len(data), limit["file"]))])
        self.read_bytes += len(data)
        if self.read_bytes > limit["total"]:
            raise ImportFailed([(path, f"the site holds more than {size_label(limit['total'])} to read")])
        return data

    def text(self, path: str) -> str:

        try:
            text, _encoding = decode(self.read(path))
        except ImportFailed as error:
            raise ImportFailed([(path, message) for _place, message in error.problems]) from error
        return text

    def glob(self, folder: str, suffixes=(".md", ".markdown")) -> list[str]:
        """Files under `folder` (recursively) with one of the suffixes, in path order."""
        prefix = folder.rstrip("/") + "/"
        return sorted(p for p in self.paths if p.startswith(prefix) and PurePosixPath(p).suffix in suffixes)

    def resolve(self, base: str, link: str) -> str | None:
        """The site path a relative link in the file at `base` points to, or None when it points
        nowhere in the site (or outside it). A link starting with / is from the site's root."""
        link = link.split("#", 1)[0].split("?", 1)[0].strip()
        if not link or "://" in link or link.startswith(("mailto:", "data:")):
            return None
        start = PurePosixPath() if link.startswith("/") else PurePosixPath(base).parent
        parts = []
        for part in (start / link.lstrip("/")).parts:
            if part == "..":
                if not parts:
                    return None
                parts.pop()
            elif part != ".":
                parts.append(part)
        path = "/".join(parts)
        return path if path in self.sizes else None


def size_label(size: int) -> str:
    return f"{size / 2**20:.0f} MB" if size >= 2**20 else f"{size:,} bytes"


def too_large(size: int, limit: int) -> str:
    return f"the file is {size / 2**20:.1f} MB; a site's files may be {size_label(limit)} at most"


def check_name(name: str) -> str:
    """A member's path as a relative POSIX path; refuses one that leaves the site."""
    path = PurePosixPath(name.replace("\\", "/"))
    if path.is_absolute() or ".." in path.parts or (path.parts and ":" in path.parts[0]):
        raise ImportFailed([(name, "the path leaves the site's folder: the site is refused")])
    return str(path)


def open_site(source) -> SiteTree:
    """A SiteTree of a folder (a path), or of a zip archive (a path ending .zip or a binary file)."""
    if isinstance(source, (str, os.PathLike)) and Path(source).is_dir():
        return folder_tree(Path(source))
    try:
        archive = zipfile.ZipFile(source if not isinstance(source, bytes) else io.BytesIO(source))
    except (zipfile.BadZipFile, OSError) as error:
        raise ImportFailed([("", f"neither a site's folder nor a zip archive of one ({error})")]) from error
    return zip_tree(archive)


SKIPPED_FOLDERS = {".git", "node_modules", "_site", "public", "resources", ".jekyll-cache", "vendor"}


def folder_tree(root: Path) -> SiteTree:
    limit = limits()
    root = root.resolve()
    sizes = {}
    for folder, dirs, files in os.walk(root, followlinks=False):
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED_FOLDERS)
        for name in [*dirs, *files]:
            full = Path(folder) / name
            relative = full.relative_to(root).as_posix()
            if full.is_symlink():
                target = full.resolve()
                if not target.is_relative_to(root):
                    raise ImportFailed(
                        [(relative, "a symbolic link that leaves the site's folder: the site is refused")]
                    )
                continue  # links inside the site are read where they point
            if name in dirs:
                continue
            info = full.lstat()
            if not stat.S_ISREG(info.st_mode):
                continue
            sizes[relative] = info.st_size
            if len(sizes) > limit["files"]:
                raise ImportFailed([("", f"the site holds more than {limit['files']} files")])

    def read(path: str) -> bytes:
        with open(root / path, "rb") as handle:
            return handle.read(limit["file"] + 1)

    return SiteTree(sizes, read)


def zip_tree(archive: zipfile.ZipFile) -> SiteTree:
    limit = limits()
    members, total = {}, 0
    infos = archive.infolist()
    if len(infos) > limit["files"]:
        raise ImportFailed([("", f"the archive holds more than {limit['files']} files")])
    for info in infos:
        name = check_name(info.filename)
        if stat.S_ISLNK(info.external_attr >> 16):
            raise ImportFailed([(name, "the archive holds a symbolic link: the site is refused")])
        if info.is_dir():
            continue
        if info.file_size > limit["file"]:
            raise ImportFailed([(name, too_large(info.file_size, limit["file"]))])
        if (
            info.compress_size
            and info.file_size / info.compress_size > limit["ratio"]
            and info.file_size > 2**20
        ):
            raise ImportFailed(
                [
                    (
                        name,
                        "it unpacks to more than 100 times its packed size (a zip bomb): the site is refused",
                    )
                ]
            )
        total += info.file_size
        if total > limit["total"]:
            raise ImportFailed([("", f"the archive unpacks to more than {size_label(limit['total'])}")])
        members[name] = info
    packed = sum(info.compress_size for info in members.values())
    if total > 2**20 and total > limit["ratio"] * max(packed, 1):
        raise ImportFailed(
            [("", f"the archive unpacks to {size_label(total)}, more than 100 times its packed size (a zip "
                  "bomb of many small files): the site is refused")]
        )  # fmt: skip
    prefix = common_folder(list(members))
    sizes = {name[len(prefix) :]: info.file_size for name, info in members.items()}
    by_path = {name[len(prefix) :]: info for name, info in members.items()}

    def read(path: str) -> bytes:
        # Read no more than the limit whatever the header says: headers can lie.
        with archive.open(by_path[path]) as handle:
            return handle.read(limit["file"] + 1)

    return SiteTree(sizes, read, archive.close)


def common_folder(names: list[str]) -> str:
    """ "site-main/" when every member of an archive sits in that one folder (GitHub's zips do)."""
    tops = {name.split("/", 1)[0] for name in names}
    if len(tops) == 1 and all("/" in name for name in names):
        return tops.pop() + "/"
    return ""
