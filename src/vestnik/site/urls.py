from django.urls import path, register_converter

from vestnik.site import views


class YearConverter:
    regex = "[0-9]{4}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return f"{value:04d}"


class MonthConverter:
    regex = "0[1-9]|1[0-2]"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return f"{value:02d}"


class PageConverter:
    regex = "[1-9][0-9]{0,5}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(YearConverter, "yyyy")
register_converter(MonthConverter, "mm")
register_converter(PageConverter, "pageno")

app_name = "site"
urlpatterns = [
    path("<slug:edition>/", views.home, name="home"),
    path("<slug:edition>/site-news/", views.site_news, name="site_news"),
    path("<slug:edition>/site-news/page/<pageno:page>/", views.site_news, name="site_news"),
    path("<slug:edition>/tags/<slug:slug>/", views.tag, name="tag"),
    path("<slug:edition>/tags/<slug:slug>/page/<pageno:page>/", views.tag, name="tag"),
    path("<slug:edition>/archive/<yyyy:year>/", views.archive, name="archive"),
    path("<slug:edition>/archive/<yyyy:year>/page/<pageno:page>/", views.archive, name="archive"),
    path("<slug:edition>/archive/<yyyy:year>/<mm:month>/", views.archive, name="archive"),
    path(
        "<slug:edition>/archive/<yyyy:year>/<mm:month>/page/<pageno:page>/",
        views.archive,
        name="archive",
    ),
    path("<slug:edition>/<path:rest>/", views.resolve_path, name="path"),
]
