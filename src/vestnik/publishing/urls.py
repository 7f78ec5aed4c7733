from django.urls import path

from vestnik.publishing import views

urlpatterns = [
    path(".well-known/vestnik-publish-key.txt", views.public_key, name="publish_key"),
]
