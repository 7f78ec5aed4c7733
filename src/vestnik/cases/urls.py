from django.urls import path

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
    path("<slug:edition>/cases/<slug:slug>/feed/", feeds.CaseFeed(), name="feed"),
    path(
        "<slug:edition>/cases/<slug:slug>/hearing-<int:pk>.ics",
        views.hearing_ics,
        name="hearing_ics",
    ),
]
