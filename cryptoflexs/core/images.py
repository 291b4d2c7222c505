"""Uploaded images: validation by content, clean originals, and WebP renditions for srcset.

Every check reads the file's bytes, never its name or the browser's content type. Pixel
counts are compared from the header, before anything is decoded, so a small file that
unpacks to billions of pixels (a "decompression bomb") is refused without the memory cost.
"""

import io
import logging
import math
import posixpath
import struct
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import ExifTags, Image, ImageOps, UnidentifiedImageError

logger = logging.getLogger(__name__)

# Pillow format name → file extension. Only these are accepted: what every browser shows.
EXTENSIONS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp", "GIF": ".gif"}
ALLOWED_FORMATS = tuple(EXTENSIONS)
ACCEPT = "image/jpeg,image/png,image/webp,image/gif"
RENDITION_QUALITY = 80
# Re-encoding an original (only when it carries a location or a rotation) at this quality
# costs far less than publishing where a photo was taken.
ORIGINAL_JPEG_QUALITY = 95

MB = 1024 * 1024
# Pillow's decoders report damaged data with any of these.
_DECODE_ERRORS = (OSError, SyntaxError, ValueError, TypeError, EOFError, IndexError, struct.error)
# ISO base media brands of the photo formats Pillow does not read here (iPhone HEIC, AVIF).
_ISOBMFF_BRANDS = {b"heic": "HEIC", b"heix": "HEIC", b"hevc": "HEIC", b"heif": "HEIF",
                   b"mif1": "HEIF", b"msf1": "HEIF", b"avif": "AVIF", b"avis": "AVIF"}  # fmt: skip


# Keys of Image.info that encoders copy into a saved file and that may identify a person
# or a place. Colour profiles and transparency are kept.
_METADATA_KEYS = ("exif", "xmp", "XML:com.adobe.xmp", "Raw profile type exif", "comment")


class ImageInfo(NamedTuple):
    format: str  # Pillow's name: "JPEG", "PNG", "WEBP" or "GIF"
    width: int
    height: int


def validate_image(file_or_bytes) -> ImageInfo:
    """Check an upload's size, type, pixel count and integrity; return its format and size.

    Raise ValidationError with a message for editors. The file position is left at 0.
    """
    stream = _as_stream(file_or_bytes)
    size = _size_of(file_or_bytes, stream)
    if size == 0:
        raise ValidationError("The file is empty.", code="empty")
    limit = settings.IMAGE_MAX_UPLOAD_BYTES
    if size > limit:
        raise ValidationError(
            "The image is %(size)s; the limit is %(limit)s.",
            code="too_large",
            params={"size": _megabytes(size, up=True), "limit": _megabytes(limit)},
        )
    try:
        head = stream.read(1024)
        stream.seek(0)
        _refuse_known_unsupported(head)
        try:
            with Image.open(stream, formats=ALLOWED_FORMATS) as img:
                info = ImageInfo(_format(img), *img.size)
                _check_pixels(info.width, info.height)
                # PNG checks every chunk's CRC here without decompressing; other formats
                # have no cheap check, so all are decoded below as well.
                img.verify()
            stream.seek(0)
            with Image.open(stream, formats=ALLOWED_FORMATS) as img:
                if info.format == "JPEG":
                    # Decoding at 1/8 scale still reads the whole entropy-coded stream,
                    # so truncation is caught at a fraction of the memory.
                    img.draft(img.mode, (max(1, img.width // 8), max(1, img.height // 8)))
                img.load()
        except ValidationError:
            raise
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            # Pillow's own guard tripped inside Image.open(), also before any decoding: it
            # refuses more than twice Image.MAX_IMAGE_PIXELS, without saying the size.
            pillow_limit = 2 * (Image.MAX_IMAGE_PIXELS or 0)
            if not pillow_limit or pillow_limit < settings.IMAGE_MAX_PIXELS:
                raise ValidationError(
                    "The image has too many pixels to process safely. Make it smaller and "
                    "upload it again.",
                    code="too_many_pixels",
                ) from exc
            raise ValidationError(
                "The image has more than %(pixels)s megapixels; the limit is %(limit)s "
                "megapixels. Make it smaller and upload it again.",
                code="too_many_pixels",
                params={
                    "pixels": _megapixels(pillow_limit),
                    "limit": _megapixels(settings.IMAGE_MAX_PIXELS),
                },
            ) from exc
        except UnidentifiedImageError as exc:
            raise ValidationError(
                "This file is not a JPEG, PNG, WebP or GIF image.",
                code="invalid_image",
            ) from exc
        except _DECODE_ERRORS as exc:
            raise ValidationError(
                "The image is damaged or incomplete. Export it again and upload it.",
                code="corrupt_image",
            ) from exc
    finally:
        stream.seek(0)
    return info


def prepare_original(data: bytes) -> tuple[bytes, ImageInfo]:
    """Return the bytes to publish as the original, and their format and size.

    The upload is kept byte for byte, unless it carries a location (EXIF GPS, or GPS in
    XMP) or an EXIF rotation: then it is re-encoded upright without metadata, so that the
    public original leaks nothing and its stored width and height are the ones displayed.
    Animated images are kept as they are (their formats here carry no GPS in practice).
    """
    with Image.open(io.BytesIO(data), formats=ALLOWED_FORMATS) as img:
        info = ImageInfo(_format(img), *img.size)
        _check_pixels(info.width, info.height)
        # A phone's MPO "animation" is a photo plus a depth map or preview: only the photo,
        # the frame browsers show, is kept when it needs cleaning.
        animated = getattr(img, "is_animated", False) and img.format != "MPO"
        if animated or not _needs_cleaning(img):
            return data, info
        upright = ImageOps.exif_transpose(img)
    icc = upright.info.get("icc_profile")
    for key in _METADATA_KEYS:
        upright.info.pop(key, None)
    options = {}
    if info.format == "JPEG":
        if upright.mode not in ("RGB", "L", "CMYK"):
            upright, icc = upright.convert("RGB"), None
        options.update(quality=ORIGINAL_JPEG_QUALITY, optimize=True)
    if icc:
        options["icc_profile"] = icc
    elif info.format == "WEBP":
        options.update(quality=90)
    out = io.BytesIO()
    upright.save(out, format=info.format, **options)
    return out.getvalue(), ImageInfo(info.format, *upright.size)


def make_renditions(*, storage, name: str, widths) -> list[dict]:
    """Save WebP copies of the image `name` at each of `widths` narrower than it.

    Return [{"width", "height", "name"}] sorted by width. Copies are upright (EXIF
    orientation applied) and carry no metadata. Never upscales. If any write fails, the
    copies already written are deleted before the error propagates.
    """
    stem = posixpath.splitext(name)[0]
    renditions: list[dict] = []
    with storage.open(name, "rb") as f, Image.open(f, formats=ALLOWED_FORMATS) as img:
        _check_pixels(*img.size)
        icc = img.info.get("icc_profile") if img.mode in ("RGB", "RGBA") else None
        turned = img.getexif().get(ExifTags.Base.Orientation, 1) in (5, 6, 7, 8)
        full_width, full_height = img.size[::-1] if turned else img.size
        sizes = [
            (width, max(1, round(full_height * width / full_width)))
            for width in sorted({int(w) for w in widths if 0 < int(w) < full_width})
        ]
        if not sizes:
            return []
        if _format(img) == "JPEG":
            # Let libjpeg decode at 1/2, 1/4 or 1/8 scale while that still leaves twice
            # the pixels of the largest copy: much faster, and as sharp after LANCZOS.
            scale = min(1.0, 2 * sizes[-1][0] / full_width)
            img.draft(None, (math.ceil(img.width * scale), math.ceil(img.height * scale)))
        ImageOps.exif_transpose(img, in_place=True)
        mode = "RGBA" if img.has_transparency_data else "RGB"
        upright = img if img.mode == mode else img.convert(mode)
        try:
            for width, height in sizes:
                copy = upright.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
                out = io.BytesIO()
                # exif and xmp left out on purpose: no camera data or location in a copy.
                copy.save(out, format="WEBP", quality=RENDITION_QUALITY, icc_profile=icc or "")
                saved = storage.save(f"{stem}-{width}w.webp", ContentFile(out.getvalue()))
                renditions.append({"width": width, "height": height, "name": saved})
        except BaseException:
            delete_renditions(storage, renditions)
            raise
    return renditions


def delete_renditions(storage, renditions) -> None:
    """Delete the files of `renditions`; missing ones are fine, other errors are logged."""
    for rendition in renditions or ():
        delete_quietly(storage, rendition.get("name"))


def delete_quietly(storage, name: str | None) -> None:
    """Delete one stored file during cleanup, logging (not raising) a failure.

    Used where another error is already on its way up, or the database has moved on:
    a file that cannot be removed must not hide that error or undo a committed change.
    """
    if not name:
        return
    try:
        storage.delete(name)
    except OSError:
        logger.exception("Could not delete the stored file %s", name)


def _format(img: Image.Image) -> str:
    # Pillow reports a JPEG with a Multi-Picture segment (many phone photos) as "MPO";
    # browsers show it as the JPEG it also is.
    return "JPEG" if img.format == "MPO" else img.format


def _as_stream(file_or_bytes):
    if isinstance(file_or_bytes, bytes | bytearray | memoryview):
        return io.BytesIO(file_or_bytes)
    if not hasattr(file_or_bytes, "read"):
        raise TypeError(f"Expected bytes or a file, got {type(file_or_bytes).__name__}")
    file_or_bytes.seek(0)
    return file_or_bytes


def _size_of(original, stream) -> int:
    size = getattr(original, "size", None)
    if isinstance(size, int):
        return size
    stream.seek(0, io.SEEK_END)
    size = stream.tell()
    stream.seek(0)
    return size


def _refuse_known_unsupported(head: bytes) -> None:
    """Name the formats editors commonly try, instead of a generic "not an image"."""
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith(b"<") and (b"<svg" in text or text.startswith(b"<?xml")):
        raise ValidationError(
            "SVG files are not accepted (they can carry scripts). Export the image as PNG "
            "or JPEG and upload that.",
            code="svg",
        )
    if head[4:8] == b"ftyp" and head[8:12] in _ISOBMFF_BRANDS:
        kind = _ISOBMFF_BRANDS[head[8:12]]
        raise ValidationError(
            f"{kind} images are not accepted. Export the photo as JPEG and upload that.",
            code="unsupported_format",
        )


def _check_pixels(width: int, height: int) -> None:
    limit = settings.IMAGE_MAX_PIXELS
    if width * height > limit:
        raise ValidationError(
            "The image is %(width)s × %(height)s pixels (%(pixels)s megapixels); the limit "
            "is %(limit)s megapixels. Make it smaller and upload it again.",
            code="too_many_pixels",
            params={
                "width": f"{width:,}",
                "height": f"{height:,}",
                "pixels": _megapixels(width * height),
                "limit": _megapixels(limit),
            },
        )


def _needs_cleaning(img: Image.Image) -> bool:
    exif = img.getexif()
    if exif.get(ExifTags.Base.Orientation, 1) != 1:
        return True
    if exif.get_ifd(ExifTags.IFD.GPSInfo) or ExifTags.Base.GPSInfo in exif:
        return True
    xmp = img.info.get("xmp") or img.info.get("XML:com.adobe.xmp") or b""
    if isinstance(xmp, str):
        xmp = xmp.encode()
    return b"GPSLatitude" in xmp or b"GPSLongitude" in xmp


def _megabytes(size: int, *, up: bool = False) -> str:
    """Format bytes as "14.2 MB" (rounded up for a file, so it never looks within a limit)."""
    tenths = math.ceil(size * 10 / MB) if up else round(size * 10 / MB)
    return f"{tenths / 10:g} MB"


def _megapixels(pixels: int) -> str:
    return f"{pixels / 1_000_000:,.1f}".removesuffix(".0")
