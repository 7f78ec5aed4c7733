from django.urls import path

from vestnik.accounts import views

app_name = "accounts"

urlpatterns = [
    path("setup/", views.setup, name="setup"),
    path("verify/", views.verify, name="verify"),
    path("recovery-codes/", views.recovery_codes, name="recovery_codes"),
    path("remove/", views.remove, name="remove"),
]
