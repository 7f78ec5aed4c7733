"""Small WordPress exports written by the tests."""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.sax.saxutils import escape

NS = {
    "1.0": "http://wordpress.org/export/1.0/",
    "1.1": "http://wordpress.org/export/1.1/",
    "1.2": "http://wordpress.org/export/1.2/",
}


def cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


@dataclass
class Post:
    post_id: int
    title: str
    content: str = "<p>Body.</p>"
    excerpt: str = ""
    status: str = "publish"
    post_type: str = "post"
    slug: str = ""
    date: str = "2015-03-04 10:11:12"
    categories: list[tuple[str, str]] = field(default_factory=list)
    tags: list[tuple[str, str]] = field(default_factory=list)
    sticky: bool = False
    parent: int = 0
    attachment_url: str = ""
    comments: int = 0

    def xml(self, site: str = "https://old.example.org") -> str:
        slug = self.slug or f"post-{self.post_id}"
        cats = "".join(
            f'<category domain="category" nicename="{n}">{cdata(name)}</category>'
            for n, name in self.categories
        ) + "".join(
            f'<category domain="post_tag" nicename="{n}">{cdata(name)}</category>'
            for n, name in self.tags
        )
        comments = "".join(
            f"<wp:comment><wp:comment_id>{i}</wp:comment_id>"
            f"<wp:comment_content>{cdata('Nice')}</wp:comment_content></wp:comment>"
            for i in range(self.comments)
        )
        attachment = (
            f"<wp:attachment_url>{escape(self.attachment_url)}</wp:attachment_url>"
            if self.attachment_url
            else ""
        )
        return f"""
<item>
  <title>{cdata(self.title)}</title>
  <link>{site}/2015/03/{slug}/</link>
  <pubDate>Wed, 04 Mar 2015 10:11:12 +0000</pubDate>
  <dc:creator>{cdata("editor")}</dc:creator>
  <guid isPermaLink="false">{site}/?p={self.post_id}</guid>
  <description></description>
  <content:encoded>{cdata(self.content)}</content:encoded>
  <excerpt:encoded>{cdata(self.excerpt)}</excerpt:encoded>
  <wp:post_id>{self.post_id}</wp:post_id>
  <wp:post_date>{self.date}</wp:post_date>
  <wp:post_date_gmt>{self.date}</wp:post_date_gmt>
  <wp:post_name>{cdata(slug)}</wp:post_name>
  <wp:status>{self.status}</wp:status>
  <wp:post_parent>{self.parent}</wp:post_parent>
  <wp:menu_order>0</wp:menu_order>
  <wp:post_type>{self.post_type}</wp:post_type>
  <wp:is_sticky>{int(self.sticky)}</wp:is_sticky>
  {attachment}{cats}{comments}
</item>"""


def wxr(
    posts: list[Post],
    categories: list[tuple[str, str, str]] = (),  # type: ignore[assignment]
    tags: list[tuple[str, str]] = (),  # type: ignore[assignment]
    version: str = "1.2",
    site: str = "https://old.example.org",
) -> str:
    ns = NS.get(version, f"http://wordpress.org/export/{version}/")
    terms = "".join(
        f"<wp:category><wp:term_id>{i}</wp:term_id>"
        f"<wp:category_nicename>{n}</wp:category_nicename>"
        f"<wp:category_parent>{p}</wp:category_parent>"
        f"<wp:cat_name>{cdata(name)}</wp:cat_name></wp:category>"
        for i, (n, p, name) in enumerate(categories, 1)
    ) + "".join(
        f"<wp:tag><wp:tag_slug>{n}</wp:tag_slug><wp:tag_name>{cdata(name)}</wp:tag_name></wp:tag>"
        for n, name in tags
    )
    items = "".join(p.xml(site) for p in posts)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="{ns}excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:wp="{ns}">
<channel>
<title>Old site</title>
<link>{site}</link>
<wp:wxr_version>{version}</wp:wxr_version>
<wp:base_site_url>{site}</wp:base_site_url>
<wp:base_blog_url>{site}</wp:base_blog_url>
<wp:author><wp:author_login>editor</wp:author_login>
<wp:author_display_name>{cdata("The Editor")}</wp:author_display_name></wp:author>
{terms}
{items}
</channel>
</rss>
"""
