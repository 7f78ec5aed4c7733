from django.urls import path
from django.views.generic import RedirectView

from vestnik.cases import feeds, views

app_name = "cases"
urlpatterns = [
    path("<slug:edition>/cases/", views.case_index, name="index"),
    path(
        "<slug:edition>/cases/documents/<int:pk>/<str:name>",
        views.document,
        name="document",
    ),
    path("<slug:edition>/cases/<slug:slug>/", views.case_page, name="case"),
    # a file name with the type's extension, so a static copy is served as Atom, not HTML
    path("<slug:edition>/cases/<slug:slug>/atom.xml", feeds.CaseFeed(), name="feed"),
    path(
        "<slug:edition>/cases/<slug:slug>/feed/",
        RedirectView.as_view(pattern_name="cases:feed", permanent=True),
        name="feed_old",
    ),
    path(
        "<slug:edition>/cases/<slug:slug>/hearing-<int:pk>.ics",
        views.hearing_ics,
        name="hearing_ics",
    ),
]
