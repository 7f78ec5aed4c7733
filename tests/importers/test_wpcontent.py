"""WordPress notations → plain HTML."""

from __future__ import annotations

from vestnik.content.sanitize import clean_html
from vestnik.importers.wpcontent import MediaFile, autop, to_html


def test_block_comments_disappear_and_markup_stays():
    content = (
        "<!-- wp:paragraph -->\n<p>One</p>\n<!-- /wp:paragraph -->\n"
        '<!-- wp:latest-posts {"postsToShow":3} /-->\n'
        "<!-- wp:heading --><h2>Two</h2><!-- /wp:heading -->"
    )
    assert to_html(content) == "<p>One</p>\n\n\n<h2>Two</h2>"


def test_caption_shortcode_becomes_a_figure():
    content = (
        '[caption id="attachment_1" align="alignright" width="300"]'
        '<a href="https://x.org/a.jpg"><img src="https://x.org/a.jpg" alt="A" /></a>'
        " Prisoners’ rights day[/caption]"
    )
    html = clean_html(to_html(content))
    assert html.startswith("<figure><a href=")
    assert "<figcaption>Prisoners’ rights day</figcaption></figure>" in html


def test_caption_attribute_is_used_when_the_text_is_empty():
    html = to_html(
        '[caption caption="From the attribute"]<img src="https://x.org/b.jpg">[/caption]'
    )
    assert "<figcaption>From the attribute</figcaption>" in html


def test_gallery_lists_the_named_images_or_the_posts_own():
    media = {"7": MediaFile("https://x.org/7.jpg", "Seven"), "8": MediaFile("https://x.org/8.jpg")}
    named = to_html('[gallery ids="8,7,99"]', "1", media)
    assert named.index("8.jpg") < named.index("7.jpg") and "99" not in named
    own = to_html("[gallery columns=2]", "1", media, {"1": ["7"]})
    assert "7.jpg" in own and "8.jpg" not in own
    assert to_html("[gallery]", "2", media) == ""


def test_embeds_become_links():
    classic = to_html("[embed]https://www.youtube.com/watch?v=abc[/embed]")
    assert '<a href="https://www.youtube.com/watch?v=abc">' in classic
    block = to_html(
        '<!-- wp:embed {"url":"https://vimeo.com/1","type":"video"} -->'
        '<figure class="wp-block-embed"><div class="wp-block-embed__wrapper">\n'
        "https://vimeo.com/1\n</div></figure><!-- /wp:embed -->"
    )
    assert block == '<p><a href="https://vimeo.com/1">https://vimeo.com/1</a></p>'
    assert "<a" not in to_html("[embed]javascript:alert(1)[/embed]")


def test_classic_text_gets_paragraphs():
    assert autop("One\nline two\n\nThree\n\n<ul><li>x</li></ul>") == (
        "<p>One<br>\nline two</p>\n<p>Three</p>\n<ul><li>x</li></ul>"
    )


def test_unknown_shortcodes_and_text_brackets_are_left_alone():
    assert "[1]" in to_html("See note [1] and [audio src=x]")
