import io
import os
import stat
import tracemalloc
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile, TemporaryUploadedFile
from django.test import RequestFactory
from PIL import Image

from tests.engine.media.samples import (
    GPS_TEXT,
    LEAKS,
    VIDEO_SAMPLES,
    Track,
    box,
    build_movie,
    heic_with_everything,
    jpeg_with_everything,
    png_with_everything,
    webp_with_everything,
)
from vigie.core.crypto import DecryptionError
from vigie.evidence.models import Cleaning, MediaKind, StoredFile
from vigie.evidence.selectors import iter_evidence, read_thumbnail
from vigie.evidence.services import (
    EvidenceRejected,
    check_file_count,
    rejections_from_request,
    store_evidence,
)
from vigie.evidence.uploads import LimitedTemporaryFileUploadHandler

pytestmark = pytest.mark.django_db


def _upload(data: bytes, name: str = "IMG_2041 Kevin.jpg") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def _on_disk(data: bytes, uploads: Path, name: str = "VID_0001.mp4") -> TemporaryUploadedFile:
    upload = TemporaryUploadedFile(name, "video/mp4", len(data), None)
    upload.write(data)
    upload.seek(0)
    return upload


def _plaintext(stored: StoredFile) -> bytes:
    return b"".join(iter_evidence(stored))


@pytest.mark.parametrize(
    ("make", "media_type"),
    [
        (jpeg_with_everything, "image/jpeg"),
        (png_with_everything, "image/png"),
        (webp_with_everything, "image/webp"),
        (heic_with_everything, "image/jpeg"),
    ],
)
def test_photos_are_stored_reencoded_without_metadata(make, media_type, evidence_dirs) -> None:
    stored = store_evidence(_upload(make()))
    stored.refresh_from_db()
    assert stored.kind == MediaKind.IMAGE
    assert stored.media_type == media_type
    assert stored.cleaning == Cleaning.REENCODED
    plaintext = _plaintext(stored)
    assert len(plaintext) == stored.size
    assert [leak for leak in LEAKS if leak in plaintext] == []
    Image.open(io.BytesIO(plaintext)).verify()
    thumbnail = read_thumbnail(stored)
    assert thumbnail is not None and thumbnail.startswith(b"\xff\xd8\xff")
    assert "Photo réencodée à partir de ses seuls pixels" in " ".join(stored.cleaning_notes)
    assert stored.cleaning_caveats == []


def test_heic_is_said_to_be_converted(evidence_dirs) -> None:
    stored = store_evidence(_upload(heic_with_everything(), "IMG_0001.HEIC"))
    assert any("HEIC convertie en JPEG" in note for note in stored.cleaning_notes)


@pytest.mark.parametrize(
    ("brand", "media_type"), [(b"isom", "video/mp4"), (b"qt  ", "video/quicktime")]
)
def test_videos_are_cleaned_in_place_and_say_what_was_not_checked(brand, media_type) -> None:
    movie = build_movie(brand=brand)
    stored = store_evidence(_upload(movie.data, "VID.MOV"))
    assert stored.kind == MediaKind.VIDEO
    assert stored.media_type == media_type
    assert stored.cleaning == Cleaning.CLEANED
    assert stored.thumbnail_name == "" and read_thumbnail(stored) is None
    plaintext = _plaintext(stored)
    assert len(plaintext) == len(movie.data) == stored.size
    assert GPS_TEXT not in plaintext and b"xmpmeta" not in plaintext
    offset = movie.sample_offsets[0][0]
    sample = movie.tracks[0].samples[0]
    assert plaintext[offset : offset + len(sample)] == sample
    assert any("Dates de création" in note for note in stored.cleaning_notes)
    assert any("flux vidéo" in caveat for caveat in stored.cleaning_caveats)


def test_the_bytes_on_disk_hold_no_plaintext(evidence_dirs) -> None:
    stored = store_evidence(_upload(jpeg_with_everything()))
    video = store_evidence(_upload(build_movie().data))
    files = sorted(evidence_dirs["evidence"].iterdir())
    assert {path.name for path in files} == {
        stored.storage_name,
        stored.thumbnail_name,
        video.storage_name,
    }
    for path in files:
        data = path.read_bytes()
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert b"\xff\xd8\xff" not in data  # no JPEG marker: the pixels are not in clear
        assert GPS_TEXT not in data and b"ftyp" not in data and b"mdat" not in data
        assert len(path.name) == 32 and "Kevin" not in path.name
    for field in (stored.storage_name, stored.media_type, stored.thumbnail_name):
        assert "IMG_2041" not in field and "Kevin" not in field
    assert stored.stored_at.minute == stored.stored_at.second == stored.stored_at.microsecond == 0


def test_a_file_copied_onto_another_row_does_not_decrypt() -> None:
    first = store_evidence(_upload(jpeg_with_everything()))
    second = store_evidence(_upload(png_with_everything()))
    second.storage_name = first.storage_name
    with pytest.raises(DecryptionError):
        _plaintext(second)


def test_a_file_altered_on_disk_is_detected(evidence_dirs) -> None:
    stored = store_evidence(_upload(build_movie().data))
    path = evidence_dirs["evidence"] / stored.storage_name
    path.write_bytes(path.read_bytes()[:-1])
    with pytest.raises(DecryptionError):
        _plaintext(stored)


@pytest.mark.parametrize(
    ("data", "code"),
    [
        pytest.param(
            b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n",
            "unsupported_type",
            id="pdf-named-jpg",
        ),
        pytest.param(b"GIF89a" + bytes(100), "unsupported_type", id="gif"),
        pytest.param(b"", "unsupported_type", id="empty"),
        pytest.param(jpeg_with_everything()[:300], "damaged", id="truncated-jpeg"),
        pytest.param(build_movie().data[:-20], "damaged", id="truncated-mp4"),
        pytest.param(
            build_movie(tracks=(Track(b"soun", (b"a" * 9,)),)).data,
            "unsupported_type",
            id="audio-only",
        ),
    ],
)
def test_refusals_have_a_code_and_a_french_message(data: bytes, code: str, evidence_dirs) -> None:
    with pytest.raises(EvidenceRejected) as rejected:
        store_evidence(_upload(data, "photo.jpg"))
    assert rejected.value.code == code
    message = str(rejected.value.message)
    assert "rien d’autre n’a été perdu" in message.lower()
    if code == "unsupported_type":
        assert "(JPEG, PNG, HEIC, WebP, MP4, MOV)" in message
    assert rejected.value.file_name == "photo.jpg"
    assert StoredFile.objects.count() == 0
    assert list(evidence_dirs["evidence"].iterdir()) == []


def test_sizes_are_limited_per_kind(settings) -> None:
    photo = png_with_everything()
    settings.EVIDENCE_MAX_IMAGE_BYTES = len(photo) - 1
    with pytest.raises(EvidenceRejected) as rejected:
        store_evidence(_upload(photo))
    assert rejected.value.code == "too_large"
    assert "photo" in str(rejected.value.message)
    movie = build_movie().data
    settings.EVIDENCE_MAX_IMAGE_BYTES = 10
    assert store_evidence(_upload(movie)).kind == MediaKind.VIDEO  # videos have their own limit
    settings.EVIDENCE_MAX_VIDEO_BYTES = len(movie) - 1
    with pytest.raises(EvidenceRejected) as rejected:
        store_evidence(_upload(movie))
    assert rejected.value.code == "too_large"


def test_too_many_files(settings) -> None:
    settings.EVIDENCE_MAX_FILES_PER_REPORT = 3
    check_file_count(existing=2, adding=1)
    with pytest.raises(EvidenceRejected) as rejected:
        check_file_count(existing=2, adding=2)
    assert rejected.value.code == "too_many"
    assert "3 fichiers" in str(rejected.value.message)


def test_a_location_marker_inside_a_video_sample_is_refused() -> None:
    marked = (b"com.apple.quicktime.location.ISO6709 " + GPS_TEXT,)
    movie = build_movie(tracks=(Track(b"vide", VIDEO_SAMPLES + marked),))
    with pytest.raises(EvidenceRejected) as rejected:
        store_evidence(_upload(movie.data))
    assert rejected.value.code == "damaged"
    assert StoredFile.objects.count() == 0


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda: build_movie().data, id="video"),
        pytest.param(jpeg_with_everything, id="photo"),
        pytest.param(lambda: b"%PDF-1.4" + bytes(64), id="refused"),
        pytest.param(lambda: jpeg_with_everything()[:200], id="damaged-photo"),
    ],
)
def test_no_temporary_file_is_left_behind(make, evidence_dirs) -> None:
    upload = _on_disk(make(), evidence_dirs["uploads"])
    path = Path(upload.temporary_file_path())
    assert path.parent == evidence_dirs["uploads"] and path.exists()
    try:
        store_evidence(upload)
    except EvidenceRejected:
        assert list(evidence_dirs["evidence"].iterdir()) == []
    assert not path.exists()
    assert list(evidence_dirs["uploads"].iterdir()) == []


def test_files_are_deleted_when_the_row_cannot_be_saved(monkeypatch, evidence_dirs) -> None:
    def fail(*args, **kwargs):
        raise RuntimeError("database down")

    monkeypatch.setattr(StoredFile, "save", fail)
    with pytest.raises(RuntimeError):
        store_evidence(_upload(jpeg_with_everything()))
    assert list(evidence_dirs["evidence"].iterdir()) == []
    assert list(evidence_dirs["uploads"].iterdir()) == []


def test_memory_stays_bounded_for_a_large_video(evidence_dirs) -> None:
    """A ~60 MB video on disk: the peak of Python allocations stays at a few chunks."""
    movie = build_movie()
    mdat_size = 60 * 1024 * 1024
    upload = TemporaryUploadedFile("big.mp4", "video/mp4", 0, None)
    # ftyp + moov (+ the XMP uuid) of the sample, then one big mdat of zeros written in chunks;
    # the sample offsets still point inside the new mdat.
    head = movie.data[: movie.mdat_start]
    upload.write(head)
    upload.write((8 + mdat_size).to_bytes(4, "big") + b"mdat")
    chunk = bytes(1024 * 1024)
    for _ in range(60):
        upload.write(chunk)
    upload.flush()
    upload.seek(0)
    del chunk
    tracemalloc.start()
    try:
        stored = store_evidence(upload)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert stored.size == len(head) + 8 + mdat_size
    assert peak < 4 * 1024 * 1024, f"peak {peak / 1e6:.1f} MB"
    assert os.path.getsize(evidence_dirs["evidence"] / stored.storage_name) > stored.size


def test_files_dropped_by_the_upload_handler_are_reported(settings) -> None:
    photo = jpeg_with_everything()
    settings.EVIDENCE_MAX_VIDEO_BYTES = len(photo) + 100
    request = RequestFactory().post(
        "/",
        {
            "evidence": [
                SimpleUploadedFile("gros film.mp4", bytes(len(photo) * 3)),
                SimpleUploadedFile("ok.jpg", photo),
            ]
        },
    )
    request.upload_handlers = [LimitedTemporaryFileUploadHandler(request)]
    rejections = rejections_from_request(request)
    assert [(r.code, r.file_name) for r in rejections] == [("too_large", "gros film.mp4")]
    assert "trop lourd" in str(rejections[0].message)
    assert [f.name for f in request.FILES.getlist("evidence")] == ["ok.jpg"]
    for upload in request.FILES.getlist("evidence"):
        upload.close()


def test_nothing_rejected_without_upload_rejections() -> None:
    assert rejections_from_request(RequestFactory().post("/", {"a": "b"})) == []


def test_free_space_boxes_added_after_mdat_are_zeroed() -> None:
    data = build_movie().data + box(b"free", b"leftover " + GPS_TEXT)
    plaintext = _plaintext(store_evidence(_upload(data)))
    assert GPS_TEXT not in plaintext and len(plaintext) == len(data)
