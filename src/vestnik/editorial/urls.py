from django.urls import path

from vestnik.editorial import views

urlpatterns = [
    path("editorial/preview/<str:token>/", views.preview, name="editorial-preview"),
]
