"""Errors a service raises for the user to read; views and the API turn them into 4xx responses."""


class ApplicationError(Exception):
    """A business rule refused the operation. `message` is translated and user-readable."""

    def __init__(self, message: str, *, code: str = "invalid", status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.status = status
