import numpy as np
import pytest

from stockdesk.domain.errors import ScannerUnavailable
from stockdesk.scanner.debounce import Debouncer
from stockdesk.scanner.decoders import decode_frame, make_decoder
from stockdesk.scanner.pipeline import process_stream, scan_stream
from stockdesk.scanner.sources import FrameSource, ImageFolderSource, VideoFileSource, open_source
from tests.support.barcode_video import (
    VARIANTS,
    compose_frame,
    render_code,
    write_images,
    write_video,
)

ITEMS = [
    ("EAN13", "4006381333931"),
    ("UPCA", "036000291452"),
    ("CODE128", "SHELF-A12"),
    ("QRCODE", "LOC:B-07"),
    ("EAN8", "96385074"),
    ("DATAMATRIX", "PALLET-0042"),
]


@pytest.fixture(scope="module")
def video(tmp_path_factory):
    return write_video(tmp_path_factory.mktemp("video") / "counter.avi", ITEMS)


def test_video_yields_each_code_once_in_order_with_upca_as_upca(video):
    with open_source(str(video)) as source:
        assert isinstance(source, VideoFileSource)
        events = list(scan_stream(source))
    assert [(e.symbology, e.code) for e in events] == ITEMS
    times = [e.at for e in events]
    assert times == sorted(times)


def test_the_same_code_shown_twice_with_a_long_gap_is_two_scans(tmp_path):
    # 50 empty frames at 30 fps = 1.67 s out of view: longer than the 1.5 s de-bounce window.
    path = write_video(tmp_path / "twice.avi", [("EAN13", "4006381333931")] * 2, gap_frames=50)
    with VideoFileSource(path) as source:
        assert [e.code for e in scan_stream(source)] == ["4006381333931"] * 2


def test_the_same_code_reshown_quickly_is_one_scan(tmp_path):
    path = write_video(tmp_path / "bounce.avi", [("EAN13", "4006381333931")] * 2, gap_frames=5)
    with VideoFileSource(path) as source:
        assert [e.code for e in scan_stream(source)] == ["4006381333931"]


def test_outlines_are_in_full_frame_pixels(video):
    with VideoFileSource(video) as source:
        first = next(r for r in process_stream(source) if r.events)
    xs = [x for x, _ in first.events[0].polygon]
    ys = [y for _, y in first.events[0].polygon]
    assert 100 < min(xs) < max(xs) < 560
    assert 100 < min(ys) < max(ys) < 400


def test_frames_larger_than_640_are_decoded_with_outline_scaled_back():
    frame = compose_frame(render_code("EAN13", "4006381333931"))
    big = np.kron(frame, np.ones((3, 3, 1), dtype=np.uint8))  # 1920x1440, code in the middle
    found = decode_frame(big)
    assert [d.code for d in found] == ["4006381333931"]
    xs = [x for x, _ in found[0].polygon]
    assert min(xs) > 400 and max(xs) < 1520


def test_folder_of_images_in_name_order(tmp_path):
    folder = write_images(tmp_path / "stills", ITEMS[:4], variant="rotation")
    (folder / "notes.txt").write_text("not an image")
    source = open_source(str(folder))
    assert isinstance(source, ImageFolderSource)
    assert isinstance(source, FrameSource)
    with source:
        assert [(e.symbology, e.code) for e in scan_stream(source)] == ITEMS[:4]


@pytest.mark.parametrize("variant", sorted(VARIANTS))
def test_every_variant_of_an_ean13_is_read_by_the_production_decoder(variant):
    frame = compose_frame(render_code("EAN13", "4006381333931"), VARIANTS[variant], seed=5)
    assert [d.code for d in decode_frame(frame)] == ["4006381333931"]


def test_zbar_cannot_read_datamatrix_but_combined_can():
    frame = compose_frame(render_code("DATAMATRIX", "PALLET-0042"))
    assert make_decoder("zbar")(frame) == []
    assert [(d.code, d.symbology) for d in make_decoder("combined")(frame)] == [("PALLET-0042", "DATAMATRIX")]


def test_unknown_decoder_name_is_refused():
    with pytest.raises(ValueError, match="zbar"):
        make_decoder("tesseract")


def test_missing_camera_is_reported_not_crashed():
    with pytest.raises(ScannerUnavailable, match="camera 99"):
        open_source("99")


@pytest.mark.parametrize("name", ["missing.avi", "missing-folder"])
def test_missing_file_or_folder_is_reported(tmp_path, name):
    with pytest.raises(ScannerUnavailable):
        open_source(str(tmp_path / name))


def test_a_file_that_is_not_a_video_is_reported(tmp_path):
    bogus = tmp_path / "bogus.avi"
    bogus.write_bytes(b"this is not a video")
    with pytest.raises(ScannerUnavailable, match="cannot be read"):
        open_source(str(bogus))


def test_an_empty_folder_is_reported(tmp_path):
    with pytest.raises(ScannerUnavailable, match="no images"):
        ImageFolderSource(tmp_path)


def test_debouncer_can_be_supplied_to_the_stream(video):
    with VideoFileSource(video) as source:
        # A window longer than the whole video still lets each distinct code through once.
        events = list(scan_stream(source, debouncer=Debouncer(window_s=3600)))
    assert len(events) == len(ITEMS)


def test_a_upce_read_inside_an_ean13_is_dropped_but_a_separate_upce_is_kept():
    from stockdesk.scanner.decoders import Decoded, drop_phantom_upce

    ean = Decoded("4006381333931", "EAN13", ((100, 100), (300, 100), (300, 200), (100, 200)))
    phantom = Decoded("15000002", "UPCE", ((150, 120), (250, 120), (250, 180), (150, 180)))
    elsewhere = Decoded("04252614", "UPCE", ((400, 300), (500, 300), (500, 380), (400, 380)))
    assert drop_phantom_upce([ean, phantom, elsewhere]) == [ean, elsewhere]
    assert drop_phantom_upce([phantom]) == [phantom]
