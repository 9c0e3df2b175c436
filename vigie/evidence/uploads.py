"""Uploads stream to a private temporary file, and stop at the size limit.

A 500 MB video never sits in memory: Django hands each chunk to this handler, which writes
it to a 0600 file under FILE_UPLOAD_TEMP_DIR. A file beyond the largest allowed size is
skipped as soon as it crosses the limit (the rest of the request is still read, so the form
re-renders with everything typed), and the view finds why in `request.upload_rejections`.
"""

from __future__ import annotations

import os
from typing import Any

from django.conf import settings
from django.core.files.uploadhandler import SkipFile, TemporaryFileUploadHandler


class LimitedTemporaryFileUploadHandler(TemporaryFileUploadHandler):
    def new_file(self, field_name: str, file_name: str, *args: Any, **kwargs: Any) -> None:
        os.makedirs(settings.FILE_UPLOAD_TEMP_DIR, mode=0o700, exist_ok=True)
        self._received = 0
        self._file_name = file_name
        super().new_file(field_name, file_name, *args, **kwargs)

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self._received = start + len(raw_data)
        if self._received > settings.EVIDENCE_MAX_VIDEO_BYTES:
            rejections = getattr(self.request, "upload_rejections", None)
            if rejections is None:
                rejections = []
                self.request.upload_rejections = rejections
            # (code, form field, the device's file name: shown back to the citizen, never stored)
            rejections.append(("too_large", self.field_name, self._file_name))
            self.file.close()  # the temporary file is deleted on close
            raise SkipFile
        super().receive_data_chunk(raw_data, start)
        return None
