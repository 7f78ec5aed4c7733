"""Article bodies never make readers' browsers fetch from third parties."""

from vestnik.content.sanitize import clean_html


def test_remote_and_protocol_relative_images_lose_their_source():
    html = clean_html(
        '<img src="https://tracker.example/p.gif" alt="a"><img src="//tracker.example/q.png">'
        '<img src="/\\tracker.example/r.png"><img src="/media/photo.webp" alt="b">'
    )
    assert "tracker.example" not in html
    assert '<img src="/media/photo.webp" alt="b">' in html


def test_links_keep_external_addresses_with_rel():
    html = clean_html('<a href="https://example.org/report">report</a>')
    assert html == '<a href="https://example.org/report" rel="noopener noreferrer">report</a>'
