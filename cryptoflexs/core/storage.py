"""A file system storage that never leaves a half-written file behind.

Django's FileSystemStorage writes straight to the final name, so a full disk leaves a
0-byte or truncated file there (STACK-NOTES). Here the bytes go to a temporary file in
the same directory, are flushed to disk, and only then appear under their name in one
atomic step; on any error the temporary file is removed and the error propagates.
"""

import contextlib
import errno
import os
import secrets

from django.core.files.storage import FileSystemStorage
from django.utils._os import safe_makedirs

# os.link() fails with these where the file system has no hard links (FAT, some FUSE and
# network mounts); there the move falls back to check-then-rename, as Django's own does.
_NO_HARD_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.ENOSYS}
TEMP_PREFIX = ".partial-"


class SafeFileSystemStorage(FileSystemStorage):
    """FileSystemStorage whose writes are all-or-nothing."""

    def _save(self, name, content):
        full_path = self.path(name)
        directory = os.path.dirname(full_path)
        self._make_directory(directory)
        temp_path = self._write_temporary(directory, content)
        try:
            while True:
                try:
                    self._move_into_place(temp_path, full_path)
                except FileExistsError:
                    # Another writer took the name since get_available_name(): pick again.
                    name = self.get_available_name(name)
                    full_path = self.path(name)
                else:
                    break
        finally:
            # After os.link() the temporary name is a second link to the same file;
            # after a failure it is the only one. Either way it goes.
            _remove_if_present(temp_path)
        name = os.path.relpath(full_path, self.location)
        return name.replace("\\", "/")

    def _make_directory(self, directory: str) -> None:
        try:
            if self.directory_permissions_mode is not None:
                # os.makedirs() does not apply "mode" to intermediate directories.
                safe_makedirs(directory, self.directory_permissions_mode, exist_ok=True)
            else:
                os.makedirs(directory, exist_ok=True)
        except FileExistsError as exc:
            raise FileExistsError(f"{directory} exists and is not a directory.") from exc

    def _write_temporary(self, directory: str, content) -> str:
        """Write `content` to a new hidden file in `directory`, synced, and return its path."""
        temp_path = os.path.join(directory, f"{TEMP_PREFIX}{secrets.token_hex(8)}")
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
        # Mode 0o666 as Django uses, so the umask decides when FILE_UPLOAD_PERMISSIONS is unset.
        fd = os.open(temp_path, flags, 0o666)
        try:
            try:
                for chunk in content.chunks():
                    _write_all(fd, chunk.encode() if isinstance(chunk, str) else chunk)
                # Without this, a crash after the rename could show the name with no data.
                os.fsync(fd)
            finally:
                os.close(fd)
            if self.file_permissions_mode is not None:
                os.chmod(temp_path, self.file_permissions_mode)
            self._ensure_location_group_id(temp_path)
        except BaseException:
            _remove_if_present(temp_path)
            raise
        return temp_path

    def _move_into_place(self, temp_path: str, full_path: str) -> None:
        if self._allow_overwrite:
            os.replace(temp_path, full_path)
            return
        try:
            # Atomic, and unlike rename() it refuses to replace an existing file.
            os.link(temp_path, full_path)
        except FileExistsError:
            raise
        except OSError as exc:
            if exc.errno not in _NO_HARD_LINKS:
                raise
            if os.path.lexists(full_path):
                raise FileExistsError(errno.EEXIST, "File exists", full_path) from exc
            os.replace(temp_path, full_path)


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _remove_if_present(path: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.remove(path)
