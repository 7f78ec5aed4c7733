"""vestnik: news publishing for human-rights and civil-society organisations."""

__version__ = "0.1.0"
