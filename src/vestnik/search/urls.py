from django.urls import path

from vestnik.search import views

app_name = "search"
urlpatterns = [
    path("<slug:edition>/search/", views.search_page, name="page"),
    path("<slug:edition>/search.json", views.search_json, name="json"),
]
