"""Sign-in, password change, language switch and personal API tokens."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django.views.i18n import set_language

from kam.core.exceptions import ApplicationError
from kam.security import services as security
from kam.users import services
from kam.users.forms import ApiTokenForm, LoginForm, SocialStyleForm, StyledPasswordChangeForm
from kam.users.http import AuthenticatedHttpRequest
from kam.users.models import ApiToken


class LoginView(auth_views.LoginView):
    """Sign-in; every password check goes into the audit trail with the client's address, and
    a username locked from this address gets the lockout page (django-axes' middleware)."""

    template_name = "users/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def post(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        self.was_locked = security.lockout_is_active(
            request=request, username=request.POST.get("username", "")
        )
        return super().post(request, *args, **kwargs)

    def form_valid(self, form: AuthenticationForm) -> HttpResponse:
        response = super().form_valid(form)
        security.sign_in_record_success(request=self.request, user=form.get_user())
        return response

    def form_invalid(self, form: AuthenticationForm) -> HttpResponse:
        username, password = form.data.get("username", ""), form.data.get("password", "")
        if username and password:  # the password was checked (a blank field is not an attempt)
            security.sign_in_record_failure(
                request=self.request, username=username, was_locked=self.was_locked
            )
        return super().form_invalid(form)


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "users/password_change.html"
    form_class = StyledPasswordChangeForm
    success_url = reverse_lazy("accounts:list")

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "request": self.request}

    def form_valid(self, form: PasswordChangeForm) -> HttpResponse:
        messages.success(self.request, _("Your password has been changed."))
        return super().form_valid(form)


@require_POST
def language_view(request: HttpRequest) -> HttpResponse:
    """Switch language (cookie, via Django's set_language) and remember it on the user."""
    language = request.POST.get("language", "")
    response = set_language(request)
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        services.user_set_language(user=request.user, language=language)
    return response


@login_required
@require_http_methods(["GET", "POST"])
def token_list_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = ApiTokenForm(request.POST or None)
    new_token = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not security.password_confirm(
            request=request, user=request.user, password=data["password"]
        ):
            form.add_error("password", _("This is not your password."))
        else:
            try:
                _token, new_token = services.api_token_create(
                    user=request.user,
                    name=data["name"],
                    scope=data["scope"],
                    expires_in_days=data["expires_in_days"],
                )
            except ApplicationError as error:
                form.add_error("name", error.message)
            else:
                form = ApiTokenForm()
    context = {
        "form": form,
        "new_token": new_token,
        "tokens": list(ApiToken.objects.filter(user=request.user)),
    }
    return render(request, "users/tokens.html", context, status=400 if form.errors else 200)


@login_required
@require_POST
def token_revoke_view(request: AuthenticatedHttpRequest, token_uuid: str) -> HttpResponse:
    # Scoped to the requesting user: another user's token is a 404.
    token = get_object_or_404(ApiToken, uuid=token_uuid, user=request.user)
    services.api_token_revoke(actor=request.user, token=token)
    messages.success(request, _("Token revoked. Clients using it are refused from now on."))
    return redirect("users:tokens")


@login_required
@require_http_methods(["GET", "POST"])
def social_style_view(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Let the user record their own social style."""
    form = SocialStyleForm(
        request.POST or None, initial={"social_style": request.user.social_style}
    )
    if request.method == "POST" and form.is_valid():
        services.user_set_social_style(
            user=request.user, social_style=form.cleaned_data["social_style"]
        )
        messages.success(request, _("Your social style has been saved."))
        return redirect("users:social_style")
    status = 400 if form.errors else 200
    return render(request, "users/social_style.html", {"form": form}, status=status)
