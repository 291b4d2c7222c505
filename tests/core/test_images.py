"""Image validation, renditions and the all-or-nothing file storage."""

import errno
import functools
import io
import os
import stat
import struct
import subprocess
import sys
import textwrap
import zlib
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from PIL import ExifTags, Image, ImageFile

from cryptoflexs.core import storage as storage_module
from cryptoflexs.core.images import (
    ImageInfo,
    delete_renditions,
    make_renditions,
    prepare_original,
    validate_image,
)
from cryptoflexs.core.storage import SafeFileSystemStorage

ROOT = Path(__file__).resolve().parents[2]
MB = 1024 * 1024
RED, BLUE = (220, 20, 20), (20, 20, 220)


# --- building test images ----------------------------------------------------------------


def image_bytes(fmt="JPEG", size=(1600, 900), mode="RGB", **save) -> bytes:
    """Encode a smooth gradient (cheap to compress, like a photo's sky)."""
    gradient = Image.linear_gradient("L").resize(size)
    img = Image.merge("RGB", (gradient, gradient.transpose(Image.Transpose.FLIP_LEFT_RIGHT),
                              Image.new("L", size, 128)))  # fmt: skip
    if mode != "RGB":
        img = img.convert(mode)
    out = io.BytesIO()
    img.save(out, format=fmt, **save)
    return out.getvalue()


def phone_photo(*, orientation=1, gps=True, size=(300, 200)) -> bytes:
    """Return a JPEG whose left half is red and right half blue, with a phone's EXIF."""
    img = Image.new("RGB", size, BLUE)
    img.paste(RED, (0, 0, size[0] // 2, size[1]))
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Phone"
    exif[ExifTags.Base.Orientation] = orientation
    if gps:
        exif[ExifTags.Base.GPSInfo] = {
            ExifTags.GPS.GPSLatitudeRef: "N",
            ExifTags.GPS.GPSLatitude: (52.0, 22.0, 30.0),
            ExifTags.GPS.GPSLongitudeRef: "E",
            ExifTags.GPS.GPSLongitude: (4.0, 53.0, 10.0),
        }
    out = io.BytesIO()
    img.save(out, format="JPEG", quality=95, exif=exif)
    return out.getvalue()


def phone_mpo(**photo) -> bytes:
    """Return a Multi-Picture JPEG (a photo plus a second image, as many phones write)."""
    with Image.open(io.BytesIO(phone_photo(**photo))) as photo_img:
        out = io.BytesIO()
        photo_img.save(
            out,
            format="MPO",
            save_all=True,
            append_images=[Image.new("RGB", photo_img.size, "green")],
            exif=photo_img.getexif(),
        )
    return out.getvalue()


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


@functools.cache
def png_bomb(width=20_000, height=20_000) -> bytes:
    """Return a valid 1-bit PNG of width × height black pixels: tens of KB on disk,
    hundreds of megapixels once decoded."""
    row = b"\x00" * (1 + (width + 7) // 8)  # filter byte, then packed bits
    compressor = zlib.compressobj(9)
    idat = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", ihdr)
        + _png_chunk(b"IDAT", idat)
        + _png_chunk(b"IEND", b"")
    )


def messages(exc_info) -> list[str]:
    return exc_info.value.messages


@pytest.fixture
def fs(tmp_path) -> SafeFileSystemStorage:
    return SafeFileSystemStorage(location=tmp_path, base_url="/media/")


def files_under(path: Path) -> list[str]:
    """Every file below `path` (hidden temporary files included), relative, sorted."""
    return sorted(str(p.relative_to(path)) for p in path.rglob("*") if p.is_file())


# --- validate_image ----------------------------------------------------------------------


class ValidateImageTests:
    @pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP", "GIF"])
    def test_accepts_the_four_web_formats(self, fmt):
        assert validate_image(image_bytes(fmt, size=(640, 360))) == ImageInfo(fmt, 640, 360)

    def test_a_multi_picture_jpeg_is_a_jpeg(self):
        assert validate_image(phone_mpo(gps=False)) == ImageInfo("JPEG", 300, 200)

    def test_reads_an_uploaded_file_and_rewinds_it(self):
        upload = SimpleUploadedFile("photo.jpg", image_bytes(), content_type="image/jpeg")
        upload.read(10)
        assert validate_image(upload) == ImageInfo("JPEG", 1600, 900)
        assert upload.tell() == 0

    def test_detects_by_content_not_by_name_or_content_type(self):
        upload = SimpleUploadedFile("photo.jpg", b"just some text\n" * 10, "image/jpeg")
        with pytest.raises(ValidationError) as exc:
            validate_image(upload)
        assert messages(exc) == ["This file is not a JPEG, PNG, WebP or GIF image."]
        assert exc.value.code == "invalid_image"
        # And a real PNG called .txt with a text content type is a PNG.
        png = SimpleUploadedFile("notes.txt", image_bytes("PNG"), content_type="text/plain")
        assert validate_image(png).format == "PNG"

    @pytest.mark.parametrize("fmt", ["BMP", "TIFF", "ICO"])
    def test_refuses_images_in_other_formats(self, fmt):
        with pytest.raises(ValidationError) as exc:
            validate_image(image_bytes(fmt, size=(64, 64)))
        assert messages(exc) == ["This file is not a JPEG, PNG, WebP or GIF image."]

    @pytest.mark.parametrize(
        "svg",
        [
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            b'\xef\xbb\xbf<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>',
        ],
    )
    def test_refuses_svg_with_a_helpful_message(self, svg):
        with pytest.raises(ValidationError) as exc:
            validate_image(svg)
        assert exc.value.code == "svg"
        assert "SVG files are not accepted" in messages(exc)[0]

    def test_names_heic_photos(self):
        heic = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 100
        with pytest.raises(ValidationError) as exc:
            validate_image(heic)
        assert messages(exc) == [
            "HEIC images are not accepted. Export the photo as JPEG and upload that."
        ]

    def test_refuses_an_empty_file(self):
        with pytest.raises(ValidationError) as exc:
            validate_image(b"")
        assert messages(exc) == ["The file is empty."]

    def test_refuses_oversize_files_before_reading_them(self):
        data = b"\x00" * int(14.2 * MB)  # not even an image: the size is checked first
        with pytest.raises(ValidationError) as exc:
            validate_image(data)
        assert messages(exc) == ["The image is 14.2 MB; the limit is 10 MB."]
        assert exc.value.code == "too_large"

    def test_size_is_rounded_up_so_it_never_looks_within_the_limit(self, settings):
        settings.IMAGE_MAX_UPLOAD_BYTES = 10 * MB
        with pytest.raises(ValidationError) as exc:
            validate_image(b"\x00" * (10 * MB + 1))
        assert messages(exc) == ["The image is 10.1 MB; the limit is 10 MB."]

    def test_an_image_of_exactly_the_limit_passes(self, settings):
        data = image_bytes(size=(64, 64))
        settings.IMAGE_MAX_UPLOAD_BYTES = len(data)
        assert validate_image(data).width == 64

    @pytest.mark.parametrize(
        ("width", "height", "message"),
        [
            # Over our limit (40 MP): our check, from the header.
            (8_000, 6_000, "The image is 8,000 × 6,000 pixels (48 megapixels); the limit is "
                           "40 megapixels. Make it smaller and upload it again."),
            # Over twice Pillow's limit: Image.open() itself refuses, also from the header.
            (20_000, 20_000, "The image has more than 179 megapixels; the limit is 40 "
                             "megapixels. Make it smaller and upload it again."),
        ],
    )  # fmt: skip
    def test_refuses_a_pixel_bomb_from_its_header_without_decoding(
        self, monkeypatch, width, height, message
    ):
        bomb = png_bomb(width, height)
        assert len(bomb) < 200_000  # small on disk, hundreds of MB once decoded

        def no_decoding(self):
            raise AssertionError("the bomb was decoded")

        monkeypatch.setattr(ImageFile.ImageFile, "load", no_decoding)
        with pytest.raises(ValidationError) as exc:
            validate_image(bomb)
        assert exc.value.code == "too_many_pixels"
        assert messages(exc) == [message]

    def test_the_pixel_limit_comes_from_settings(self, settings):
        settings.IMAGE_MAX_PIXELS = 1600 * 900 - 1
        with pytest.raises(ValidationError) as exc:
            validate_image(image_bytes(size=(1600, 900)))
        assert exc.value.code == "too_many_pixels"
        settings.IMAGE_MAX_PIXELS = 1600 * 900
        assert validate_image(image_bytes(size=(1600, 900))).width == 1600

    def test_pillows_own_bomb_guard_gives_a_validation_error_too(self, settings):
        # With our limit raised past Pillow's, Image.open() itself refuses 400 megapixels.
        settings.IMAGE_MAX_PIXELS = 10**12
        with pytest.raises(ValidationError) as exc:
            validate_image(png_bomb())
        assert exc.value.code == "too_many_pixels"
        assert "too many pixels to process safely" in messages(exc)[0]

    @pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP", "GIF"])
    def test_refuses_truncated_files(self, fmt):
        data = image_bytes(fmt, size=(800, 600))
        with pytest.raises(ValidationError) as exc:
            validate_image(data[: len(data) * 2 // 3])
        assert exc.value.code in {"corrupt_image", "invalid_image"}

    def test_refuses_a_png_with_a_damaged_chunk(self):
        data = bytearray(image_bytes("PNG", size=(200, 100)))
        data[60] ^= 0xFF  # inside IDAT: its CRC no longer matches
        with pytest.raises(ValidationError) as exc:
            validate_image(bytes(data))
        assert messages(exc) == [
            "The image is damaged or incomplete. Export it again and upload it."
        ]


# --- prepare_original --------------------------------------------------------------------


class PrepareOriginalTests:
    def test_keeps_an_ordinary_image_byte_for_byte(self):
        data = image_bytes(exif=Image.Exif())  # no location, no rotation
        assert prepare_original(data) == (data, ImageInfo("JPEG", 1600, 900))

    def test_removes_the_location_from_the_published_original(self):
        data, info = prepare_original(phone_photo(gps=True))
        assert info == ImageInfo("JPEG", 300, 200)
        with Image.open(io.BytesIO(data)) as img:
            assert img.format == "JPEG"
            assert not img.getexif().get_ifd(ExifTags.IFD.GPSInfo)
            assert "exif" not in img.info

    def test_cleans_a_multi_picture_jpeg_down_to_its_photo(self):
        data, info = prepare_original(phone_mpo(orientation=6, gps=True))
        assert info == ImageInfo("JPEG", 200, 300)
        with Image.open(io.BytesIO(data)) as img:
            assert img.format == "JPEG"
            assert not img.getexif()
            assert _close(img.getpixel((100, 20)), RED)

    def test_turns_a_rotated_photo_upright(self):
        data, info = prepare_original(phone_photo(orientation=6, gps=False))
        assert info == ImageInfo("JPEG", 200, 300)
        with Image.open(io.BytesIO(data)) as img:
            assert img.size == (200, 300)
            assert img.getexif().get(ExifTags.Base.Orientation, 1) == 1
            # Orientation 6: the photo's left (red) half is displayed at the top.
            assert _close(img.getpixel((100, 20)), RED)
            assert _close(img.getpixel((100, 280)), BLUE)


def _close(pixel, colour, tolerance=40) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel[:3], colour, strict=True))


# --- make_renditions ---------------------------------------------------------------------


class MakeRenditionsTests:
    def test_makes_webp_copies_next_to_the_original(self, fs, tmp_path):
        name = fs.save("articles/2025/01/photo.jpg", ContentFile(image_bytes(size=(1600, 900))))
        renditions = make_renditions(storage=fs, name=name, widths=(1200, 400, 800))
        assert renditions == [
            {"width": 400, "height": 225, "name": "articles/2025/01/photo-400w.webp"},
            {"width": 800, "height": 450, "name": "articles/2025/01/photo-800w.webp"},
            {"width": 1200, "height": 675, "name": "articles/2025/01/photo-1200w.webp"},
        ]
        for rendition in renditions:
            with Image.open(tmp_path / rendition["name"]) as img:
                assert img.format == "WEBP"
                assert img.size == (rendition["width"], rendition["height"])

    def test_never_upscales(self, fs):
        name = fs.save("a/mid.png", ContentFile(image_bytes("PNG", size=(1000, 500))))
        widths = [
            r["width"] for r in make_renditions(storage=fs, name=name, widths=(400, 800, 1200))
        ]
        assert widths == [400, 800]
        name = fs.save("a/small.png", ContentFile(image_bytes("PNG", size=(300, 200))))
        assert make_renditions(storage=fs, name=name, widths=(400, 800, 1200)) == []
        # The original's own width is not a rendition: the original serves it.
        name = fs.save("a/exact.png", ContentFile(image_bytes("PNG", size=(800, 400))))
        widths = [r["width"] for r in make_renditions(storage=fs, name=name, widths=(400, 800))]
        assert widths == [400]

    def test_strips_exif_and_gps(self, fs, tmp_path):
        name = fs.save("a/phone.jpg", ContentFile(phone_photo(gps=True, size=(900, 600))))
        (rendition,) = make_renditions(storage=fs, name=name, widths=(400,))
        with Image.open(tmp_path / rendition["name"]) as img:
            assert "exif" not in img.info
            assert "xmp" not in img.info
            assert not img.getexif()
        assert b"Phone" not in (tmp_path / rendition["name"]).read_bytes()

    def test_honours_exif_orientation(self, fs, tmp_path):
        # Stored 300 × 200 with orientation 6: displayed 200 wide and 300 high.
        name = fs.save("a/rotated.jpg", ContentFile(phone_photo(orientation=6, gps=False)))
        (rendition,) = make_renditions(storage=fs, name=name, widths=(100, 250))
        assert (rendition["width"], rendition["height"]) == (100, 150)
        with Image.open(tmp_path / rendition["name"]) as img:
            img = img.convert("RGB")
            assert _close(img.getpixel((50, 10)), RED)
            assert _close(img.getpixel((50, 140)), BLUE)

    def test_keeps_transparency(self, fs, tmp_path):
        img = Image.new("RGBA", (800, 400), (0, 0, 0, 0))
        img.paste((255, 0, 0, 255), (0, 0, 400, 400))
        out = io.BytesIO()
        img.save(out, "PNG")
        name = fs.save("a/logo.png", ContentFile(out.getvalue()))
        (rendition,) = make_renditions(storage=fs, name=name, widths=(400,))
        with Image.open(tmp_path / rendition["name"]) as copy:
            assert copy.mode == "RGBA"
            assert copy.getpixel((300, 100))[3] == 0

    def test_reads_palette_gifs(self, fs):
        name = fs.save("a/anim.gif", ContentFile(image_bytes("GIF", size=(600, 300))))
        assert [r["width"] for r in make_renditions(storage=fs, name=name, widths=(400,))] == [400]

    def test_a_failing_write_removes_the_renditions_already_written(self, fs, tmp_path):
        name = fs.save("a/photo.jpg", ContentFile(image_bytes(size=(1600, 900))))
        real_save, calls = fs._save, []

        def disk_fills_up(name, content):
            calls.append(name)
            if len(calls) == 3:
                raise OSError(errno.ENOSPC, "No space left on device")
            return real_save(name, content)

        fs._save = disk_fills_up
        with pytest.raises(OSError, match="No space left"):
            make_renditions(storage=fs, name=name, widths=(400, 800, 1200))
        assert files_under(tmp_path) == ["a/photo.jpg"]

    def test_delete_renditions(self, fs, tmp_path):
        name = fs.save("a/photo.jpg", ContentFile(image_bytes(size=(1600, 900))))
        renditions = make_renditions(storage=fs, name=name, widths=(400, 800))
        delete_renditions(fs, renditions + [{"name": "a/already-gone.webp"}])
        delete_renditions(fs, [])
        assert files_under(tmp_path) == ["a/photo.jpg"]


# --- SafeFileSystemStorage ---------------------------------------------------------------


class SafeFileSystemStorageTests:
    def test_saves_and_returns_the_relative_name(self, fs, tmp_path):
        name = fs.save("articles/2025/01/photo.jpg", ContentFile(b"abc" * 100_000))
        assert name == "articles/2025/01/photo.jpg"
        assert (tmp_path / name).read_bytes() == b"abc" * 100_000
        assert files_under(tmp_path) == [name]  # no temporary file left
        assert fs.url(name) == "/media/articles/2025/01/photo.jpg"

    def test_text_content(self, fs, tmp_path):
        name = fs.save("notes/a.txt", ContentFile("héllo"))
        assert (tmp_path / name).read_text(encoding="utf-8") == "héllo"

    def test_never_overwrites_by_default(self, fs, tmp_path):
        first = fs.save("a/photo.jpg", ContentFile(b"first"))
        second = fs.save("a/photo.jpg", ContentFile(b"second"))
        assert first == "a/photo.jpg"
        assert second != first
        assert second.startswith("a/photo_")
        assert second.endswith(".jpg")
        assert (tmp_path / first).read_bytes() == b"first"
        assert (tmp_path / second).read_bytes() == b"second"

    def test_a_name_taken_during_the_write_is_not_overwritten(self, fs, tmp_path):
        # get_available_name() ran before the write; another process takes the name since.
        (tmp_path / "a").mkdir()
        (tmp_path / "a/photo.jpg").write_bytes(b"theirs")
        name = fs._save("a/photo.jpg", ContentFile(b"ours"))
        assert name != "a/photo.jpg"
        assert (tmp_path / "a/photo.jpg").read_bytes() == b"theirs"
        assert (tmp_path / name).read_bytes() == b"ours"
        assert len(files_under(tmp_path)) == 2

    def test_allow_overwrite_replaces(self, tmp_path):
        fs = SafeFileSystemStorage(location=tmp_path, allow_overwrite=True)
        fs.save("a/photo.jpg", ContentFile(b"old"))
        assert fs.save("a/photo.jpg", ContentFile(b"new")) == "a/photo.jpg"
        assert (tmp_path / "a/photo.jpg").read_bytes() == b"new"
        assert files_under(tmp_path) == ["a/photo.jpg"]

    def test_permissions(self, tmp_path):
        fs = SafeFileSystemStorage(
            location=tmp_path, file_permissions_mode=0o640, directory_permissions_mode=0o750
        )
        name = fs.save("a/b/photo.jpg", ContentFile(b"x"))
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o640
        assert stat.S_IMODE((tmp_path / "a/b").stat().st_mode) == 0o750

    def test_default_permissions_follow_the_umask_as_django_does(self, fs, tmp_path):
        umask = os.umask(0o022)
        try:
            name = fs.save("a/photo.jpg", ContentFile(b"x"))
        finally:
            os.umask(umask)
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == 0o644

    def test_streams_a_temporary_upload_and_leaves_it_to_django(self, fs, tmp_path, settings):
        settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path / "uploads")
        (tmp_path / "uploads").mkdir()
        upload = TemporaryUploadedFile("big.jpg", "image/jpeg", 0, None)
        upload.write(b"z" * 300_000)
        upload.flush()
        name = fs.save("a/big.jpg", upload)
        assert (tmp_path / name).read_bytes() == b"z" * 300_000
        assert os.path.exists(upload.temporary_file_path())
        upload.close()

    def test_a_failing_write_leaves_nothing(self, fs, tmp_path, monkeypatch):
        """The disk fills up halfway through: neither the final nor a temporary file stays."""
        real_write = os.write
        calls = []

        def disk_full(fd, data):
            calls.append(fd)
            if len(calls) == 1:
                return real_write(fd, bytes(data)[: len(data) // 2])  # a short write …
            raise OSError(errno.ENOSPC, "No space left on device")  # … then a full disk

        (tmp_path / "a").mkdir()
        with monkeypatch.context() as patch:
            patch.setattr(storage_module.os, "write", disk_full)
            with pytest.raises(OSError, match="No space left") as exc:
                fs.save("a/photo.jpg", ContentFile(b"x" * 200_000))
        assert exc.value.errno == errno.ENOSPC
        assert len(calls) == 2
        assert files_under(tmp_path) == []
        # The storage works again once there is space.
        assert fs.save("a/photo.jpg", ContentFile(b"ok")) == "a/photo.jpg"

    def test_a_failing_flush_leaves_nothing(self, fs, tmp_path, monkeypatch):
        def fsync_fails(fd):
            raise OSError(errno.EIO, "Input/output error")

        monkeypatch.setattr(storage_module.os, "fsync", fsync_fails)
        with pytest.raises(OSError, match="Input/output"):
            fs.save("a/photo.jpg", ContentFile(b"x" * 1000))
        assert files_under(tmp_path) == []

    def test_a_failing_source_leaves_nothing(self, fs, tmp_path):
        class BrokenUpload(ContentFile):
            def chunks(self, chunk_size=None):
                yield b"x" * 1000
                raise ConnectionResetError("client went away")

        with pytest.raises(ConnectionResetError):
            fs.save("a/photo.jpg", BrokenUpload(b""))
        assert files_under(tmp_path) == []

    def test_a_file_size_limit_hit_by_the_kernel_leaves_nothing(self, tmp_path):
        """A real short write from the kernel, no mocks: RLIMIT_FSIZE makes write() fail
        with EFBIG past 64 KB, as a full disk fails with ENOSPC. In a child process, so the
        limit binds nothing else."""
        script = textwrap.dedent(
            f"""
            import errno, os, resource, signal
            import django
            from django.conf import settings
            settings.configure(MEDIA_ROOT={str(tmp_path)!r})
            django.setup()
            from django.core.files.base import ContentFile
            from cryptoflexs.core.storage import SafeFileSystemStorage
            storage = SafeFileSystemStorage()
            os.makedirs({str(tmp_path / "a")!r})
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (65536, 65536))
            try:
                storage.save("a/photo.jpg", ContentFile(b"x" * 300_000))
            except OSError as exc:
                print(errno.errorcode[exc.errno])
            """
        )
        result = subprocess.run(  # noqa: S603 (our own interpreter and script)
            [sys.executable, "-c", script],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip() == "EFBIG"
        assert files_under(tmp_path) == []
