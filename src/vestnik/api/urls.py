import json

from django.http import HttpRequest, HttpResponse
from django.urls import path, re_path

from vestnik.api.views import api


def not_found(request: HttpRequest, rest: str = "") -> HttpResponse:
    """Unknown API paths answer in JSON like the rest of the API."""
    body = {"error": {"status": 404, "code": "not_found", "message": "No such API endpoint."}}
    return HttpResponse(json.dumps(body), status=404, content_type="application/json")


urlpatterns = [
    path("api/v1/", api.urls),
    re_path(r"^api/(?P<rest>.*)$", not_found),
]
