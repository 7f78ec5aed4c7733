from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "vestnik.accounts"
    label = "vestnik_accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        from vestnik.accounts import receivers  # noqa: F401 - connects the signal receivers
