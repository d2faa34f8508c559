from django.contrib.auth import views as auth_views
from django.urls import path

from kam.users import views

app_name = "users"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("me/password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("me/social-style/", views.social_style_view, name="social_style"),
    path("language/", views.language_view, name="language"),
    path("me/tokens/", views.token_list_view, name="tokens"),
    path("me/tokens/<uuid:token_uuid>/revoke/", views.token_revoke_view, name="token_revoke"),
]
