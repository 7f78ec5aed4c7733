"""The one error an importer raises: a message for the person running the import."""


class ImportFailed(Exception):
    """The source cannot be imported; the message says where and why. Nothing was written."""
