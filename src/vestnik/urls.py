from django.conf import settings
from django.contrib import admin
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.urls import include, path, re_path
from django.views.static import serve as serve_file

from vestnik.site import views as site_views


def serve_media(request: HttpRequest, path: str) -> HttpResponseBase:
    # MEDIA_ROOT read per request, not frozen when the URLconf is first imported
    return serve_file(request, path, document_root=str(settings.MEDIA_ROOT))


handler404 = "vestnik.site.views.not_found"
handler500 = "vestnik.site.views.server_error"

urlpatterns = [
    path("", site_views.root, name="root"),
    path("admin/2fa/", include("vestnik.accounts.urls")),
    path("admin/", admin.site.urls),
    # The embedded install serves uploaded media itself; behind nginx, let nginx do it.
    re_path(r"^media/(?P<path>.+)$", serve_media),
    # Each capability owns its routes; all of them come before the site's catch-all
    # route for section and article paths.
    path("", include("vestnik.editorial.urls")),
    path("", include("vestnik.api.urls")),
    path("", include("vestnik.syndication.urls")),
    path("", include("vestnik.search.urls")),
    path("", include("vestnik.cases.urls")),
    path("", include("vestnik.publishing.urls")),
    path("", include("vestnik.importers.urls")),
    path("", include("vestnik.ops.urls")),
    path("", include("vestnik.site.urls")),
]
