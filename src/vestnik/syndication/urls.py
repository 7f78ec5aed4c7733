from django.urls import path, re_path

from vestnik.syndication import feeds, views

app_name = "syndication"

FEEDS = {
    "": (feeds.EditionFeed, feeds.EditionRss),
    "site-news/": (feeds.SiteNewsFeed, feeds.SiteNewsRss),
    "tags/<slug:slug>/": (feeds.TagFeed, feeds.TagRss),
    "sections/<path:section>/": (feeds.SectionFeed, feeds.SectionRss),
}

urlpatterns = [
    path("robots.txt", views.robots_txt, name="robots"),
    path("sitemap.xml", views.sitemap_index, name="sitemap_index"),
    path("sitemap-news.xml", views.news_sitemap, name="news_sitemap"),
    re_path(
        r"^sitemap-(?P<section>[-a-zA-Z0-9_]+)-p(?P<page>[0-9]{1,6})\.xml$",
        views.sitemap_page,
        name="sitemap_page",
    ),
    path("sitemap-<slug:section>.xml", views.sitemap_section, name="sitemap_section"),
]
for _prefix, (_atom, _rss) in FEEDS.items():
    _name = _prefix.split("/", 1)[0] or "edition"
    urlpatterns += [
        path(f"<slug:edition>/feeds/{_prefix}atom.xml", _atom(), name=f"{_name}_atom"),
        path(f"<slug:edition>/feeds/{_prefix}rss.xml", _rss(), name=f"{_name}_rss"),
    ]
