from django.contrib.auth import views as auth_views
from django.urls import path

from vigie.web.backoffice.auth import views

# Included in the "backoffice" namespace (vigie.web.backoffice.urls).
urlpatterns = [
    path("connexion/", views.password_step, name="login"),
    path("connexion/verification/", views.verify_step, name="login_verify"),
    path("connexion/enrolement/", views.enrol_step, name="login_enrol"),
    path("connexion/activation/<str:uid>/<str:token>/", views.activate, name="activate"),
    path("deconnexion/", auth_views.LogoutView.as_view(), name="logout"),
]
