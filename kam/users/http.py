"""The request type of views and API handlers that only a signed-in user reaches."""

from django.http import HttpRequest

from kam.users.models import User


class AuthenticatedHttpRequest(HttpRequest):
    """A request whose user is signed in: behind `login_required` or the API's authentication.

    Only an annotation: Django still passes a plain `HttpRequest`, whose `user` is a `User` there.
    """

    user: User
